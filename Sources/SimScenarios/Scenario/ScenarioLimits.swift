import ClusterSim

/// The limits of scenario values, in one place so messages and checks agree.
enum ScenarioLimits {
    /// The longest run and the longest duration anywhere in a scenario: 30 days.
    static let longestDuration = SimDuration.seconds(30 * 24 * 3600)
    /// The largest Patroni timer in seconds (30 days), which keeps every derived time in range.
    static let largestTimerSeconds: Int64 = 30 * 24 * 3600
    /// The largest size or rate in bytes (1 TiB), which keeps size × 10⁶ in 64 bits.
    static let largestByteCount: Int64 = 1 << 40
    /// The most WAL one client write may produce (1 GiB): PostgreSQL's largest WAL record
    /// is just under 1 GB (`XLogRecordMaxSize`).
    static let largestWriteBytes: Int64 = 1 << 30
    /// The largest checkpoint record (1 MiB); PostgreSQL's is about 114 bytes.
    static let largestCheckpointRecordBytes: Int64 = 1 << 20
    /// The most WAL the workload of one run may write (4 TiB): pg_rewind's duration is
    /// diverged bytes × 10⁶ / rate in 64-bit microseconds, and this leaves the other half
    /// of that range to checkpoint records and the initial WAL.
    static let largestRunWAL: Int64 = 1 << 42
    /// The most nodes a cluster may have.
    static let mostNodes = 9
    /// The most faults a scenario may list.
    static let mostFaults = 10_000
    /// The largest HAProxy `fall` and `rise` counts.
    static let largestCheckCount: Int64 = 1_000
    /// The largest scenario file (16 MiB); the shipped ones are a few kilobytes, and a
    /// larger input (a device or an endless pipe named by mistake) is refused before it
    /// is read whole.
    static let largestFileBytes = 16 << 20
    /// Names that would clash with hosts and selectors of the simulation.
    static let reservedNames = ["etcd", "etcd-leader", "clients", "haproxy", "leader", "replica", "nodes"] + (1...9).map { "etcd\($0)" }
}
