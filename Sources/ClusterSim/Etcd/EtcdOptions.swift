/// Settings of the etcd cluster that serves as Patroni's DCS.
public struct EtcdOptions: Sendable, Equatable {
    /// The number of etcd members (this version models one member).
    public var members: Int = 1
    /// How often the leader's lessor looks for expired leases (etcd: 500 ms).
    public var lessorScanInterval: SimDuration = .millis(500)
    /// etcd's election timeout, which is also the minimum lease TTL's base (default 1 s).
    public var electionTimeout: SimDuration = .seconds(1)
    /// Time for the member to apply a write (a raft commit on one member).
    public var commitLatency: SimDuration = .micros(500)

    /// Creates the default etcd settings.
    public init() {}

    /// The smallest TTL etcd grants: ceil(1.5 × election timeout) in seconds.
    public var minimumTTLSeconds: Int64 {
        (electionTimeout.microseconds * 3 + 1_999_999) / 2_000_000
    }
}
