/// The client writes acknowledged so far, as runs of evenly spaced commits per WAL branch,
/// so that the lost-write check needs memory that does not grow with the number of writes.
struct AcknowledgedWrites {
    /// Consecutive acknowledged commits on one branch, `spacing` bytes apart.
    struct Run: Equatable {
        var firstLSN: Int64
        var lastLSN: Int64
        var count: Int
    }

    /// Acknowledged runs, indexed by branch.
    private(set) var runs: [[Run]] = []

    /// A write committed at `lsn` on `branch` was acknowledged; commits `spacing` bytes apart
    /// extend the last run.
    mutating func add(branch: Int, lsn: Int64, spacing: Int64) {
        while runs.count <= branch { runs.append([]) }
        let last = runs[branch].count - 1
        if last >= 0, lsn == runs[branch][last].lastLSN + spacing {
            runs[branch][last].lastLSN = lsn
            runs[branch][last].count += 1
        } else {
            runs[branch].append(Run(firstLSN: lsn, lastLSN: lsn, count: 1))
        }
    }

    /// Removes the acknowledged writes missing from the history of `reference` (a branch
    /// ending at `end`) and returns how many there were, in the order of the branches. A
    /// write is counted once, by the first later primary that does not have it. O(runs).
    mutating func settle(reference: Int, end: Int64, timelines: TimelineRegistry, spacing: Int64) -> Int {
        var total = 0
        for branch in runs.indices {
            let keptUpTo = branch == reference ? end : timelines.switchPoint(from: branch, toward: reference)
            var kept: [Run] = []
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
                    kept.append(Run(firstLSN: run.firstLSN, lastLSN: run.firstLSN + Int64(count - 1) * spacing, count: count))
                }
            }
            runs[branch] = kept
        }
        return total
    }
}
