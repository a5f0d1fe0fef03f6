/// Everything that can happen in a run, as values dispatched in one `switch`.
///
/// Events are plain data (no references), so the scheduler copies them as a few words;
/// a delivery carries its message (whose etcd content, if any, waits in `Network.held`).
enum SimEvent {
    /// The scenario's fault at this index fires.
    case fault(Int)
    /// A node's Patroni starts at the beginning of the run.
    case boot(node: NodeID)
    /// Without Patroni, the first node initialises the cluster and the others clone it.
    case bootWithoutPatroni
    /// The message reaches its destination.
    case deliver(Message)
    /// A Patroni process's nap ends (ignored if the process or the nap changed).
    case agentWake(node: NodeID, generation: UInt64, wakeAt: SimInstant)
    /// An HTTP attempt of an etcd call timed out.
    case callAttemptTimeout(node: NodeID, generation: UInt64, callID: UInt64, attempt: UInt64)
    /// An etcd call's back-off ended.
    case callRetry(node: NodeID, generation: UInt64, callID: UInt64)
    /// A Patroni process retries its start-up after "waiting on etcd".
    case agentStartupRetry(node: NodeID, generation: UInt64)
    /// A leader-race probe timed out after 2 s.
    case probeTimeout(node: NodeID, generation: UInt64, round: UInt64, target: NodeID)
    /// An attempt of a failsafe primary's `POST /failsafe` to `target` timed out after 2 s.
    case failsafeTimeout(node: NodeID, generation: UInt64, round: UInt64, target: NodeID, attempt: UInt64)
    /// A sleep inside the HA loop ended.
    case agentResume(node: NodeID, generation: UInt64, AgentResume)
    /// A PostgreSQL step finished.
    case postgresStep(node: NodeID, generation: UInt64, PostgresStep)
    /// A walreceiver's connection attempt got no answer in time.
    case receiverTimeout(node: NodeID, generation: UInt64, attempt: UInt64)
    /// A walreceiver's retry interval ended.
    case receiverRetry(node: NodeID, generation: UInt64)
    /// A streaming walreceiver's status interval ended: it reports its flush position.
    case receiverStatus(node: NodeID, generation: UInt64, attempt: UInt64)
    /// A source node finished sending a copy to `requester`.
    case transferSent(node: NodeID, generation: UInt64, requester: NodeID, kind: TransferKind, attempt: UInt64)
    /// A copy from another node got no answer in time: the connection timed out.
    case transferTimeout(node: NodeID, generation: UInt64, attempt: UInt64)
    /// The wait before the next try of a failed copy ended.
    case transferRetry(node: NodeID, generation: UInt64, attempt: UInt64)
    /// Patroni's rewind check got no answer from the leader within its connect timeout.
    case rewindCheckTimeout(node: NodeID, generation: UInt64, token: UInt64)
    /// A walsender may have heard nothing from `replica` for `wal_sender_timeout`.
    case walSenderTimeout(node: NodeID, generation: UInt64, replica: NodeID, session: UInt64)
    /// The liveness check starts looking (just after the last fault).
    case livenessStart
    /// The liveness deadline: the cluster must be converged now.
    case livenessDeadline
    /// The fencing checker re-evaluates a writable node when its lease coverage runs out.
    case fencingCheck(node: NodeID)
    /// etcd's lessor looks for expired leases.
    case lessorScan
    /// An etcd member's election timer may have run out (ignored if superseded).
    case raftElectionCheck(member: MemberID, generation: UInt64, check: UInt64)
    /// An etcd leader's heartbeat tick (ignored if the member restarted or lost its term).
    case raftHeartbeat(member: MemberID, generation: UInt64, term: Int64)
    /// A frozen etcd member runs again.
    case etcdThaw(member: MemberID)
    /// The workload starts its next write.
    case clientWrite
    /// The oldest pending client writes reach their timeout.
    case writeTimeout
    /// HAProxy checks `server`.
    case haproxyCheck(server: NodeID)
    /// HAProxy's check `check` of `server` timed out.
    case haproxyCheckTimeout(server: NodeID, check: UInt64)
    /// A node's watchdog timer ran out (ignored if it was pinged or disarmed since).
    case watchdogExpired(node: NodeID, deadline: SimInstant)
    /// A frozen Patroni runs again.
    case thaw(node: NodeID)
    /// Without Patroni: the standby's failover script checks its primary.
    case scriptCheck(node: NodeID)
    /// A `pg_isready`-style check from `host` got no answer in time.
    case pingTimeout(host: HostID, token: UInt64)
    /// The manual operator finishes a step of the failover procedure.
    case operatorStep(OperatorStep)
    /// The manual operator's monitoring checks the primary.
    case operatorCheck
    /// The REST handler of a switchover or failover request polls the DCS (once a second).
    case manualFailoverPoll(ManualFailoverPoll)
    /// The history samples replication lag (once a second).
    case sample
    /// The run's duration is over.
    case endOfRun
}

/// Where the HA loop continues after a sleep inside a cycle.
enum AgentResume {
    /// After "give a time to somebody to take the leader lock" (2 s), follow.
    case followAfterYield
    /// The graceful shutdown polls `pg_control` (every 1 s).
    case shutdownPoll
    /// The 1 s sleep after `pg_control` says "shut down", before releasing the key.
    case shutdownRelease
    /// The leader slept until the exact moment of a scheduled switchover.
    case scheduledFailover
    /// The 2 s sleep of a graceful demote after releasing the key, before following.
    case demoteFollow
    /// The 2 s wait after a change of `synchronous_standby_names`; `/sync` holds `common`.
    case syncSettled(common: NodeSet)
}

/// A PostgreSQL step that takes time.
enum PostgresStep {
    case initdbDone
    case startDone(asPrimary: Bool)
    case promoteDone
    case fastStopDone
    case crashRecoveryDone
    /// The postmaster of a broken PostgreSQL exited during start-up.
    case startFailed
    /// A slow disk finished writing received WAL up to `lsn`.
    case walWritten(lsn: Int64)
}

/// The steps of a manual failover, each ending after a delay drawn from the operator's ranges.
enum OperatorStep: Equatable {
    /// Someone noticed the alert.
    case detected
    /// A decision was taken.
    case decided
    /// The promotion command was run.
    case executed(candidate: NodeID)
    /// The new primary was checked.
    case verified(candidate: NodeID)
    /// The application's connection string now names the new primary.
    case applicationUpdated(candidate: NodeID)
}
