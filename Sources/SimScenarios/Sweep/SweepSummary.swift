/// A sweep's figures per grid point, computed from its plan and its runs' records alone.
///
/// The records may come in any order (one sweep, or shards merged): every figure is a
/// count, a sum, or a nearest-rank percentile of sorted values.
public struct SweepSummary: Sendable, Equatable {
    /// The sweep's plan.
    public var plan: SweepPlan
    /// One summary per grid point, in grid order, invalid points included.
    public var points: [SweepPointSummary]

    /// Summarises `records`, which must belong to valid points of `plan`.
    ///
    /// Complexity: O(*r* log *r*) in the number of records.
    public init(plan: SweepPlan, records: [RunRecord]) {
        var buckets = Array(repeating: [RunRecord](), count: plan.points.count)
        for record in records {
            precondition(plan.points.indices.contains(record.point) && plan.points[record.point].isValid,
                         "Run record of point \(record.point) does not belong to a valid point of the sweep.")
            buckets[record.point].append(record)
        }
        self.plan = plan
        points = plan.points.map { SweepPointSummary(point: $0, records: buckets[$0.index]) }
    }

    /// The number of runs summarised.
    public var runs: Int {
        points.reduce(0) { $0 + $1.runs }
    }
}

/// The figures of one grid point over its seeds.
public struct SweepPointSummary: Sendable, Equatable {
    /// The point as set up.
    public var point: SweepPoint
    /// Runs of this point.
    public var runs: Int
    /// Runs without a failover (no fault hit a leader, or nobody was promoted).
    public var noFailover: Int
    /// Failover times (fault → promoted) of the runs that failed over, in milliseconds.
    public var failover: SweepQuantiles?
    /// The runs' longest write outages in milliseconds (0 for a run without one).
    public var outage: SweepQuantiles?
    /// Acknowledged writes lost, over all runs.
    public var lostWrites: Int
    /// Runs that lost at least one acknowledged write.
    public var runsWithLostWrites: Int
    /// Violations per invariant over all runs, sorted by invariant name.
    public var violations: [ComparisonRow.InvariantCount]
    /// Runs with at least one violation.
    public var runsWithViolations: Int
    /// Runs with the verdict `ok`.
    public var passed: Int
    /// Runs with the verdict `failed` (a safety violation).
    public var failed: Int
    /// Runs with the verdict `liveness-failed`.
    public var livenessFailed: Int
    /// Failovers outside the envelope widened by its tolerance; nil without an envelope.
    public var outsideEnvelope: Int?

    /// Summarises the `records` of `point`.
    init(point: SweepPoint, records: [RunRecord]) {
        self.point = point
        runs = records.count
        let failovers = records.compactMap(\.failoverMs)
        noFailover = records.count - failovers.count
        failover = SweepQuantiles(failovers)
        outage = SweepQuantiles(records.map(\.outageMs))
        lostWrites = records.reduce(0) { $0 + $1.lostWrites }
        runsWithLostWrites = records.count { $0.lostWrites > 0 }
        var totals: [ComparisonRow.InvariantCount] = []
        for record in records {
            for violation in record.violations {
                if let index = totals.firstIndex(where: { $0.invariant == violation.invariant }) {
                    totals[index].count += violation.count
                } else {
                    totals.append(violation)
                }
            }
        }
        violations = totals.sorted { $0.invariant.utf8.lexicographicallyPrecedes($1.invariant.utf8) }
        runsWithViolations = records.count { !$0.violations.isEmpty }
        passed = records.count { $0.verdict == .ok }
        failed = records.count { $0.verdict == .failed }
        livenessFailed = records.count { $0.verdict == .livenessFailed }
        outsideEnvelope = point.envelope.map { envelope in
            failovers.count { !envelope.contains(.millis($0)) }
        }
    }

    /// The violations as `fenced-primary×2, single-writable-primary×1`, or `none`.
    public var violationsText: String {
        guard !violations.isEmpty else { return "none" }
        return violations.map { "\($0.invariant)\u{00D7}\($0.count)" }.joined(separator: ", ")
    }
}

/// Nearest-rank percentiles of a set of millisecond figures (see ``Percentile``).
public struct SweepQuantiles: Sendable, Equatable {
    /// The median.
    public var p50: Int64
    /// The 90th percentile.
    public var p90: Int64
    /// The 99th percentile.
    public var p99: Int64
    /// The largest value.
    public var max: Int64

    /// The percentiles of `values` (in any order), or nil when there are none.
    ///
    /// Complexity: O(*n* log *n*).
    public init?(_ values: [Int64]) {
        let sorted = values.sorted()
        guard let p50 = Percentile.nearestRank(sorted, percent: 50), let p90 = Percentile.nearestRank(sorted, percent: 90),
              let p99 = Percentile.nearestRank(sorted, percent: 99), let max = Percentile.nearestRank(sorted, percent: 100)
        else { return nil }
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.max = max
    }
}
