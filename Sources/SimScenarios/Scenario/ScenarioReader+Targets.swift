import ClusterSim

extension ScenarioReader {
    /// Reads a fault target: a node name, `"leader"`, `"replica"`, `"previous"`, an etcd
    /// member's name (`"etcd"` with one member, `"etcd1"`... with several) or
    /// `"etcd-leader"`. With `nodes` nil (the node list is unusable) a name is only type-checked.
    mutating func target(_ value: JSONValue, at path: String, nodes: [String]?, etcdMembers: Int) -> FaultTarget? {
        guard case .string(let text) = value else {
            fail(path, "expected a node name, \"leader\", \"replica\" or \"previous\", got \(ScenarioText.given(value))")
            return nil
        }
        let members = Self.etcdMemberNames(etcdMembers)
        switch text {
        case "leader": return .leader
        case "replica": return .replica
        case "previous": return .previous
        case "etcd-leader": return .etcdLeader
        default:
            if let member = members.firstIndex(of: text) {
                return .etcdMember(member, name: text)
            }
            guard let nodes else {
                return nil
            }
            guard let index = nodes.firstIndex(of: text) else {
                fail(path, "unknown node \(ScenarioText.quoted(text)); expected \"leader\", \"replica\", \"previous\" or one of the nodes: \(Self.list(nodes))"
                     + (members.count > 1 ? " (or an etcd member: \(Self.list(members + ["etcd-leader"])))" : ""))
                return nil
            }
            return .node(index, name: text)
        }
    }

    /// The etcd members' host names: `etcd` alone, or `etcd1`... `etcdN`.
    static func etcdMemberNames(_ count: Int) -> [String] {
        HostLayout(nodeNames: [], etcdMembers: count).names.filter { $0.hasPrefix("etcd") }
    }

    /// Reads a partition's `from` list: `"etcd"` (every member), `"nodes"`, `"clients"`,
    /// node names or etcd member names (`etcd1`...), each at most once, never the target itself.
    mutating func peers(_ value: JSONValue, at path: String, nodes: [String]?, etcdMembers: Int, target: FaultTarget?) -> [PeerSelector]? {
        let expected = "\"etcd\", \"nodes\", \"clients\" or node names"
        let members = Self.etcdMemberNames(etcdMembers)
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
            case _ where members.contains(text) && text != "etcd":
                peer = .etcdMember(members.firstIndex(of: text) ?? 0, name: text)
            default:
                guard let nodes else {
                    continue
                }
                guard let nodeIndex = nodes.firstIndex(of: text) else {
                    fail(elementPath, "unknown peer \(ScenarioText.quoted(text)); expected \"etcd\", \"nodes\", \"clients\" or one of the nodes: \(Self.list(nodes))"
                     + (members.count > 1 ? " (or an etcd member: \(Self.list(members)))" : ""))
                    continue
                }
                peer = .node(nodeIndex, name: text)
            }
            if peer.isSelf(of: target) {
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

extension PeerSelector {
    /// Whether this peer is the partition's own target.
    func isSelf(of target: FaultTarget?) -> Bool {
        switch (self, target) {
        case let (.node(peer, _), .node(index, _)?): return peer == index
        case let (.etcdMember(peer, _), .etcdMember(index, _)?): return peer == index
        default: return false
        }
    }
}

extension FaultTarget {
    /// Whether the target names an etcd member rather than a node.
    var namesEtcd: Bool {
        switch self {
        case .etcdMember, .etcdLeader: return true
        case .node, .leader, .replica, .previous: return false
        }
    }
}
