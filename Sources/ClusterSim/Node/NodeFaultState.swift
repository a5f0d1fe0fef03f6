/// What the per-node faults (`break-postgres`, `slow-disk`) did to one node's host, and
/// the slow disk's write in progress. A default value is a healthy node.
struct NodeFaultState: Equatable {
    /// PostgreSQL fails to start until fixed (`break-postgres`).
    var postgresBroken = false
    /// How many times slower the disk is than healthy (1 = healthy).
    var diskFactor: Int64 = 1
    /// When the disk becomes healthy again by itself (`slow-disk` with `for`), if ever.
    var diskSlowUntil: SimInstant?
    /// The highest LSN the upstream has offered the walreceiver; what the disk has not yet
    /// written stays in the upstream's send queue (TCP back-pressure).
    var offeredLSN: Int64 = 0
    /// The PostgreSQL generation whose WAL write is in progress, if one is.
    var writingGeneration: UInt64?

    /// The disk's slow-down factor at instant `now` (1 once a timed slow-down ended).
    func diskFactor(at now: SimInstant) -> Int64 {
        if let until = diskSlowUntil, now >= until { return 1 }
        return diskFactor
    }
}
