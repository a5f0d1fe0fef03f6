import ClusterSim

extension ScenarioReader {
    /// Reads a node's `clock` object, `{"offset": "2s", "drift_ppm": 500}`: the wall clock's
    /// offset at the start of the run (signed) and its rate error in parts per million.
    /// Returns nil when anything in it is unusable (the problems are reported).
    mutating func nodeClock(_ value: JSONValue, at path: String) -> NodeClock? {
        guard let object = object(value, at: path, allowed: ["offset", "drift_ppm"]) else {
            return nil
        }
        let problemCount = problems.count
        let offset = signedDuration(object, "offset", in: path) ?? .zero
        let drift = integer(object, "drift_ppm", in: path,
                            IntegerRange(min: NodeClock.slowestDriftPPM, max: NodeClock.fastestDriftPPM, unit: "parts per million")) ?? 0
        guard problems.count == problemCount else {
            return nil
        }
        return NodeClock(offset: offset, driftPPM: drift)
    }
}
