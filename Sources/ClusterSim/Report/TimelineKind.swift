/// The kind of a timeline entry: a stable word for filtering, JSON and pictures.
///
/// Its raw value is what the report prints (`lock-acquired`).
public enum TimelineKind: String, Sendable, Equatable, CaseIterable {
    /// The operator's monitoring raised an alert.
    case alert
    /// A base backup of the data directory started.
    case basebackup
    /// A base backup finished; the replica has its data directory.
    case basebackupDone = "basebackup-done"
    /// A base backup failed (the source could not be reached, or reset the connection).
    case basebackupFailed = "basebackup-failed"
    /// A node's wall clock jumped.
    case clockStep = "clock-step"
    /// Patroni picked up a changed dynamic configuration.
    case config
    /// Patroni adjusted a timer of the configuration, with its warning.
    case configWarning = "config-warning"
    /// A crashed primary runs crash recovery in single-user mode.
    case crashRecovery = "crash-recovery"
    /// Patroni cannot reach the DCS.
    case dcsUnreachable = "dcs-unreachable"
    /// Patroni decided to demote its primary.
    case demote
    /// The demotion runs (its mode in the message).
    case demoting
    /// A slow disk is healthy again.
    case diskFast = "disk-fast"
    /// A disk became slow.
    case diskSlow = "disk-slow"
    /// An etcd member became the raft leader.
    case etcdLeaderElected = "etcd-leader-elected"
    /// An etcd member stopped being the raft leader.
    case etcdLeaderLost = "etcd-leader-lost"
    /// An etcd process was frozen (SIGSTOP).
    case etcdMemberFrozen = "etcd-member-frozen"
    /// An etcd process started.
    case etcdMemberStarted = "etcd-member-started"
    /// An etcd process stopped.
    case etcdMemberStopped = "etcd-member-stopped"
    /// A frozen etcd process runs again.
    case etcdMemberThawed = "etcd-member-thawed"
    /// A lock holder whose PostgreSQL is down gives up the lock.
    case failover
    /// A primary stays primary in failsafe mode.
    case failsafe
    /// A member refused or missed a primary's `POST /failsafe`.
    case failsafeRefused = "failsafe-refused"
    /// The scenario's fault or operator action fired.
    case fault
    /// A replica follows a new leader.
    case following
    /// Patroni was frozen (SIGSTOP).
    case frozen
    /// HAProxy marked a server down.
    case haproxyDown = "haproxy-down"
    /// HAProxy marked a server up.
    case haproxyUp = "haproxy-up"
    /// The bootstrap node runs `initdb`.
    case initdb
    /// The bootstrap node initialized the cluster and holds the lock.
    case initialized
    /// A node deleted the leader key it held.
    case keyReleased = "key-released"
    /// Patroni and PostgreSQL were killed.
    case killed
    /// etcd revoked the leader's lease and the key with it.
    case leaderKeyExpired = "leader-key-expired"
    /// The leader key was deleted by its holder.
    case leaderKeyReleased = "leader-key-released"
    /// A node created the leader key.
    case lockAcquired = "lock-acquired"
    /// A primary kept the lock it already held.
    case lockKept = "lock-kept"
    /// A lock holder failed to update the leader lock.
    case lockLost = "lock-lost"
    /// A node lost the race for the leader key.
    case lockRaceLost = "lock-race-lost"
    /// A switchover, failover, pause or resume request was answered.
    case manualFailover = "manual-failover"
    /// A fault or request had nothing to act on.
    case noOp = "no-op"
    /// A node may not promote (`nofailover`).
    case notAllowed = "not-allowed"
    /// A node is not the healthiest and does not race.
    case notHealthiest = "not-healthiest"
    /// A step of the manual operator.
    case `operator`
    /// Patroni alone was killed.
    case patroniKilled = "patroni-killed"
    /// Patroni started.
    case patroniStarted = "patroni-started"
    /// Patroni stopped.
    case patroniStopped = "patroni-stopped"
    /// What Patroni does in maintenance mode.
    case paused
    /// PostgreSQL will fail to start.
    case postgresBroken = "postgres-broken"
    /// PostgreSQL terminated without a clean shutdown.
    case postgresCrashed = "postgres-crashed"
    /// PostgreSQL can start again.
    case postgresFixed = "postgres-fixed"
    /// PostgreSQL started as primary.
    case postgresPrimary = "postgres-primary"
    /// PostgreSQL started as replica.
    case postgresReplica = "postgres-replica"
    /// A node promotes its PostgreSQL.
    case promote
    /// PostgreSQL is read-write on a new timeline.
    case promoted
    /// A replica's data directory is removed and cloned again.
    case reinit
    /// Patroni refused a `reinit`.
    case reinitRefused = "reinit-refused"
    /// Every running member streams from the new leader.
    case replicasFollowing = "replicas-following"
    /// A walreceiver could not stream from its upstream.
    case replicationRefused = "replication-refused"
    /// PostgreSQL restarts to apply a new `primary_conninfo`.
    case restart
    /// pg_rewind started.
    case rewind
    /// pg_rewind finished.
    case rewindDone = "rewind-done"
    /// pg_rewind failed (the source could not be reached, or reset the connection).
    case rewindFailed = "rewind-failed"
    /// Patroni's rewind check could not reach the leader.
    case rewindCheckFailed = "rewind-check-failed"
    /// pg_rewind waits for the leader's checkpoint.
    case rewindWait = "rewind-wait"
    /// Patroni's `on_role_change` callback fired.
    case roleChange = "role-change"
    /// A configuration change could not be written.
    case setConfig = "set-config"
    /// Patroni received SIGTERM.
    case shutdown
    /// Patroni starts PostgreSQL.
    case start
    /// PostgreSQL failed to start.
    case startFailed = "start-failed"
    /// A primary's restart outlasted `primary_start_timeout`.
    case startTimeout = "start-timeout"
    /// A walreceiver started streaming.
    case streaming
    /// A step of a switchover or manual failover.
    case switchover
    /// The leader refused a switchover or failover request.
    case switchoverRefused = "switchover-refused"
    /// A scheduled switchover is pending.
    case switchoverScheduled = "switchover-scheduled"
    /// A change of synchronous replication.
    case sync
    /// A frozen Patroni runs again.
    case thawed
    /// A replica followed its upstream to a new timeline.
    case timelineSwitch = "timeline-switch"
    /// A safety invariant broke.
    case violation
    /// A node waits for the leader to bootstrap.
    case waiting
    /// The watchdog was armed, changed or disarmed.
    case watchdog
    /// A walsender heard nothing from its standby for `wal_sender_timeout` and ended the connection.
    case walsenderTimeout = "walsender-timeout"
    /// The watchdog reset the host.
    case watchdogReset = "watchdog-reset"
}
