/// Durations and sizes of the simulated PostgreSQL instances.
public struct PostgresSettings: Sendable, Equatable {
    /// The major version; from 13 on a changed `primary_conninfo` is applied by reload, before by restart.
    public var version: Int = 15
    /// `initdb` on the bootstrap node.
    public var initdb: SimDuration = .seconds(3)
    /// Start of a cleanly shut down instance until it accepts connections.
    public var start: SimDuration = .seconds(1)
    /// Crash recovery (redo) after an unclean stop, added to `start`.
    public var crashRecovery: SimDuration = .seconds(1)
    /// `pg_ctl promote` until the instance is read-write.
    public var promote: SimDuration = .millis(300)
    /// Fast shutdown until `pg_control` says "shut down".
    public var fastStop: SimDuration = .millis(500)
    /// Fixed cost of one pg_rewind run.
    public var rewindBase: SimDuration = .seconds(2)
    /// pg_rewind throughput over the diverged WAL, in bytes per second.
    public var rewindBytesPerSecond: Int64 = 50_000_000
    /// Size of the data directory copied by a base backup, in bytes.
    public var dataSize: Int64 = 64_000_000
    /// Base backup throughput, in bytes per second.
    public var basebackupBytesPerSecond: Int64 = 100_000_000
    /// How fast a replica's disk writes received WAL, in bytes per second, once a
    /// `slow-disk` fault divides it by its factor. A healthy disk is modelled as writing at
    /// once (at this rate a write's WAL takes microseconds).
    public var walWriteBytesPerSecond: Int64 = 100_000_000
    /// WAL bytes written by one client write (INSERT and COMMIT records).
    public var walBytesPerWrite: Int64 = 200
    /// WAL bytes of a checkpoint record (shutdown or end-of-recovery).
    public var checkpointRecordBytes: Int64 = 114
    /// `wal_retrieve_retry_interval`: how long a walreceiver waits before it reconnects.
    public var walRetrieveRetryInterval: SimDuration = .seconds(5)
    /// `wal_sender_timeout`: a walsender that has heard nothing from its standby for this
    /// long ends the connection ("terminating walsender process due to replication timeout").
    public var walSenderTimeout: SimDuration = .seconds(60)
    /// `wal_receiver_status_interval`: how often a streaming standby reports its flush position.
    public var walReceiverStatusInterval: SimDuration = .seconds(10)
    /// How long a libpq connection to a host that does not answer waits before it fails:
    /// the operating system's TCP connect timeout (about 127 s on Linux), as Patroni gives
    /// pg_rewind and pg_basebackup no `connect_timeout`.
    public var connectTimeout: SimDuration = .seconds(127)
    /// `use_slots`: a new primary creates the members' replication slots in a later HA cycle,
    /// and a replica that connects earlier is refused (PATRONI.md §11.4).
    public var useSlots: Bool = true

    /// Creates the defaults.
    public init() {}
}
