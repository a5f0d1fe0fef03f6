/// The simulated PostgreSQL of one node: process state, WAL position and timeline,
/// and its walreceiver.
struct PostgresInstance {
    /// What the postmaster is doing.
    enum State: String {
        case stopped, starting, running, promoting, stopping, crashed
    }

    /// What `pg_controldata` would say about the cluster state.
    enum ControlState: String {
        case inProduction = "in production"
        case inArchiveRecovery = "in archive recovery"
        case shutDown = "shut down"
        case shutDownInRecovery = "shut down in recovery"
    }

    /// The walreceiver of a replica.
    enum Receiver: Equatable {
        /// Not configured to stream (a primary, or a standby without `primary_conninfo`).
        case idle
        /// Waiting for the answer of a connection attempt to `upstream`.
        case connecting(upstream: NodeID, attempt: UInt64)
        /// Receiving WAL from `upstream`.
        case streaming(upstream: NodeID)
        /// Waiting `wal_retrieve_retry_interval` before reconnecting.
        case waitingToRetry
    }

    /// What the postmaster is doing.
    var state: State = .stopped { didSet { factsChanged = true } }
    /// Whether the running instance is a primary (not in recovery).
    var isPrimary = false { didSet { factsChanged = true } }
    /// Whether there is a data directory.
    var hasData = false { didSet { factsChanged = true } }
    var control: ControlState = .shutDown
    /// The branch (timeline) its WAL is on.
    var branch = 0 { didSet { factsChanged = true } }
    /// The end of its WAL: flushed on a primary, received on a replica.
    var lsn: Int64 = 0
    /// Start of the last checkpoint record (for the rewind decision of a clean shutdown).
    var checkpointLSN: Int64 = 0
    /// The node whose WAL it streams (`primary_conninfo`), or nil.
    var upstream: NodeID?
    var receiver: Receiver = .idle { didSet { factsChanged = true } }
    /// Set when a field the node reports of itself (`NodeFacts`) was written since its last report.
    var factsChanged = false
    /// Counts connection attempts, so that late answers to an old attempt are ignored.
    var receiverAttempts: UInt64 = 0
    /// Bumped whenever a pending PostgreSQL action must be forgotten (crash, kill).
    var generation: UInt64 = 0
    /// Replication slots a primary has for each node, by `NodeID`.
    var slots: [Bool]
    /// `synchronous_standby_names` on a primary.
    var synchronousStandbyNames: SynchronousStandbyNames = .none
    /// Writes committed locally that wait for the synchronous standby, in LSN order.
    var waitingCommits: [WaitingCommit] = []
    /// The flush position each standby last reported to this server, by `NodeID`.
    var flushedBy: [Int64]
    /// The walsenders serving each standby, by `NodeID` (`pg_stat_replication`): what this
    /// server knows of its standbys, which may outlive a standby it can no longer hear.
    var walSenders: [WalSender?]
    /// Whether a CHECKPOINT ran since the last promotion.
    var checkpointedSincePromotion = true
    /// The cluster's system identifier (after its leading 7), set by `initdb` and copied by
    /// a base backup; 0 without a data directory.
    var systemIdentifier: UInt64 = 0
    /// The copy from another node in progress (a base backup or pg_rewind), if any.
    var transfer: Transfer?
    /// Counts copies, so that late answers to an earlier one are ignored.
    var transferAttempts: UInt64 = 0

    init(nodeCount: Int) {
        slots = Array(repeating: false, count: nodeCount)
        flushedBy = Array(repeating: 0, count: nodeCount)
        walSenders = Array(repeating: nil, count: nodeCount)
    }

    /// Whether it accepts client writes now.
    var acceptsWrites: Bool { state == .running && isPrimary }

    /// Whether the postmaster accepts connections (running, or promoting).
    var acceptsConnections: Bool { state == .running || state == .promoting }

    /// Whether the postmaster process exists.
    var processAlive: Bool { state != .stopped && state != .crashed }
}

/// `synchronous_standby_names` as Patroni sets it in priority mode: one name, or
/// `n (a,b,...)` with `n` the number of names, so that every listed standby must confirm.
enum SynchronousStandbyNames: Equatable {
    /// Empty: commits do not wait.
    case none
    /// Commits wait until all these nodes (sorted, never empty) have flushed them.
    case standbys([NodeID])
    /// Strict mode with no standby: a name that matches nobody, so commits block.
    case placeholder
    /// Quorum commit, `ANY k (a,b,...)`: commits wait until any `k` of these nodes (sorted
    /// by node, never empty) have flushed them.
    case any(Int, [NodeID])

    /// The nodes listed (none for the empty value and the placeholder).
    var listed: [NodeID] {
        switch self {
        case .standbys(let nodes), .any(_, let nodes): return nodes
        case .none, .placeholder: return []
        }
    }

    /// How many listed standbys must confirm a commit (`num`; 0 when empty, 1 for the placeholder).
    var count: Int {
        switch self {
        case .none: return 0
        case .placeholder: return 1
        case .standbys(let nodes): return nodes.count
        case .any(let k, _): return k
        }
    }
}

/// A copy this node's PostgreSQL makes from a source node over a libpq connection.
struct Transfer: Equatable {
    /// What is copied.
    var kind: TransferKind
    /// The node copied from.
    var source: NodeID
    /// The attempt, matched against the source's answer.
    var attempt: UInt64
}

/// What a copy from another node is.
enum TransferKind: Equatable {
    /// `pg_basebackup`: the whole data directory and the WAL written meanwhile.
    case basebackup
    /// `pg_rewind`: the blocks that changed since the histories forked, from a primary.
    case rewind
}

/// A walsender: one standby's replication connection, as the upstream sees it.
struct WalSender: Equatable {
    /// The standby's connection attempt it serves.
    var session: UInt64
    /// When the standby last sent anything (its connection request or a status reply).
    var lastReply: SimInstant
}

/// A client write committed locally and waiting for the synchronous standby's flush.
struct WaitingCommit: Equatable {
    var writeID: UInt64
    var lsn: Int64
}
