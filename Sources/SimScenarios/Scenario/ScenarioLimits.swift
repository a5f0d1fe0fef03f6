import ClusterSim

/// The limits of scenario values, in one place so messages and checks agree.
enum ScenarioLimits {
    /// The longest run and the longest duration anywhere in a scenario: 30 days.
    static let longestDuration = SimDuration.seconds(30 * 24 * 3600)
    /// The largest Patroni timer in seconds (30 days), which keeps every derived time in range.
    static let largestTimerSeconds: Int64 = 30 * 24 * 3600
    /// The largest size or rate in bytes (1 TiB), which keeps size × 10⁶ in 64 bits.
    static let largestByteCount: Int64 = 1 << 40
    /// The most nodes a cluster may have.
    static let mostNodes = 9
    /// Names that would clash with hosts and selectors of the simulation.
    static let reservedNames = ["etcd", "clients", "haproxy", "leader", "replica", "nodes"] + (1...9).map { "etcd\($0)" }
}
