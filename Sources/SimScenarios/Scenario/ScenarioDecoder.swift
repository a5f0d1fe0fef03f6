import ClusterSim

/// Turns a scenario document (DESIGN.md §5) into a validated ``Scenario``.
///
/// Decoding never stops at the first mistake: every unknown key, wrong type, bad
/// duration, unknown node and out-of-range value is collected, and one
/// ``ScenarioError`` lists them all, sorted by JSON path. Patroni's timers are taken as
/// written (only non-positive values are rejected); their adjustment is
/// `EffectiveTimers`' job, which reports it as warnings.
public enum ScenarioDecoder {
    /// Parses `bytes` as JSON and decodes the scenario.
    ///
    /// A JSON syntax error becomes a single problem at the path where parsing stopped.
    public static func decode(_ bytes: [UInt8], file: String) throws(ScenarioError) -> Scenario {
        let document: JSONValue
        do throws(JSONParseError) {
            document = try JSONParser.parse(bytes)
        } catch {
            throw ScenarioError(file: file, problems: [invalidJSON(error)])
        }
        return try decode(document, file: file)
    }

    /// Decodes and validates a parsed scenario document; `file` names it in errors and
    /// becomes the scenario's ``Scenario/source``.
    public static func decode(_ value: JSONValue, file: String) throws(ScenarioError) -> Scenario {
        var reader = ScenarioReader()
        let scenario = reader.scenario(value, source: file)
        guard reader.problems.isEmpty, let scenario else {
            throw ScenarioError(file: file, problems: reader.problems)
        }
        return scenario
    }

    /// The problem reported for a JSON syntax error.
    static func invalidJSON(_ error: JSONParseError) -> ScenarioProblem {
        ScenarioProblem(path: error.path, message: "invalid JSON at line \(error.line), column \(error.column): \(error.message)")
    }
}

/// The limits of scenario values, in one place so messages and checks agree.
enum ScenarioLimits {
    /// The longest run and the longest duration anywhere in a scenario: 30 days.
    static let longestDuration = SimDuration.seconds(30 * 24 * 3600)
    /// The largest Patroni timer in seconds (30 days), which keeps every derived time in range.
    static let largestTimerSeconds: Int64 = 30 * 24 * 3600
    /// The largest size or rate in bytes (1 TiB), which keeps size × 10⁶ in 64 bits.
    static let largestByteCount: Int64 = 1 << 40
    /// The most nodes a cluster may have.
    static let mostNodes = 9
    /// Names that would clash with hosts and selectors of the simulation.
    static let reservedNames = ["etcd", "clients", "haproxy", "leader", "replica", "nodes"] + (1...9).map { "etcd\($0)" }
}

/// Reads one scenario document, collecting problems instead of stopping at the first.
struct ScenarioReader {
    /// Every problem found so far, in discovery order.
    var problems: [ScenarioProblem] = []

    /// Records a problem at `path`.
    mutating func fail(_ path: String, _ message: String) {
        problems.append(ScenarioProblem(path: path, message: message))
    }

    /// Decodes the whole document; nil when it is not even an object.
    mutating func scenario(_ value: JSONValue, source: String) -> Scenario? {
        let path = "$"
        let allowed = ["name", "description", "seed", "duration", "ha", "cluster", "workload", "faults", "expect", "limits"]
        guard let object = object(value, at: path, allowed: allowed) else {
            return nil
        }
        var options = ClusterOptions()
        let name = nonEmptyString(object, "name", in: path)
        if object["name"] == nil {
            fail(path, "missing required key \"name\"")
        }
        options.name = name ?? options.name
        let description = string(object, "description", in: path) ?? ""
        if let seed = seed(object, in: path) {
            options.seed = seed
        }
        // Fault times are checked against the run's duration only when it is known.
        var runDuration: SimDuration? = options.duration
        if object["duration"] != nil {
            runDuration = duration(object, "duration", in: path, positive: true)
            options.duration = runDuration ?? options.duration
        }
        if let ha = object["ha"], ha != .string("patroni") {
            fail(JSONPath.child(path, "ha"), "only \"patroni\" is supported in this version, got \(ScenarioText.given(ha))")
        }
        var nodeNames: [String]? = options.nodes.map(\.name)
        if let cluster = object["cluster"] {
            nodeNames = self.cluster(cluster, at: JSONPath.child(path, "cluster"), into: &options)
        }
        if let workload = object["workload"] {
            self.workload(workload, at: JSONPath.child(path, "workload"), into: &options.workload)
        }
        if let faults = object["faults"] {
            options.faults = self.faults(faults, at: JSONPath.child(path, "faults"), nodes: nodeNames, runDuration: runDuration)
        }
        var expectations = Expectations()
        if let expect = object["expect"] {
            expectations = self.expectations(expect, at: JSONPath.child(path, "expect"), nodes: nodeNames)
        }
        expectations.expectsFailover = options.faults.contains { Self.causesFailover($0.action) }
        if let limits = object["limits"], let limitsObject = self.object(limits, at: JSONPath.child(path, "limits"), allowed: ["max_events"]) {
            if let maxEvents = integer(limitsObject, "max_events", in: JSONPath.child(path, "limits"), IntegerRange(min: 1)) {
                options.limits.maxEvents = UInt64(maxEvents)
            }
        }
        return Scenario(name: name ?? "", description: description, options: options, expectations: expectations, source: source)
    }

    /// Whether `action` should make the cluster fail over whichever node leads: a stop or
    /// kill of the leader, or cutting the leader off from etcd.
    static func causesFailover(_ action: FaultAction) -> Bool {
        switch action {
        case .stop(.leader), .kill(.leader):
            return true
        case .partition(let partition):
            return partition.target == .leader && partition.peers.contains(.etcd)
        case .stop, .kill, .start, .heal:
            return false
        }
    }

    /// Reads `seed`: a non-negative integer up to 2⁶⁴ − 1.
    private mutating func seed(_ object: JSONObject, in parent: String) -> UInt64? {
        guard let value = object["seed"] else {
            return nil
        }
        if case .number(let number) = value, number.isInteger {
            if let small = number.int64Value, small >= 0 {
                return UInt64(small)
            }
            if let large = UInt64(number.literal) {
                return large
            }
        }
        fail(JSONPath.child(parent, "seed"), "expected an integer from 0 to \(UInt64.max), got \(ScenarioText.given(value))")
        return nil
    }
}

// MARK: - Cluster

extension ScenarioReader {
    /// Reads the `cluster` section into `options` and returns the node names targets may
    /// use, or nil when the section or its node list is unusable (its problems are
    /// already reported, and unresolvable names would only add noise).
    mutating func cluster(_ value: JSONValue, at path: String, into options: inout ClusterOptions) -> [String]? {
        let allowed = ["scope", "namespace", "nodes", "etcd", "patroni", "postgres", "network"]
        guard let object = object(value, at: path, allowed: allowed) else {
            return nil
        }
        if let scope = nonEmptyString(object, "scope", in: path) {
            options.scope = scope
        }
        if let namespace = nonEmptyString(object, "namespace", in: path) {
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

    /// Reads one node: a name, or `{"name": ..., "tags": {...}}`.
    private mutating func node(_ value: JSONValue, at path: String) -> NodeOptions? {
        switch value {
        case .string(let name):
            return nodeName(name, at: path).map(NodeOptions.init(name:))
        case .object:
            guard let object = object(value, at: path, allowed: ["name", "tags"]) else {
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
                guard let tagsObject = self.object(tags, at: tagsPath, allowed: ["nofailover", "failover_priority"]) else {
                    return nil
                }
                let problemCount = problems.count
                node.nofailover = bool(tagsObject, "nofailover", in: tagsPath) ?? node.nofailover
                node.failoverPriority = integer(tagsObject, "failover_priority", in: tagsPath, IntegerRange(min: 0)).map { Int($0) } ?? node.failoverPriority
                if problems.count > problemCount {
                    return nil
                }
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

    /// Reads the `etcd` section.
    private mutating func etcd(_ value: JSONValue, at path: String, into etcd: inout EtcdOptions) {
        guard let object = object(value, at: path, allowed: ["members", "election_timeout", "lessor_scan_interval"]) else {
            return
        }
        if let members = integer(object, "members", in: path, IntegerRange(min: 1)), members != 1 {
            fail(JSONPath.child(path, "members"), "only 1 etcd member is modelled in this version, got \(members)")
        }
        etcd.electionTimeout = duration(object, "election_timeout", in: path, positive: true) ?? etcd.electionTimeout
        etcd.lessorScanInterval = duration(object, "lessor_scan_interval", in: path, positive: true) ?? etcd.lessorScanInterval
    }

    /// Reads the `patroni` section, in Patroni's own names and units (seconds, bytes).
    private mutating func patroni(_ value: JSONValue, at path: String, into settings: inout PatroniSettings) {
        let allowed = ["ttl", "loop_wait", "retry_timeout", "maximum_lag_on_failover", "use_pg_rewind",
                       "check_timeline", "primary_start_timeout", "enforce_timer_rules"]
        guard let object = object(value, at: path, allowed: allowed) else {
            return
        }
        let timer = IntegerRange(min: 1, max: ScenarioLimits.largestTimerSeconds, unit: "seconds")
        settings.ttl = integer(object, "ttl", in: path, timer).map { Int($0) } ?? settings.ttl
        settings.loopWait = integer(object, "loop_wait", in: path, timer).map { Int($0) } ?? settings.loopWait
        settings.retryTimeout = integer(object, "retry_timeout", in: path, timer).map { Int($0) } ?? settings.retryTimeout
        settings.maximumLagOnFailover = integer(object, "maximum_lag_on_failover", in: path, IntegerRange(min: 0, unit: "bytes")) ?? settings.maximumLagOnFailover
        settings.usePgRewind = bool(object, "use_pg_rewind", in: path) ?? settings.usePgRewind
        settings.checkTimeline = bool(object, "check_timeline", in: path) ?? settings.checkTimeline
        settings.primaryStartTimeout = integer(object, "primary_start_timeout", in: path,
                                               IntegerRange(min: 0, max: ScenarioLimits.largestTimerSeconds, unit: "seconds")).map { Int($0) } ?? settings.primaryStartTimeout
        settings.enforceTimerRules = bool(object, "enforce_timer_rules", in: path) ?? settings.enforceTimerRules
    }

    /// Reads the `postgres` section.
    private mutating func postgres(_ value: JSONValue, at path: String, into settings: inout PostgresSettings) {
        let durations: [(String, WritableKeyPath<PostgresSettings, SimDuration>)] = [
            ("initdb", \.initdb), ("start", \.start), ("crash_recovery", \.crashRecovery), ("promote", \.promote),
            ("fast_stop", \.fastStop), ("rewind_base", \.rewindBase), ("wal_retrieve_retry_interval", \.walRetrieveRetryInterval),
        ]
        let sizes: [(String, WritableKeyPath<PostgresSettings, Int64>)] = [
            ("rewind_bytes_per_second", \.rewindBytesPerSecond), ("data_size", \.dataSize),
            ("basebackup_bytes_per_second", \.basebackupBytesPerSecond), ("wal_bytes_per_write", \.walBytesPerWrite),
            ("checkpoint_record_bytes", \.checkpointRecordBytes),
        ]
        let allowed = ["version"] + durations.map(\.0) + sizes.map(\.0) + ["use_slots"]
        guard let object = object(value, at: path, allowed: allowed) else {
            return
        }
        settings.version = integer(object, "version", in: path, IntegerRange(min: 9, max: 18)).map { Int($0) } ?? settings.version
        for (key, field) in durations {
            // A zero retry interval would make a walreceiver reconnect in a busy loop.
            let positive = key == "wal_retrieve_retry_interval"
            settings[keyPath: field] = duration(object, key, in: path, positive: positive) ?? settings[keyPath: field]
        }
        let size = IntegerRange(min: 1, max: ScenarioLimits.largestByteCount, unit: "bytes")
        for (key, field) in sizes {
            settings[keyPath: field] = integer(object, key, in: path, size) ?? settings[keyPath: field]
        }
        settings.useSlots = bool(object, "use_slots", in: path) ?? settings.useSlots
    }
}

// MARK: - Workload

extension ScenarioReader {
    /// Reads the `workload` section.
    mutating func workload(_ value: JSONValue, at path: String, into workload: inout WorkloadOptions) {
        let allowed = ["writes_per_second", "start_at", "router", "client_timeout", "haproxy"]
        guard let object = object(value, at: path, allowed: allowed) else {
            return
        }
        workload.writesPerSecond = integer(object, "writes_per_second", in: path, IntegerRange(min: 0, max: 100_000)).map { Int($0) } ?? workload.writesPerSecond
        if let startAt = duration(object, "start_at", in: path) {
            workload.startAt = SimInstant(microseconds: startAt.microseconds)
        }
        if let router = object["router"] {
            let choices = RouterKind.allCases.map(\.rawValue)
            if let text = choice(router, at: JSONPath.child(path, "router"), from: choices), let kind = RouterKind(rawValue: text) {
                workload.router = kind
            }
        }
        workload.clientTimeout = duration(object, "client_timeout", in: path, positive: true) ?? workload.clientTimeout
        if let haproxy = object["haproxy"] {
            let haproxyPath = JSONPath.child(path, "haproxy")
            guard let haproxyObject = self.object(haproxy, at: haproxyPath, allowed: ["inter", "fall", "rise", "timeout_check"]) else {
                return
            }
            if let inter = duration(haproxyObject, "inter", in: haproxyPath, positive: true) {
                workload.haproxy.inter = inter
                // HAProxy's `timeout check` defaults to `inter`.
                workload.haproxy.checkTimeout = inter
            }
            workload.haproxy.fall = integer(haproxyObject, "fall", in: haproxyPath, IntegerRange(min: 1)).map { Int($0) } ?? workload.haproxy.fall
            workload.haproxy.rise = integer(haproxyObject, "rise", in: haproxyPath, IntegerRange(min: 1)).map { Int($0) } ?? workload.haproxy.rise
            workload.haproxy.checkTimeout = duration(haproxyObject, "timeout_check", in: haproxyPath, positive: true) ?? workload.haproxy.checkTimeout
        }
    }
}

// MARK: - Faults

extension ScenarioReader {
    /// The fault actions a scenario may use, and the keys each allows besides `at` and `action`.
    static let faultActions: [(name: String, keys: [String])] = [
        ("stop", ["target"]), ("kill", ["target"]), ("start", ["target"]),
        ("partition", ["target", "from", "direction"]), ("heal", ["target"]),
    ]

    /// Reads the fault list, sorted stably by time (faults at the same time keep file order).
    mutating func faults(_ value: JSONValue, at path: String, nodes: [String]?, runDuration: SimDuration?) -> [Fault] {
        guard case .array(let elements) = value else {
            fail(path, "expected an array of fault objects, got \(ScenarioText.given(value))")
            return []
        }
        var faults: [(index: Int, fault: Fault)] = []
        for (index, element) in elements.enumerated() {
            if let fault = fault(element, at: JSONPath.index(path, index), nodes: nodes, runDuration: runDuration) {
                faults.append((index, fault))
            }
        }
        return faults.sorted { ($0.fault.at, $0.index) < ($1.fault.at, $1.index) }.map(\.fault)
    }

    /// Reads one fault; nil when any part of it is unusable.
    private mutating func fault(_ value: JSONValue, at path: String, nodes: [String]?, runDuration: SimDuration?) -> Fault? {
        guard case .object(let raw) = value else {
            fail(path, "expected a fault object, got \(ScenarioText.given(value))")
            return nil
        }
        let problemCount = problems.count
        let actionNames = Self.faultActions.map(\.name)
        var action: String?
        if let actionValue = raw["action"] {
            action = choice(actionValue, at: JSONPath.child(path, "action"), from: actionNames)
        } else {
            fail(path, "missing required key \"action\"")
        }
        let extraKeys = Self.faultActions.first { $0.name == action }?.keys ?? Self.faultActions.flatMap(\.keys)
        var allowed = ["at", "within", "action"]
        for key in extraKeys where !allowed.contains(key) {
            allowed.append(key)
        }
        for key in raw.keys where !allowed.contains(key) {
            if let action, Self.faultActions.contains(where: { $0.keys.contains(key) }) {
                fail(JSONPath.child(path, key), "key \(ScenarioText.quoted(key)) is not allowed with action \(ScenarioText.quoted(action)); allowed keys: \(Self.list(allowed))")
            } else {
                fail(JSONPath.child(path, key), unknownKeyMessage(key, allowed: allowed))
            }
        }
        var at: SimInstant?
        if raw["at"] == nil {
            fail(path, "missing required key \"at\"")
        } else if let time = duration(raw, "at", in: path), let atValue = raw["at"] {
            if let runDuration, time >= runDuration {
                fail(JSONPath.child(path, "at"), "expected a time before the end of the run (duration \(DurationText.format(runDuration))), got \(ScenarioText.given(atValue))")
            } else {
                at = SimInstant(microseconds: time.microseconds)
            }
        }
        var within = SimDuration.zero
        if raw["within"] != nil, let spread = duration(raw, "within", in: path), let spreadValue = raw["within"] {
            if let runDuration, let at, at + spread > SimInstant.zero + runDuration {
                fail(JSONPath.child(path, "within"), "expected the window [at, at + within) to end before the end of the run (duration \(DurationText.format(runDuration))), got \(ScenarioText.given(spreadValue))")
            } else {
                within = spread
            }
        }
        var target: FaultTarget?
        if let targetValue = raw["target"] {
            target = self.target(targetValue, at: JSONPath.child(path, "target"), nodes: nodes)
        } else if action != nil && action != "heal" {
            fail(path, "missing required key \"target\"")
        }
        var peers: [PeerSelector] = [.etcd, .otherNodes, .clients]
        var direction = PartitionDirection.both
        if action == "partition" {
            if let from = raw["from"], let selectors = self.peers(from, at: JSONPath.child(path, "from"), nodes: nodes, target: target) {
                peers = selectors
            }
            if let directionValue = raw["direction"],
               let text = choice(directionValue, at: JSONPath.child(path, "direction"), from: PartitionDirection.allCases.map(\.rawValue)),
               let parsed = PartitionDirection(rawValue: text) {
                direction = parsed
            }
        }
        guard problems.count == problemCount, let at, let action else {
            return nil
        }
        switch (action, target) {
        case ("stop", let target?): return Fault(at: at, within: within, action: .stop(target))
        case ("kill", let target?): return Fault(at: at, within: within, action: .kill(target))
        case ("start", let target?): return Fault(at: at, within: within, action: .start(target))
        case ("partition", let target?): return Fault(at: at, within: within, action: .partition(Partition(target: target, peers: peers, direction: direction)))
        case ("heal", let target): return Fault(at: at, within: within, action: .heal(target))
        default: return nil
        }
    }

    /// Reads a fault target: a node name, `"leader"` or `"replica"`. With `nodes` nil
    /// (the node list is unusable) a name is only type-checked.
    private mutating func target(_ value: JSONValue, at path: String, nodes: [String]?) -> FaultTarget? {
        guard case .string(let text) = value else {
            fail(path, "expected a node name, \"leader\", \"replica\" or \"previous\", got \(ScenarioText.given(value))")
            return nil
        }
        switch text {
        case "leader": return .leader
        case "replica": return .replica
        case "previous": return .previous
        default:
            guard let nodes else {
                return nil
            }
            guard let index = nodes.firstIndex(of: text) else {
                fail(path, "unknown node \(ScenarioText.quoted(text)); expected \"leader\", \"replica\", \"previous\" or one of the nodes: \(Self.list(nodes))")
                return nil
            }
            return .node(index, name: text)
        }
    }

    /// Reads a partition's `from` list: `"etcd"`, `"nodes"`, `"clients"` or node names,
    /// each at most once, never the target itself.
    private mutating func peers(_ value: JSONValue, at path: String, nodes: [String]?, target: FaultTarget?) -> [PeerSelector]? {
        let expected = "\"etcd\", \"nodes\", \"clients\" or node names"
        guard case .array(let elements) = value else {
            fail(path, "expected an array of \(expected), got \(ScenarioText.given(value))")
            return nil
        }
        if elements.isEmpty {
            fail(path, "expected at least one of \(expected), got an empty array")
        }
        var peers: [PeerSelector] = []
        for (index, element) in elements.enumerated() {
            let elementPath = JSONPath.index(path, index)
            guard case .string(let text) = element else {
                fail(elementPath, "expected one of \(expected), got \(ScenarioText.given(element))")
                continue
            }
            let peer: PeerSelector
            switch text {
            case "etcd": peer = .etcd
            case "nodes": peer = .otherNodes
            case "clients": peer = .clients
            default:
                guard let nodes else {
                    continue
                }
                guard let nodeIndex = nodes.firstIndex(of: text) else {
                    fail(elementPath, "unknown peer \(ScenarioText.quoted(text)); expected \"etcd\", \"nodes\", \"clients\" or one of the nodes: \(Self.list(nodes))")
                    continue
                }
                peer = .node(nodeIndex, name: text)
            }
            if case .node(let nodeIndex, _) = peer, case .node(nodeIndex, _)? = target {
                fail(elementPath, "a node cannot be partitioned from itself (\(ScenarioText.quoted(text)) is the target)")
            } else if peers.contains(peer) {
                fail(elementPath, "\(ScenarioText.quoted(text)) is listed twice")
            } else {
                peers.append(peer)
            }
        }
        return peers
    }
}

// MARK: - Expectations

extension ScenarioReader {
    /// Reads the `expect` block; `nodes` (when usable) checks `final_leader`.
    mutating func expectations(_ value: JSONValue, at path: String, nodes: [String]?) -> Expectations {
        let allowed = ["failover_time", "failovers", "split_brain", "lost_writes", "final_timeline", "final_leader",
                       "write_outage", "rewinds", "all_streaming", "violations"]
        var expect = Expectations()
        guard let object = object(value, at: path, allowed: allowed) else {
            return expect
        }
        if let bounds = object["failover_time"] {
            let boundsPath = JSONPath.child(path, "failover_time")
            if let boundsObject = self.object(bounds, at: boundsPath, allowed: ["min", "max"]) {
                let min = duration(boundsObject, "min", in: boundsPath)
                let max = duration(boundsObject, "max", in: boundsPath)
                if boundsObject.isEmpty {
                    fail(boundsPath, "expected at least one of \"min\" and \"max\", got an empty object")
                } else if let min, let max, min > max {
                    fail(boundsPath, "expected min <= max, got min \(ScenarioText.quoted(DurationText.format(min))) and max \(ScenarioText.quoted(DurationText.format(max)))")
                } else if min != nil || max != nil {
                    expect.failoverTime = Expectations.DurationBounds(min: min, max: max)
                }
            }
        }
        let count = IntegerRange(min: 0)
        expect.failovers = integer(object, "failovers", in: path, count).map { Int($0) }
        expect.splitBrain = bool(object, "split_brain", in: path)
        expect.lostWrites = integer(object, "lost_writes", in: path, count).map { Int($0) }
        expect.finalTimeline = integer(object, "final_timeline", in: path, IntegerRange(min: 1)).map { Int($0) }
        if let leader = object["final_leader"] {
            let leaderPath = JSONPath.child(path, "final_leader")
            switch leader {
            case .null:
                expect.finalLeader = .noLeader
            case .string(let name):
                if let nodes, !nodes.contains(name) {
                    fail(leaderPath, "unknown node \(ScenarioText.quoted(name)); expected null or one of the nodes: \(Self.list(nodes))")
                } else {
                    expect.finalLeader = .named(name)
                }
            default:
                fail(leaderPath, "expected a node name or null, got \(ScenarioText.given(leader))")
            }
        }
        if let outage = object["write_outage"] {
            let outagePath = JSONPath.child(path, "write_outage")
            if let outageObject = self.object(outage, at: outagePath, allowed: ["max"]) {
                if outageObject["max"] == nil {
                    fail(outagePath, "missing required key \"max\"")
                }
                expect.writeOutageMax = duration(outageObject, "max", in: outagePath)
            }
        }
        expect.rewinds = integer(object, "rewinds", in: path, count).map { Int($0) }
        expect.allStreaming = bool(object, "all_streaming", in: path)
        expect.violations = integer(object, "violations", in: path, count).map { Int($0) }
        return expect
    }
}

// MARK: - Typed fields

/// An allowed range of integers, and how messages name it.
struct IntegerRange {
    /// The smallest allowed value.
    var min: Int64
    /// The largest allowed value.
    var max: Int64 = .max
    /// The unit named in messages, such as `seconds`, or nil.
    var unit: String?

    /// What a message says was expected, such as `a positive integer` or
    /// `an integer from 1 to 2592000 (seconds)`.
    var expected: String {
        let base: String
        switch (min, max) {
        case (1, .max): base = "a positive integer"
        case (0, .max): base = "a non-negative integer"
        case (_, .max): base = "an integer of at least \(min)"
        default: base = "an integer from \(min) to \(max)"
        }
        return unit.map { "\(base) (\($0))" } ?? base
    }
}

extension ScenarioReader {
    /// `value` as an object whose keys are all in `allowed`; each other key is a problem.
    mutating func object(_ value: JSONValue, at path: String, allowed: [String]) -> JSONObject? {
        guard case .object(let object) = value else {
            fail(path, "expected an object, got \(ScenarioText.given(value))")
            return nil
        }
        for key in object.keys where !allowed.contains(key) {
            fail(JSONPath.child(path, key), unknownKeyMessage(key, allowed: allowed))
        }
        return object
    }

    /// The message for an unknown key: the allowed keys, and the closest one when it is
    /// probably a typo.
    func unknownKeyMessage(_ key: String, allowed: [String]) -> String {
        var message = "unknown key \(ScenarioText.quoted(key)); allowed keys: \(Self.list(allowed))"
        if let suggestion = Spelling.closest(to: key, among: allowed) {
            message += " (did you mean \(ScenarioText.quoted(suggestion))?)"
        }
        return message
    }

    /// The sorted words joined by commas.
    static func list(_ words: [String]) -> String {
        words.sorted { $0.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }.joined(separator: ", ")
    }

    /// The string at `key`, if present and a string.
    mutating func string(_ object: JSONObject, _ key: String, in parent: String) -> String? {
        guard let value = object[key] else {
            return nil
        }
        guard case .string(let text) = value else {
            fail(JSONPath.child(parent, key), "expected a string, got \(ScenarioText.given(value))")
            return nil
        }
        return text
    }

    /// The string at `key`, if present, a string and not empty.
    mutating func nonEmptyString(_ object: JSONObject, _ key: String, in parent: String) -> String? {
        guard let text = string(object, key, in: parent) else {
            return nil
        }
        if text.isEmpty {
            fail(JSONPath.child(parent, key), "expected a non-empty string, got string \"\"")
            return nil
        }
        return text
    }

    /// The Boolean at `key`, if present and a Boolean.
    mutating func bool(_ object: JSONObject, _ key: String, in parent: String) -> Bool? {
        guard let value = object[key] else {
            return nil
        }
        guard case .bool(let flag) = value else {
            fail(JSONPath.child(parent, key), "expected true or false, got \(ScenarioText.given(value))")
            return nil
        }
        return flag
    }

    /// The integer at `key`, if present, integral (`30`, `30.0` and `3e1` all count) and in `range`.
    mutating func integer(_ object: JSONObject, _ key: String, in parent: String, _ range: IntegerRange) -> Int64? {
        guard let value = object[key] else {
            return nil
        }
        guard case .number(let number) = value, let integer = number.int64Value, integer >= range.min, integer <= range.max else {
            fail(JSONPath.child(parent, key), "expected \(range.expected), got \(ScenarioText.given(value))")
            return nil
        }
        return integer
    }

    /// The duration at `key`, if present and valid: a string such as `"30s"`, at most 30
    /// days, and greater than zero when `positive`.
    mutating func duration(_ object: JSONObject, _ key: String, in parent: String, positive: Bool = false) -> SimDuration? {
        guard let value = object[key] else {
            return nil
        }
        let path = JSONPath.child(parent, key)
        guard case .string(let text) = value else {
            fail(path, "expected a duration string such as \"30s\", \"250ms\" or \"2m\", got \(ScenarioText.given(value))")
            return nil
        }
        let duration: SimDuration
        do throws(DurationTextError) {
            duration = try DurationText.parse(text)
        } catch {
            fail(path, error.description)
            return nil
        }
        if positive && duration == .zero {
            fail(path, "expected a duration greater than zero, got \(ScenarioText.quoted(text))")
            return nil
        }
        if duration > ScenarioLimits.longestDuration {
            fail(path, "expected a duration of at most 30 days (\"720h\"), got \(ScenarioText.quoted(text))")
            return nil
        }
        return duration
    }

    /// `value` as one of the strings `choices`.
    mutating func choice(_ value: JSONValue, at path: String, from choices: [String]) -> String? {
        if case .string(let text) = value, choices.contains(text) {
            return text
        }
        let quotedChoices = choices.map(ScenarioText.quoted)
        fail(path, "expected \(choices.count == 1 ? quotedChoices[0] : "one of " + ScenarioText.alternatives(quotedChoices)), got \(ScenarioText.given(value))")
        return nil
    }
}

// MARK: - Paths and spelling

/// JSON paths as the parser writes them: `$.faults[1].at`, `$["odd key"]`.
enum JSONPath {
    /// The path of member `key` of the object at `parent`.
    static func child(_ parent: String, _ key: String) -> String {
        isIdentifier(key) ? "\(parent).\(key)" : "\(parent)[\(JSONWriter.quoted(key))]"
    }

    /// The path of element `index` of the array at `parent`.
    static func index(_ parent: String, _ index: Int) -> String {
        "\(parent)[\(index)]"
    }

    /// Whether `key` is written `.key`: ASCII letters, digits and `_`, not starting with a digit.
    static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return key.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }
}

/// "Did you mean" suggestions for misspelt keys.
enum Spelling {
    /// The candidate nearest to `word` by edit distance, if it is at most 2 edits away
    /// (and fewer than the word's length); ties go to the earlier candidate.
    ///
    /// Complexity: O(*n* × *m*) per candidate for words of length *n* and *m*.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let limit = min(2, word.count - 1)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(word.unicodeScalars), Array(candidate.unicodeScalars))
            if distance <= limit && distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// The Levenshtein distance between `a` and `b`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
