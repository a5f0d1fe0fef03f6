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
                       "zombie_window_max", "violations", "at"]
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
            expect.finalLeader = leaderName(leader, at: JSONPath.child(path, "final_leader"), nodes: nodes)
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
        if let list = object["at"] {
            expect.checkpoints = checkpoints(list, at: JSONPath.child(path, "at"), nodes: nodes)
        }
        return expect
    }

    /// A node name or `null` (no leader); `nodes` (when usable) must contain the name.
    private mutating func leaderName(_ value: JSONValue, at path: String, nodes: [String]?) -> Expectations.FinalLeader? {
        switch value {
        case .null:
            return .noLeader
        case .string(let name):
            if let nodes, !nodes.contains(name) {
                fail(path, "unknown node \(ScenarioText.quoted(name)); expected null or one of the nodes: \(Self.list(nodes))")
                return nil
            }
            return .named(name)
        default:
            fail(path, "expected a node name or null, got \(ScenarioText.given(value))")
            return nil
        }
    }

    /// Reads `expect.at`: a list of checkpoints, each with `time` and at least one check.
    private mutating func checkpoints(_ value: JSONValue, at path: String, nodes: [String]?) -> [Checkpoint] {
        guard case .array(let items) = value else {
            fail(path, "expected a list of checkpoints, got \(ScenarioText.given(value))")
            return []
        }
        var result: [Checkpoint] = []
        for (index, item) in items.enumerated() {
            let itemPath = JSONPath.index(path, index)
            guard let object = object(item, at: itemPath, allowed: ["time", "leader", "roles", "sync_standbys", "sync_leader", "sync_quorum"]) else { continue }
            var time: SnapshotTime?
            if let timeValue = object["time"] {
                if case .string(let text) = timeValue, let parsed = SnapshotTime.parse(text) {
                    time = parsed
                } else {
                    fail(JSONPath.child(itemPath, "time"), "expected a time such as \"45s\" (since the start) or \"T+10s\" (since the first fault), got \(ScenarioText.given(timeValue))")
                }
            } else {
                fail(itemPath, "missing required key \"time\"")
            }
            let leader = object["leader"].flatMap { leaderName($0, at: JSONPath.child(itemPath, "leader"), nodes: nodes) }
            let roles = object["roles"].map { roleExpectations($0, at: JSONPath.child(itemPath, "roles"), nodes: nodes) } ?? []
            let standbys = object["sync_standbys"].flatMap { nodeNames($0, at: JSONPath.child(itemPath, "sync_standbys"), nodes: nodes) }
            let syncLeader = object["sync_leader"].flatMap { syncLeaderName($0, at: JSONPath.child(itemPath, "sync_leader"), nodes: nodes) }
            let syncQuorum = integer(object, "sync_quorum", in: itemPath, IntegerRange(min: 0, max: Int64(ScenarioLimits.mostNodes)))
            if ["leader", "roles", "sync_standbys", "sync_leader", "sync_quorum"].allSatisfy({ object[$0] == nil }) {
                fail(itemPath, "expected at least one of \"leader\", \"roles\", \"sync_standbys\", \"sync_leader\" and \"sync_quorum\"")
            }
            if let time {
                var checkpoint = Checkpoint(time: time)
                checkpoint.leader = leader
                checkpoint.roles = roles
                checkpoint.syncStandbys = standbys
                checkpoint.syncLeader = syncLeader
                checkpoint.syncQuorum = syncQuorum.map { Int($0) }
                result.append(checkpoint)
            }
        }
        return result
    }

    /// Reads `roles`: an object from node name to `primary`, `replica` or `stopped`.
    private mutating func roleExpectations(_ value: JSONValue, at path: String, nodes: [String]?) -> [Checkpoint.RoleExpectation] {
        guard case .object(let object) = value else {
            fail(path, "expected an object from node name to role, got \(ScenarioText.given(value))")
            return []
        }
        var roles: [Checkpoint.RoleExpectation] = []
        for key in object.keys {
            let rolePath = JSONPath.child(path, key)
            if let nodes, !nodes.contains(key) {
                fail(rolePath, "unknown node \(ScenarioText.quoted(key)); expected one of the nodes: \(Self.list(nodes))")
                continue
            }
            let names = PostgresRole.allCases.map(\.rawValue)
            if let value = object[key], let text = choice(value, at: rolePath, from: names), let role = PostgresRole(rawValue: text) {
                roles.append(Checkpoint.RoleExpectation(node: key, role: role))
            }
        }
        return roles
    }

    /// Reads a list of distinct node names, sorted.
    private mutating func nodeNames(_ value: JSONValue, at path: String, nodes: [String]?) -> [String]? {
        guard case .array(let items) = value else {
            fail(path, "expected a list of node names, got \(ScenarioText.given(value))")
            return nil
        }
        var names: [String] = []
        for (index, item) in items.enumerated() {
            let itemPath = JSONPath.index(path, index)
            guard case .string(let name) = item else {
                fail(itemPath, "expected a node name, got \(ScenarioText.given(item))")
                continue
            }
            if let nodes, !nodes.contains(name) {
                fail(itemPath, "unknown node \(ScenarioText.quoted(name)); expected one of the nodes: \(Self.list(nodes))")
            } else if names.contains(name) {
                fail(itemPath, "\(ScenarioText.quoted(name)) is listed twice")
            } else {
                names.append(name)
            }
        }
        return names.sorted()
    }
}
