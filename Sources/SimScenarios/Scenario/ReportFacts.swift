import ClusterSim

/// The facts of a report that expectations look at, derived once.
struct ReportFacts {
    /// Per failover record, the time from the fault to the promotion, or nil when no
    /// promotion happened.
    var failoverTimes: [SimDuration?]
    /// The number of failover records with a new leader.
    var completedFailovers: Int
    /// Whether any `single-writable-primary` violation occurred.
    var splitBrain: Bool
    /// Acknowledged writes lost.
    var lostWrites: Int
    /// The first member row with the leader role, in node order.
    var leader: MemberRow?
    /// The length of the longest write outage, if any.
    var longestOutage: SimDuration?
    /// The number of `rewind-done` timeline entries.
    var rewinds: Int
    /// Descriptions of running non-leader members that are not streaming on the leader's
    /// timeline (such as `patroni3 starting on timeline 1`), or nil without a leader.
    var membersNotStreaming: [String]?
    /// Whether the cluster converged in time after the last fault.
    var converged: Bool
    /// How convergence went, as the `converged` check shows it: `true (at T+32.1s)`,
    /// `false (deadline T+90.0s)`.
    var convergence: String
    /// The number of `fenced-primary` violations.
    var zombieWindows: Int
    /// The number of violations.
    var violations: Int

    /// The states of a member row that mean PostgreSQL is not running.
    static let downStates: Set<String> = ["stopped", "crashed"]

    /// Derives the facts from `report`.
    init(_ report: Report) {
        failoverTimes = report.failovers.map { record in record.promotedAt.map { $0 - record.faultAt } }
        completedFailovers = report.failovers.filter { $0.newLeader != nil }.count
        splitBrain = report.violations.contains { $0.invariant == .singleWritablePrimary }
        lostWrites = report.writes.lost
        let leader = report.final.members.first { $0.role == .leader }
        self.leader = leader
        longestOutage = report.writes.longestOutage?.length
        rewinds = report.timeline.filter { $0.kind == .rewindDone }.count
        violations = report.violations.count
        zombieWindows = report.violations.filter { $0.invariant == .fencedPrimary }.count
        converged = report.liveness.held
        convergence = Self.convergence(report.liveness, origin: report.firstFaultAt)
        membersNotStreaming = leader.map { leader in
            report.final.members.compactMap { row in
                if row.name == leader.name || Self.downStates.contains(row.state) {
                    return nil
                }
                if row.state == "streaming" && row.timeline != nil && row.timeline == leader.timeline {
                    return nil
                }
                return "\(row.name) \(row.state) on timeline \(row.timeline.map(String.init) ?? "unknown")"
            }
        }
    }

    /// The outcome of the liveness check as text, with instants relative to `origin`:
    /// `true (at T+32.1s)`, or why not: `false (at T+95.0s, after the deadline T+90.0s)`,
    /// `false (deadline T+90.0s)`, `false (the run ended before the deadline T+90.0s)`.
    static func convergence(_ liveness: LivenessResult, origin: SimInstant?) -> String {
        func point(_ instant: SimInstant) -> String {
            guard let origin else {
                return instant.description
            }
            let seconds = TimeFormat.seconds((instant - origin).microseconds, decimals: 1)
            return "T" + (seconds.hasPrefix("-") ? seconds : "+" + seconds) + "s"
        }
        let deadline = point(liveness.deadline)
        switch (liveness.convergedAt, liveness.held) {
        case (let at?, true): return "true (at \(point(at)))"
        case (let at?, false): return "false (at \(point(at)), after the deadline \(deadline))"
        case (nil, _) where liveness.decided: return "false (deadline \(deadline))"
        case (nil, _): return "false (the run ended before the deadline \(deadline))"
        }
    }
}
