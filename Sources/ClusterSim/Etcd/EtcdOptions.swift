/// Settings of the etcd cluster that serves as Patroni's DCS.
public struct EtcdOptions: Sendable, Equatable {
    /// The number of etcd members: 1, 3 or 5. One member leads from time zero and never
    /// holds an election; more members elect a raft leader (PATRONI.md §1.7).
    public var members: Int = 1
    /// How often the leader's lessor looks for expired leases (etcd: 500 ms).
    public var lessorScanInterval: SimDuration = .millis(500)
    /// etcd's election timeout E: a follower that hears no leader for a random time in
    /// [E, 2E) campaigns; also the base of the minimum lease TTL and of the lease
    /// extension on a leader change (default 1 s).
    public var electionTimeout: SimDuration = .seconds(1)
    /// How often a raft leader sends heartbeats (etcd's `--heartbeat-interval`, 100 ms).
    public var heartbeatInterval: SimDuration = .millis(100)
    /// Time for a member to persist an entry (fsync) before it acknowledges or answers a write.
    public var commitLatency: SimDuration = .micros(500)

    /// Creates the default etcd settings.
    public init() {}

    /// The smallest TTL etcd grants: ceil(1.5 × election timeout) in seconds.
    public var minimumTTLSeconds: Int64 {
        (electionTimeout.microseconds * 3 + 1_999_999) / 2_000_000
    }

    /// The number of members that make a quorum: a strict majority.
    public var quorum: Int { members / 2 + 1 }
}
