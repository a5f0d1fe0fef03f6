/// Accounts for every client write in memory that does not grow with the number of
/// writes: counts, failure reasons, the longest outage, and acknowledged WAL ranges
/// per timeline branch (runs of evenly spaced commits).
struct WriteLedger {
    /// Consecutive acknowledged commits on one branch, `spacing` bytes apart.
    struct AckRun {
        var firstLSN: Int64
        var lastLSN: Int64
        var count: Int
    }

    var attempted = 0
    var acked = 0
    var failed = 0
    /// Failure counts by reason, in the order the reasons first occurred. A failing write
    /// looks its reason up in this short list: the reasons are a handful of fixed texts, and
    /// comparing two equal strings costs less than hashing one.
    private var failureCounts: [ReasonCount] = []
    /// Acknowledged runs, indexed by branch.
    var runs: [[AckRun]] = []
    var lastAckAt: SimInstant?
    var outageStart: SimInstant?
    var longestOutage: OutageWindow?

    /// A write was acknowledged, committed at `lsn` on `branch`.
    mutating func ack(branch: Int, lsn: Int64, spacing: Int64, at now: SimInstant) {
        acked += 1
        while runs.count <= branch { runs.append([]) }
        let last = runs[branch].count - 1
        if last >= 0, lsn == runs[branch][last].lastLSN + spacing {
            runs[branch][last].lastLSN = lsn
            runs[branch][last].count += 1
        } else {
            runs[branch].append(AckRun(firstLSN: lsn, lastLSN: lsn, count: 1))
        }
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

    /// Removes the acknowledged writes missing from the history of `reference` (a branch
    /// ending at `end`) and returns how many there were, in the order of the branches. A
    /// write is counted once, by the first later primary that does not have it. O(runs).
    mutating func settle(reference: Int, end: Int64, timelines: TimelineRegistry, spacing: Int64) -> Int {
        var total = 0
        for branch in runs.indices {
            let keptUpTo = branch == reference ? end : timelines.switchPoint(from: branch, toward: reference)
            var kept: [AckRun] = []
            for run in runs[branch] {
                guard let limit = keptUpTo, run.firstLSN <= limit else {
                    total += run.count
                    continue
                }
                if run.lastLSN <= limit {
                    kept.append(run)
                } else {
                    let count = Int((limit - run.firstLSN) / spacing) + 1
                    total += run.count - count
                    kept.append(AckRun(firstLSN: run.firstLSN, lastLSN: run.firstLSN + Int64(count - 1) * spacing, count: count))
                }
            }
            runs[branch] = kept
        }
        return total
    }
}
