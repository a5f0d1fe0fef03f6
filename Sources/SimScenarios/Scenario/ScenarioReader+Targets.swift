import ClusterSim

extension ScenarioReader {
    /// Reads a fault target: a node name, `"leader"`, `"replica"` or `"previous"`. With `nodes` nil
    /// (the node list is unusable) a name is only type-checked.
    mutating func target(_ value: JSONValue, at path: String, nodes: [String]?) -> FaultTarget? {
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
    mutating func peers(_ value: JSONValue, at path: String, nodes: [String]?, target: FaultTarget?) -> [PeerSelector]? {
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
