import ClusterSim

extension ScenarioReader {
    /// Reads a `switchover` or `failover` request: an optional `candidate` (a node name) and
    /// an optional `scheduled_at` (a time in the run, before its end). Requests Patroni
    /// itself refuses (a failover without a candidate, or scheduled, a time in the past)
    /// are accepted here so that a scenario can show Patroni's answer.
    mutating func manualFailoverAction(_ name: String, in raw: JSONObject, at path: String, nodes: [String]?) -> FaultAction? {
        let problemCount = problems.count
        var candidate: FaultTarget?
        if let value = raw["candidate"] {
            candidate = candidateNode(value, at: JSONPath.child(path, "candidate"), nodes: nodes)
        }
        var scheduledAt: SimInstant?
        if raw["scheduled_at"] != nil, let time = duration(raw, "scheduled_at", in: path) {
            scheduledAt = SimInstant(microseconds: time.microseconds)
        }
        guard problems.count == problemCount else { return nil }
        return name == "switchover"
            ? .switchover(candidate: candidate, scheduledAt: scheduledAt)
            : .failover(candidate: candidate, scheduledAt: scheduledAt)
    }

    /// A candidate: the name of one of the nodes (not a role: Patroni's request names a member).
    private mutating func candidateNode(_ value: JSONValue, at path: String, nodes: [String]?) -> FaultTarget? {
        guard case .string(let text) = value else {
            fail(path, "expected a node name, got \(ScenarioText.given(value))")
            return nil
        }
        guard let nodes else { return nil }
        guard let index = nodes.firstIndex(of: text) else {
            fail(path, "unknown node \(ScenarioText.quoted(text)); expected one of the nodes: \(Self.list(nodes))")
            return nil
        }
        return .node(index, name: text)
    }
}
