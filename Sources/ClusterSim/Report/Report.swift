/// Everything a run produced: timeline, failover phases, write accounting, violations
/// and the final state of the cluster. Values only; renderers turn it into text or JSON.
public struct Report: Sendable, Equatable {
    /// The scenario's name.
    public var scenario: String
    /// The seed of the run.
    public var seed: UInt64
    /// The HA policy: `patroni`, `none` or `manual`.
    public var ha: String
    /// How the run ended.
    public var outcome: RunOutcome
    /// Virtual time when the run ended.
    public var endedAt: SimInstant
    /// Events handled by the scheduler.
    public var eventsHandled: UInt64
    /// The timers in force after Patroni's validation, and its warnings.
    public var timers: EffectiveTimers
    /// The time of the first fault, the origin of the `T+` timeline (nil without faults).
    public var firstFaultAt: SimInstant?
    /// Notable events in time order.
    public var timeline: [TimelineEntry]
    /// One record per change of leader caused by a fault (or by a switchover).
    public var failovers: [FailoverRecord]
    /// Client write accounting.
    public var writes: WriteSummary
    /// Safety violations found while the run went on, and a `liveness` violation if the
    /// cluster did not converge in time after the last fault.
    public var violations: [Violation]
    /// Whether and when the cluster converged after the last fault.
    public var liveness: LivenessResult
    /// The cluster at the end of the run.
    public var final: ClusterSnapshot
    /// The run over time, when `ClusterOptions.recordHistory` is set.
    public var history: RunHistory? = nil
}

/// One notable event of a run.
public struct TimelineEntry: Sendable, Equatable {
    /// When it happened.
    public var at: SimInstant
    /// The node or host concerned (`etcd`, `haproxy`, a node name), or nil for the cluster.
    public var host: String?
    /// A stable kind such as `lock-acquired`, for filtering and JSON.
    public var kind: TimelineKind
    /// The human sentence, in Patroni's wording where it logs one.
    public var message: String
}

/// The phases of one failover, each an instant or nil when it never happened.
public struct FailoverRecord: Sendable, Equatable {
    /// The fault that started it, as a label (`stop leader`).
    public var fault: String
    /// When the fault fired.
    public var faultAt: SimInstant
    /// The leader when the fault fired.
    public var oldLeader: String
    /// The node that took the lock, if any.
    public var newLeader: String?
    /// When the old leader key disappeared (deleted or expired).
    public var leaderKeyGoneAt: SimInstant?
    /// How the key disappeared: `released` or `expired`.
    public var leaderKeyGoneHow: String?
    /// When the new leader created the key.
    public var lockAcquiredAt: SimInstant?
    /// When the new leader's PostgreSQL became read-write.
    public var promotedAt: SimInstant?
    /// When a client write was first acknowledged by the new leader.
    public var firstWriteAt: SimInstant?
    /// When every other running member was streaming from the new leader on its timeline.
    public var replicasFollowingAt: SimInstant?
    /// The new leader's timeline.
    public var timeline: Int?
}

/// Client write accounting over the whole run.
public struct WriteSummary: Sendable, Equatable {
    /// Writes started.
    public var attempted: Int = 0
    /// Writes acknowledged as committed.
    public var acked: Int = 0
    /// Writes that ended in an error or a timeout.
    public var failed: Int = 0
    /// Writes still waiting for an answer when the run ended.
    public var pending: Int = 0
    /// Acknowledged writes missing from the history of the final primary.
    public var lost: Int = 0
    /// Failures by reason, sorted by reason.
    public var failuresByReason: [ReasonCount] = []
    /// The longest stretch during which no write was acknowledged while writes were attempted.
    public var longestOutage: OutageWindow?

    /// Creates an empty summary.
    public init() {}
}

/// A count of writes that failed for one reason.
public struct ReasonCount: Sendable, Equatable {
    /// The error text.
    public var reason: String
    /// How many writes failed with it.
    public var count: Int
}

/// A stretch of time with no acknowledged write.
public struct OutageWindow: Sendable, Equatable {
    /// The last acknowledgement before it (or the first failure if none came before).
    public var from: SimInstant
    /// The first acknowledgement after it, or the end of the run.
    public var until: SimInstant
    /// The length.
    public var length: SimDuration { until - from }
}

/// A broken invariant.
public struct Violation: Sendable, Equatable {
    /// The invariant that broke.
    public var invariant: Invariant
    /// When it began.
    public var at: SimInstant
    /// When it ended (nil if still broken at the end).
    public var until: SimInstant?
    /// The nodes involved.
    public var nodes: [String]
    /// What happened, in a sentence.
    public var detail: String
}

/// The cluster's state at one instant: `patronictl list` rows and the etcd keys.
public struct ClusterSnapshot: Sendable, Equatable {
    /// When it was taken.
    public var at: SimInstant
    /// The cluster's system identifier, or nil before initialisation.
    public var systemIdentifier: String?
    /// One row per node, in node order (including nodes whose member key is gone).
    public var members: [MemberRow]
    /// The keys under the cluster prefix, sorted by key.
    public var keys: [EtcdKeyDump]
    /// The node named by the leader key, or nil when there is no leader key.
    public var leaderKeyHolder: String? = nil
    /// The standbys the `/sync` key lists, or nil when there is no `/sync` key.
    public var syncStandbys: [String]? = nil
    /// The leader the `/sync` key names, or nil when there is no `/sync` key.
    public var syncLeader: String? = nil
    /// The `quorum` the `/sync` key holds in quorum mode, else nil.
    public var syncQuorum: Int? = nil
}

/// What PostgreSQL on a node is, as `pg_is_in_recovery()` would tell.
public enum PostgresRole: String, Sendable, Equatable, CaseIterable {
    /// Running and not in recovery (it may still refuse writes, e.g. while waiting for a sync standby).
    case primary
    /// Running in recovery (a standby, or a primary still promoting).
    case replica
    /// Not accepting connections: stopped, starting, stopping or crashed.
    case stopped
}

/// One row of `patronictl list`, from the simulator's view of the node.
public struct MemberRow: Sendable, Equatable {
    /// The member name.
    public var name: String
    /// The host (`name:5432` style is not used; the name is the host).
    public var host: String
    /// `Leader`, `Replica`, `Sync Standby`..., or empty when the node is not a member any more.
    public var role: MemberRole
    /// `running`, `streaming`, `stopped`, `crashed`, `starting`, `stopping`, `creating replica`...
    public var state: String
    /// The PostgreSQL timeline, or nil when unknown.
    public var timeline: Int?
    /// Receive lag in bytes behind the leader's position (nil for the leader or unknown).
    public var lagBytes: Int64?
    /// Whether the member key exists in etcd.
    public var registered: Bool
    /// The node's WAL position.
    public var lsn: Int64
    /// What its PostgreSQL is at this instant, whatever the member key says.
    public var postgresRole: PostgresRole = .stopped
}

/// One key as `etcdctl get --prefix` prints it.
public struct EtcdKeyDump: Sendable, Equatable {
    /// The full key.
    public var key: String
    /// The value.
    public var value: String
    /// The lease ID the key is attached to, if any.
    public var lease: Int64?
}

/// The liveness check: after the last fault, one leader and every member with a running
/// Patroni streaming from it on its timeline, within a bound.
public struct LivenessResult: Sendable, Equatable {
    /// When the check starts: the last fault (or the start of the run without faults).
    public var since: SimInstant
    /// The instant by which the cluster must have converged.
    public var deadline: SimInstant
    /// The first instant at or after `since` when it had converged, if any.
    public var convergedAt: SimInstant?
    /// Whether the run lasted past the deadline, so that the check could decide.
    public var decided: Bool

    /// Whether convergence came in time (false also while undecided and not converged).
    public var held: Bool { convergedAt.map { $0 <= deadline } ?? false }
}
