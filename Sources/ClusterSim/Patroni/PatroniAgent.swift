/// The state of one Patroni process (PATRONI.md §1): its lease, its watch cache of
/// the DCS, the HA loop's schedule and the one call or action it is waiting for.
struct PatroniAgent {
    /// Whether the process runs.
    enum Process: Equatable {
        case stopped
        case running
        /// SIGTERM received: the REST API is down and PostgreSQL is being stopped.
        case shuttingDown
    }

    /// Where the HA loop is.
    enum LoopState: Equatable {
        /// Not started yet (waiting for the lease and the first DCS read).
        case starting
        /// Sleeping until `wakeAt`, or until a watch event wakes it.
        case sleeping(wakeAt: SimInstant)
        /// Running a cycle.
        case inCycle
    }

    /// The rewind state machine (`postgresql/rewind.py::Rewind`).
    enum RewindState: Equatable {
        case initial, check, needed, notNeeded, success, failed
    }

    var process: Process = .stopped { didSet { factsChanged = true } }
    /// Set when `process` or `action`, which the node reports of itself, was written since its last report.
    var factsChanged = false
    /// Bumped at every start and death, so events of an earlier process are ignored.
    var generation: UInt64 = 0
    var loop: LoopState = .starting
    /// The scheduled start of the next cycle (the `loop_wait` grid), on the node's wall clock.
    var nextRun: SimInstant = .zero
    var lease: Int64 = 0
    /// When the lease was last refreshed (wall clock); nil once `watch()` zeroed it.
    var leaseRefreshedAt: SimInstant?
    /// The watch cache: every key under the prefix.
    var cache = WatchCache()
    /// False when the watch broke and the cache must be reloaded.
    var cacheReady = false
    /// `is_leader()`: true until this instant of the node's wall clock; nil when not leader.
    var leaderExpiry: SimInstant?
    /// Members of the last view that had a leader (`old_cluster`), as node indices.
    var oldClusterMembers: [NodeID] = []
    /// The one etcd call in flight.
    var call: EtcdCall?
    var nextCallID: UInt64 = 0
    /// The HA loop's `GET /patroni` probes of other members in flight.
    var probes: ProbeRound?
    /// The REST API handler's probes in flight (`POST /switchover`, `POST /failover`).
    var restProbes: ProbeRound?
    /// The long action PostgreSQL is busy with.
    var action: AsyncAction? { didSet { factsChanged = true } }
    /// What this process last wrote to its member key.
    var publishedMember: MemberData?
    /// The member data of the write in flight (what etcd holds once it is answered).
    var memberInFlight: MemberData?
    /// The optime last written to `status`.
    var publishedOptime: Int64?
    /// A promotion not yet written to `history`.
    var pendingHistory: HistoryLine?
    var rewind: RewindState = .initial
    /// Single-user crash recovery ran in this recovery episode.
    var crashRecoveryDone = false
    /// A watch event or a finished action asked for a new cycle while one was running.
    var wakePending = false
    /// The graceful shutdown will release the leader key (Patroni believed itself leader).
    var shutdownReleasesKey = false
    /// The `synchronous_standby_names` to set once the `/sync` write in flight succeeds.
    var syncNamesAfterWrite: SynchronousStandbyNames?
    /// What `SyncHandler` remembers between cycles on a primary (synchronous mode).
    var syncHandler = SyncHandlerState()
    /// Bootstrap finished; `post_bootstrap` still has to publish the cluster.
    var postBootstrapPending = false
    /// Failsafe mode: the leader cached from `POST /failsafe`, or this primary's calls in flight.
    var failsafe = FailsafeState()
    /// The REST API wrote `/failover` and wakes the loop once the write is done (seen in the watch).
    var wakeOnFailoverWrite = false
    /// The HA loop's write of `/failover` in flight (a clean-up or a rewrite), and where it continues.
    var failoverWrite: PendingFailoverWrite?
    /// A start by `Ha.recover` failed; the next cycle runs `post_recover`.
    var startFailed = false
    /// Which try of the clone in progress this is (`Bootstrap.basebackup` makes two).
    var cloneTry = 0
    /// The rewind check's question to the leader in flight, if any.
    var rewindQuery: RewindQuery?
    /// The answer of the rewind check, until the decision uses it.
    var rewindAnswer: RewindAnswer?
    /// When (on the node's wall clock) the lock holder began restarting PostgreSQL, for
    /// `primary_start_timeout`.
    var leaderStartSince: SimInstant?

    /// Whether the HA loop's `is_leader()` holds at wall-clock time `wallNow`.
    func isLeader(at wallNow: SimInstant) -> Bool { leaderExpiry.map { wallNow < $0 } ?? false }
}

/// A question to the leader's PostgreSQL (is it a primary, on which timeline), and what
/// waits for its answer.
struct RewindQuery: Equatable {
    /// Identifies the question.
    var token: UInt64
    /// The leader asked.
    var leader: NodeID
    /// What waits for the answer.
    var resume: RewindCheckResume
}

/// What waits for the answer of a question to the leader.
enum RewindCheckResume: Equatable {
    /// The rewind check in `Ha.follow`.
    case follow
    /// The rewind check in `Ha.recover`.
    case recover
    /// `Rewind.execute`, before it runs pg_rewind.
    case beforeRewind
    /// `Rewind.execute`, after pg_rewind failed.
    case afterFailedRewind
}

/// What the leader told the rewind check, kept until the decision uses it.
struct RewindAnswer: Equatable {
    /// The leader asked.
    var leader: NodeID
    /// Its PostgreSQL's reply; nil when the connection was refused or timed out
    /// ("Exception when working with leader").
    var reply: LeaderReply?
}

/// The leader's PostgreSQL's reply: whether it is out of recovery, and its WAL branch.
struct LeaderReply: Equatable {
    var primary: Bool
    var branch: Int
}

/// A long action run by Patroni's async executor.
enum AsyncAction: Equatable {
    case initdb
    case basebackup(from: NodeID)
    case startPostgres
    case promote
    case crashRecovery
    case rewind(from: NodeID)
    case demote(DemoteMode)
    case restartForConninfo

    /// The name Patroni logs ("updated leader lock during promote").
    var label: String {
        switch self {
        case .initdb: return "bootstrap"
        case .basebackup: return "bootstrap from leader"
        case .startPostgres: return "starting"
        case .promote: return "promote"
        case .crashRecovery: return "crash recovery"
        case .rewind: return "rewind"
        case .demote: return "demote"
        case .restartForConninfo: return "restart"
        }
    }
}

/// How `Ha.demote` stops the primary (PATRONI.md §1.4, §3).
enum DemoteMode: String, Equatable {
    /// DCS lost: fast stop, no key release, restart read-only without upstream.
    case offline
    /// Lost the lock: immediate stop, restart as a replica of the new leader.
    case immediateNolock = "immediate-nolock"
    /// A switchover: CHECKPOINT, fast stop, release the key, sleep 2 s, follow (PATRONI.md §6.3).
    case graceful
}

/// A write of the `/failover` key by the HA loop, and the step that waits for it.
struct PendingFailoverWrite: Equatable {
    /// What is written.
    var value: FailoverRequest
    /// Where the loop continues.
    var then: AfterFailoverWrite
}

/// The step of the HA loop that waits for a write of the `/failover` key.
enum AfterFailoverWrite: Equatable {
    /// The leader goes on with its cycle (`enforce_primary_role` and the rest).
    case leaderDuties
    /// The race winner promotes.
    case promoteWinner
    /// A paused primary that removed a request for a vanished candidate races.
    case race
}

/// One key in a Patroni process's watch cache.
struct CachedKey: Equatable {
    var value: DCSValue
    var lease: Int64
}
