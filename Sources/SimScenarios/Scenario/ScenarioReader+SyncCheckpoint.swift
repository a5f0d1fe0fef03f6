extension ScenarioReader {
    /// Reads a checkpoint's `sync_leader`: the name of a node of the cluster.
    mutating func syncLeaderName(_ value: JSONValue, at path: String, nodes: [String]?) -> String? {
        guard case .string(let name) = value else {
            fail(path, "expected a node name, got \(ScenarioText.given(value))")
            return nil
        }
        if let nodes, !nodes.contains(name) {
            fail(path, "unknown node \(ScenarioText.quoted(name)); expected one of the nodes: \(Self.list(nodes))")
            return nil
        }
        return name
    }
}
