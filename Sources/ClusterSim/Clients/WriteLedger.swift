/// The clients' account of every write, in memory that does not grow with the number of
/// writes: counts, failure reasons and the longest outage.
struct WriteLedger {
    var attempted = 0
    var acked = 0
    var failed = 0
    /// Failure counts by reason, in the order the reasons first occurred. A failing write
    /// looks its reason up in this short list: the reasons are a handful of fixed texts, and
    /// comparing two equal strings costs less than hashing one.
    private var failureCounts: [ReasonCount] = []
    var lastAckAt: SimInstant?
    var outageStart: SimInstant?
    var longestOutage: OutageWindow?

    /// A write was acknowledged at `now`.
    mutating func ack(at now: SimInstant) {
        acked += 1
        if let start = outageStart {
            record(OutageWindow(from: start, until: now))
            outageStart = nil
        }
        lastAckAt = now
    }

    /// A write failed with `reason`. An outage starts at the last acknowledgement before it
    /// (failures before the first acknowledgement, while the cluster bootstraps, start none).
    mutating func fail(_ reason: String, at now: SimInstant) {
        failed += 1
        if let index = failureCounts.firstIndex(where: { $0.reason == reason }) {
            failureCounts[index].count += 1
        } else {
            failureCounts.append(ReasonCount(reason: reason, count: 1))
        }
        if outageStart == nil, let lastAck = lastAckAt { outageStart = lastAck }
    }

    /// Failure counts sorted by reason.
    var failuresByReason: [ReasonCount] {
        failureCounts.sorted { $0.reason < $1.reason }
    }

    /// Closes an outage still open at the end of the run.
    mutating func close(at end: SimInstant) {
        if let start = outageStart {
            record(OutageWindow(from: start, until: end))
            outageStart = nil
        }
    }

    private mutating func record(_ window: OutageWindow) {
        if longestOutage.map({ window.length > $0.length }) ?? true { longestOutage = window }
    }
}
