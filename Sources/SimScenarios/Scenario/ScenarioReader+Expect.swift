import ClusterSim

extension ScenarioReader {
    /// Reads the `expect` block; `nodes` (when usable) checks `final_leader`.
    ///
    /// Some fields configure the checkers rather than the report's checks, so they go into
    /// `checks`: `converge_within`, `zombie_window_max`, and `lost_writes: 0`, which makes
    /// a lost acknowledged write a violation.
    mutating func expectations(_ value: JSONValue, at path: String, nodes: [String]?, checks: inout CheckOptions) -> Expectations {
        let allowed = ["failover_time", "failovers", "split_brain", "lost_writes", "final_timeline", "final_leader",
                       "write_outage", "rewinds", "all_streaming", "converged", "converge_within", "zombie_windows",
                       "zombie_window_max", "violations"]
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
        if case .object(let bounds)? = object["lost_writes"] {
            let boundsPath = JSONPath.child(path, "lost_writes")
            if self.object(.object(bounds), at: boundsPath, allowed: ["min", "max"]) != nil {
                expect.lostWritesMin = integer(bounds, "min", in: boundsPath, count).map { Int($0) }
                expect.lostWrites = integer(bounds, "max", in: boundsPath, count).map { Int($0) }
                if bounds.isEmpty {
                    fail(boundsPath, "expected at least one of \"min\" and \"max\", got an empty object")
                } else if let min = expect.lostWritesMin, let max = expect.lostWrites, min > max {
                    fail(boundsPath, "expected min <= max, got min \(min) and max \(max)")
                    expect.lostWritesMin = nil
                    expect.lostWrites = nil
                }
            }
        } else {
            expect.lostWrites = integer(object, "lost_writes", in: path, count).map { Int($0) }
        }
        if expect.lostWrites == 0 {
            checks.lostWritesAreViolations = true
        }
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
        expect.converged = bool(object, "converged", in: path)
        checks.convergeWithin = duration(object, "converge_within", in: path, positive: true) ?? checks.convergeWithin
        expect.zombieWindows = integer(object, "zombie_windows", in: path, count).map { Int($0) }
        checks.fencedPrimaryBound = duration(object, "zombie_window_max", in: path) ?? checks.fencedPrimaryBound
        expect.violations = integer(object, "violations", in: path, count).map { Int($0) }
        return expect
    }
}
