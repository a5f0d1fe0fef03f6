import ClusterSim

/// One run reduced to the figures `simrun compare` puts side by side.
///
/// The durations are measured from the fault of the run's first failover record, so that
/// scenarios with different HA policies but the same fault line up.
public struct ComparisonRow: Sendable, Equatable {
    /// The row's label, usually the scenario's name.
    public var name: String
    /// The HA policy: `patroni`, `none` or `manual`.
    public var ha: String
    /// The seed of the run.
    public var seed: UInt64
    /// From the first failover's fault until its new primary became read-write; nil when
    /// there was no failover or nobody was promoted.
    public var failoverTime: SimDuration?
    /// From the first failover's fault until the new primary acknowledged a client write;
    /// nil when there was no failover or no write was acknowledged.
    public var firstWriteTime: SimDuration?
    /// The longest stretch without an acknowledged write, if any.
    public var longestOutage: SimDuration?
    /// Writes acknowledged as committed.
    public var acked: Int
    /// Writes that ended in an error or a timeout.
    public var failed: Int
    /// Acknowledged writes missing from the final primary's history.
    public var lost: Int
    /// Violations counted per invariant, in the order each invariant was first broken.
    public var violations: [InvariantCount]
    /// The run's verdict.
    public var verdict: RunVerdict

    /// How many times one invariant was broken in a run.
    public struct InvariantCount: Sendable, Equatable {
        /// The invariant's name, e.g. `single-writable-primary`.
        public var invariant: String
        /// How many violations of it the run reported.
        public var count: Int

        /// Creates a count.
        public init(invariant: String, count: Int) {
            self.invariant = invariant
            self.count = count
        }
    }

    /// Reduces `summary` to a row labelled `name`.
    ///
    /// Complexity: O(v²) in the number of distinct invariants broken, which is small.
    public init(name: String, summary: RunSummary) {
        let report = summary.report
        self.name = name
        ha = report.ha
        seed = report.seed
        let first = report.failovers.first
        failoverTime = first.flatMap { record in record.promotedAt.map { $0 - record.faultAt } }
        firstWriteTime = first.flatMap { record in record.firstWriteAt.map { $0 - record.faultAt } }
        longestOutage = report.writes.longestOutage?.length
        acked = report.writes.acked
        failed = report.writes.failed
        lost = report.writes.lost
        var counts: [InvariantCount] = []
        for violation in report.violations {
            if let index = counts.firstIndex(where: { $0.invariant == violation.invariant.rawValue }) {
                counts[index].count += 1
            } else {
                counts.append(InvariantCount(invariant: violation.invariant.rawValue, count: 1))
            }
        }
        violations = counts
        verdict = summary.verdict
    }

    /// The violations as `single-writable-primary×1, fenced-primary×2`, or `none`.
    public var violationsText: String {
        guard !violations.isEmpty else { return "none" }
        return violations.map { "\($0.invariant)\u{00D7}\($0.count)" }.joined(separator: ", ")
    }
}
