import ClusterSim

extension ScenarioReader {
    /// Reads the `cluster` section into `options` and returns the node names targets may
    /// use, or nil when the section or its node list is unusable (its problems are
    /// already reported, and unresolvable names would only add noise).
    mutating func cluster(_ value: JSONValue, at path: String, into options: inout ClusterOptions) -> [String]? {
        let allowed = ["scope", "namespace", "nodes", "etcd", "patroni", "postgres", "network"]
        guard let object = object(value, at: path, allowed: allowed) else {
            return nil
        }
        if let scope = label(object, "scope", in: path) {
            options.scope = scope
        }
        if let namespace = label(object, "namespace", in: path) {
            if namespace.contains("/") {
                fail(JSONPath.child(path, "namespace"), "expected a namespace without slashes, got \(ScenarioText.quoted(namespace))")
            } else {
                options.namespace = namespace
            }
        }
        var names: [String]? = options.nodes.map(\.name)
        if let nodes = object["nodes"] {
            let decoded = self.nodes(nodes, at: JSONPath.child(path, "nodes"))
            names = decoded.map { $0.map(\.name) }
            options.nodes = decoded ?? options.nodes
        }
        if let etcd = object["etcd"] {
            self.etcd(etcd, at: JSONPath.child(path, "etcd"), into: &options.etcd)
        }
        if let patroni = object["patroni"] {
            self.patroni(patroni, at: JSONPath.child(path, "patroni"), into: &options.patroni)
        }
        if let postgres = object["postgres"] {
            self.postgres(postgres, at: JSONPath.child(path, "postgres"), into: &options.postgres)
        }
        if let network = object["network"], let networkObject = self.object(network, at: JSONPath.child(path, "network"), allowed: ["latency", "jitter"]) {
            let networkPath = JSONPath.child(path, "network")
            options.network.latency = duration(networkObject, "latency", in: networkPath) ?? options.network.latency
            options.network.jitter = duration(networkObject, "jitter", in: networkPath) ?? options.network.jitter
        }
        return names
    }

    /// Reads the node list; nil when any entry is unusable.
    mutating func nodes(_ value: JSONValue, at path: String) -> [NodeOptions]? {
        guard case .array(let elements) = value else {
            fail(path, "expected an array of node names or node objects, got \(ScenarioText.given(value))")
            return nil
        }
        if elements.isEmpty || elements.count > ScenarioLimits.mostNodes {
            fail(path, "expected 1 to \(ScenarioLimits.mostNodes) nodes, got \(elements.count)")
        }
        var nodes: [NodeOptions] = []
        var usable = true
        for (index, element) in elements.enumerated() {
            let elementPath = JSONPath.index(path, index)
            guard let node = node(element, at: elementPath) else {
                usable = false
                continue
            }
            if let first = nodes.firstIndex(where: { $0.name == node.name }) {
                fail(elementPath, "duplicate node name \(ScenarioText.quoted(node.name)) (also \(JSONPath.index(path, first)))")
                usable = false
                continue
            }
            nodes.append(node)
        }
        return usable ? nodes : nil
    }

    /// Reads one node: a name, or `{"name": ..., "tags": {...}, "clock": {...}}`.
    private mutating func node(_ value: JSONValue, at path: String) -> NodeOptions? {
        switch value {
        case .string(let name):
            return nodeName(name, at: path).map(NodeOptions.init(name:))
        case .object:
            guard let object = object(value, at: path, allowed: ["name", "tags", "clock"]) else {
                return nil
            }
            guard let nameValue = object["name"] else {
                fail(path, "missing required key \"name\"")
                return nil
            }
            guard case .string(let name) = nameValue else {
                fail(JSONPath.child(path, "name"), "expected a node name string, got \(ScenarioText.given(nameValue))")
                return nil
            }
            guard var node = nodeName(name, at: JSONPath.child(path, "name")).map(NodeOptions.init(name:)) else {
                return nil
            }
            if let tags = object["tags"] {
                let tagsPath = JSONPath.child(path, "tags")
                guard let tagsObject = self.object(tags, at: tagsPath, allowed: ["nofailover", "failover_priority", "nosync", "sync_priority"]) else {
                    return nil
                }
                let problemCount = problems.count
                node.nofailover = bool(tagsObject, "nofailover", in: tagsPath) ?? node.nofailover
                node.failoverPriority = integer(tagsObject, "failover_priority", in: tagsPath, IntegerRange(min: 0)).map { Int($0) } ?? node.failoverPriority
                node.nosync = bool(tagsObject, "nosync", in: tagsPath) ?? node.nosync
                node.syncPriority = integer(tagsObject, "sync_priority", in: tagsPath, IntegerRange(min: 0)).map { Int($0) } ?? node.syncPriority
                if problems.count > problemCount {
                    return nil
                }
            }
            if let clock = object["clock"] {
                guard let nodeClock = nodeClock(clock, at: JSONPath.child(path, "clock")) else {
                    return nil
                }
                node.clock = nodeClock
            }
            return node
        default:
            fail(path, "expected a node name string or a node object, got \(ScenarioText.given(value))")
            return nil
        }
    }

    /// Checks a node name: `[A-Za-z0-9_-]+` and not a reserved host or selector name.
    private mutating func nodeName(_ name: String, at path: String) -> String? {
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
        }
        if name.isEmpty || !allowed {
            fail(path, "expected a node name of letters, digits, '_' and '-', got \(ScenarioText.quoted(name))")
            return nil
        }
        if ScenarioLimits.reservedNames.contains(name) {
            fail(path, "\(ScenarioText.quoted(name)) is reserved for a host or selector of the simulation; choose another node name")
            return nil
        }
        return name
    }

    /// Reads the `etcd` section: `members` (1, 3 or 5), `election_timeout`,
    /// `heartbeat_interval` (at most a fifth of the election timeout, as etcd requires),
    /// `lessor_scan_interval` and `commit_latency`.
    private mutating func etcd(_ value: JSONValue, at path: String, into etcd: inout EtcdOptions) {
        let allowed = ["members", "election_timeout", "heartbeat_interval", "lessor_scan_interval", "commit_latency"]
        guard let object = object(value, at: path, allowed: allowed) else {
            return
        }
        if let members = integer(object, "members", in: path, IntegerRange(min: 1)) {
            if [1, 3, 5].contains(members) {
                etcd.members = Int(members)
            } else {
                fail(JSONPath.child(path, "members"), "expected 1, 3 or 5 etcd members, got \(members)")
            }
        }
        etcd.electionTimeout = duration(object, "election_timeout", in: path, positive: true) ?? etcd.electionTimeout
        etcd.heartbeatInterval = duration(object, "heartbeat_interval", in: path, positive: true) ?? etcd.heartbeatInterval
        etcd.lessorScanInterval = duration(object, "lessor_scan_interval", in: path, positive: true) ?? etcd.lessorScanInterval
        etcd.commitLatency = duration(object, "commit_latency", in: path) ?? etcd.commitLatency
        if etcd.members > 1, etcd.electionTimeout < etcd.heartbeatInterval * 5 {
            let field = object["heartbeat_interval"] != nil ? "heartbeat_interval" : "election_timeout"
            fail(JSONPath.child(path, field), "expected election_timeout (\(DurationText.format(etcd.electionTimeout))) to be at least 5 times heartbeat_interval (\(DurationText.format(etcd.heartbeatInterval))), as etcd requires")
        }
    }
}
