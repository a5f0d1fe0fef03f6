import ClusterSim

/// The `expect` block of a scenario: what the run's report must show.
///
/// Every field is optional; only the fields a scenario gives are checked, and
/// ``evaluate(_:)`` returns one result per given field (two for `failover_time` when it
/// has both bounds).
public struct Expectations: Sendable, Equatable {
    /// Bounds on a duration; at least one is set by the decoder.
    public struct DurationBounds: Sendable, Equatable {
        /// The shortest allowed duration, inclusive.
        public var min: SimDuration?
        /// The longest allowed duration, inclusive.
        public var max: SimDuration?

        /// Creates bounds.
        public init(min: SimDuration? = nil, max: SimDuration? = nil) {
            self.min = min
            self.max = max
        }
    }

    /// Which node must lead at the end of the run.
    public enum FinalLeader: Sendable, Equatable {
        /// The node with this name holds the leader role.
        case named(String)
        /// No node holds the leader role (`"final_leader": null`).
        case noLeader

        /// The node's name, or `no leader`.
        var text: String {
            switch self {
            case .named(let name): return name
            case .noLeader: return "no leader"
            }
        }
    }

    /// `failover_time`: bounds on the time from the fault to the new leader's promotion,
    /// checked on every failover record of the report.
    public var failoverTime: DurationBounds?
    /// `failovers`: the exact number of failover records that have a new leader.
    public var failovers: Int?
    /// `split_brain`: whether a `single-writable-primary` violation occurred.
    public var splitBrain: Bool?
    /// `lost_writes` (or `lost_writes.max`): the most acknowledged writes that may be lost (0 means none).
    public var lostWrites: Int?
    /// `lost_writes.min`: the fewest acknowledged writes the run must lose (to show a loss).
    public var lostWritesMin: Int?
    /// `final_timeline`: the final leader's timeline.
    public var finalTimeline: Int?
    /// `final_leader`: the node leading at the end, or no leader.
    public var finalLeader: FinalLeader?
    /// `write_outage.max`: the longest allowed stretch without an acknowledged write.
    public var writeOutageMax: SimDuration?
    /// `rewinds`: the exact number of finished pg_rewind runs (`rewind-done` timeline entries).
    public var rewinds: Int?
    /// `all_streaming`: whether every running non-leader member streams from the leader on
    /// its timeline at the end.
    public var allStreaming: Bool?
    /// `converged`: whether the cluster converged (one leader, every member with a running
    /// Patroni streaming from it on its timeline) within the bound after the last fault.
    public var converged: Bool?
    /// `zombie_windows`: the exact number of `fenced-primary` violations, the windows in
    /// which a node accepted writes without a live leader lease for longer than allowed.
    public var zombieWindows: Int?
    /// `violations`: the exact number of violations of every invariant, liveness included.
    public var violations: Int?
    /// `at`: checkpoints of the cluster's state at given instants, checked after every
    /// other field, in the file's order.
    public var checkpoints: [Checkpoint] = []
    /// Whether the scenario has a fault that should make the cluster fail over (a stop,
    /// kill or etcd partition of the role `leader`); set by the decoder, not written in
    /// the file. With it, `failover_time` fails when the report has no failover record.
    public var expectsFailover: Bool = false

    /// Creates an empty block that checks nothing.
    public init() {}

    /// Checks `report` against every given field, in the order the fields are listed
    /// above (`failover_time.min`, `failover_time.max`, `failovers`, `split_brain`,
    /// `lost_writes`, `final_timeline`, `final_leader`, `write_outage.max`, `rewinds`,
    /// `all_streaming`, `converged`, `zombie_windows`, `violations`).
    ///
    /// Durations are shown as seconds with one decimal (`27.3s`); instants as in the text
    /// report, relative to the first fault (`T+32.1s`) or, without faults, to the start
    /// Whether the block expects the run to break invariants: `split_brain: true`,
    /// `violations` or `zombie_windows` above zero, `converged: false`, or `lost_writes.min`
    /// above zero (with no durability promise).
    public var anticipatesViolations: Bool {
        splitBrain == true || (violations ?? 0) > 0 || (zombieWindows ?? 0) > 0 || converged == false
            || (lostWritesMin ?? 0) > 0
    }

    /// (`t=12.3s`). Complexity: O(*n*) in the size of the report.
    /// `snapshots` holds one snapshot per checkpoint of ``checkpoints``, in their order.
    public func evaluate(_ report: Report, snapshots: [ClusterSnapshot] = []) -> [ExpectationResult] {
        let facts = ReportFacts(report)
        var results: [ExpectationResult] = []
        func add(_ check: String, _ expected: String, _ actual: String, _ held: Bool) {
            results.append(ExpectationResult(check: check, expected: expected, actual: actual, held: held))
        }
        if let bounds = failoverTime {
            if let min = bounds.min {
                let outcome = failoverTimeOutcome(facts) { $0 >= min }
                add("failover_time.min", ">= \(min)", outcome.text, outcome.held)
            }
            if let max = bounds.max {
                let outcome = failoverTimeOutcome(facts) { $0 <= max }
                add("failover_time.max", "<= \(max)", outcome.text, outcome.held)
            }
        }
        if let failovers {
            add("failovers", String(failovers), String(facts.completedFailovers), facts.completedFailovers == failovers)
        }
        if let splitBrain {
            add("split_brain", String(splitBrain), String(facts.splitBrain), facts.splitBrain == splitBrain)
        }
        if let lostWritesMin {
            add("lost_writes.min", ">= \(lostWritesMin)", String(facts.lostWrites), facts.lostWrites >= lostWritesMin)
        }
        if let lostWrites {
            add("lost_writes", "<= \(lostWrites)", String(facts.lostWrites), facts.lostWrites <= lostWrites)
        }
        if let finalTimeline {
            switch (facts.leader, facts.leader?.timeline) {
            case (nil, _): add("final_timeline", String(finalTimeline), "no leader", false)
            case (_, nil): add("final_timeline", String(finalTimeline), "unknown", false)
            case (_, let timeline?): add("final_timeline", String(finalTimeline), String(timeline), timeline == finalTimeline)
            }
        }
        if let finalLeader {
            let actual: FinalLeader = facts.leader.map { .named($0.name) } ?? .noLeader
            add("final_leader", finalLeader.text, actual.text, actual == finalLeader)
        }
        if let writeOutageMax {
            if let outage = facts.longestOutage {
                add("write_outage.max", "<= \(writeOutageMax)", outage.description, outage <= writeOutageMax)
            } else {
                add("write_outage.max", "<= \(writeOutageMax)", "none", true)
            }
        }
        if let rewinds {
            add("rewinds", String(rewinds), String(facts.rewinds), facts.rewinds == rewinds)
        }
        if let allStreaming {
            switch facts.membersNotStreaming {
            case nil: add("all_streaming", String(allStreaming), "false (no leader)", !allStreaming)
            case let laggards? where laggards.isEmpty: add("all_streaming", String(allStreaming), "true", allStreaming)
            case let laggards?:
                add("all_streaming", String(allStreaming), "false (\(laggards.joined(separator: "; ")))", !allStreaming)
            }
        }
        if let converged {
            add("converged", String(converged), facts.convergence, facts.converged == converged)
        }
        if let zombieWindows {
            add("zombie_windows", String(zombieWindows), String(facts.zombieWindows), facts.zombieWindows == zombieWindows)
        }
        if let violations {
            add("violations", String(violations), String(facts.violations), facts.violations == violations)
        }
        for (index, checkpoint) in checkpoints.enumerated() {
            if let snapshot = snapshots[safe: index] {
                results += checkpoint.evaluate(snapshot, index: index)
            } else {
                add("at[\(index)]", "a snapshot at \(checkpoint.time)", "none taken", false)
            }
        }
        return results
    }

    /// The outcome of a `failover_time` bound: every failover record must have completed
    /// (promoted a new leader) within `bound`, and a failover-causing scenario needs one.
    private func failoverTimeOutcome(_ facts: ReportFacts, within bound: (SimDuration) -> Bool) -> (text: String, held: Bool) {
        let times = facts.failoverTimes
        if times.isEmpty {
            return ("no failover", !expectsFailover)
        }
        let text = times.map { $0.map(\.description) ?? "not completed" }.joined(separator: ", ")
        return (text, times.allSatisfy { $0.map(bound) ?? false })
    }
}
