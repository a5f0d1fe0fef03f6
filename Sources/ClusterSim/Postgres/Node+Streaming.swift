/// Streaming replication: the walsenders of an upstream and the walreceiver of a replica,
/// each knowing only what the messages between them told it.
///
/// An upstream serves every standby whose connection it accepted (`pg_stat_replication`)
/// until the standby closes the connection, its own postmaster goes away, or it has heard
/// nothing from the standby for `wal_sender_timeout` (a standby behind a partition). A
/// streaming standby reports its flush position every `wal_receiver_status_interval`.
extension Node {
    /// Appends WAL up to `lsn` and ships it to every standby a walsender serves.
    mutating func extendWAL(to lsn: Int64, _ env: inout Environment) {
        guard lsn > postgres.lsn else { return }
        postgres.lsn = lsn
        let branch = postgres.branch
        for standby in layout.nodes where postgres.walSenders[standby] != nil {
            env.send(.walData(branch: branch, lsn: lsn), from: host, to: layout.host(of: standby))
        }
    }

    /// Changes the walreceiver's state; leaving a connection to an upstream (streaming, or
    /// waiting for its answer) closes it, which the upstream's walsender sees.
    private mutating func setReceiver(_ receiver: PostgresInstance.Receiver, _ env: inout Environment) {
        switch postgres.receiver {
        case .streaming(let upstream) where receiver != .streaming(upstream: upstream),
             .connecting(let upstream, _) where receiver != .streaming(upstream: upstream):
            env.send(.walReceiverClosed(attempt: postgres.receiverAttempts), from: host, to: layout.host(of: upstream))
        case .streaming, .connecting, .idle, .waitingToRetry:
            break
        }
        postgres.receiver = receiver
    }

    /// The walreceiver stops: the postmaster went away, or the node was promoted.
    mutating func stopReceiver(_ env: inout Environment) {
        setReceiver(.idle, &env)
    }

    /// (Re)starts the walreceiver towards `primary_conninfo`, as a reload does.
    mutating func restartReceiver(_ env: inout Environment) {
        setReceiver(.idle, &env)
        connectReceiver(&env)
    }

    /// The walreceiver tries to connect to its upstream.
    mutating func connectReceiver(_ env: inout Environment) {
        guard postgres.state == .running, !postgres.isPrimary, let upstream = postgres.upstream else {
            setReceiver(.idle, &env)
            return
        }
        postgres.receiverAttempts += 1
        let attempt = postgres.receiverAttempts
        postgres.receiver = .connecting(upstream: upstream, attempt: attempt)
        env.send(.walConnect(attempt: attempt, branch: postgres.branch, lsn: postgres.lsn), from: host, to: layout.host(of: upstream))
        env.scheduler.schedule(.receiverTimeout(node: id, generation: postgres.generation, attempt: attempt),
                               after: options.postgres.walRetrieveRetryInterval)
    }

    /// The walsender side: accept `replica` if the requested start point is in this server's
    /// history, and serve it from now on.
    mutating func walConnectReceived(from replica: NodeID, attempt: UInt64, branch: Int, lsn: Int64, _ env: inout Environment) {
        let replicaHost = layout.host(of: replica)
        guard postgres.acceptsConnections else {
            env.send(.refused(.wal(attempt: attempt)), from: host, to: replicaHost)
            return
        }
        if patroniManaged && postgres.isPrimary && options.postgres.useSlots && !postgres.slots[replica] {
            env.send(.walRefused(attempt: attempt, reason: .noSlot(node: replica)), from: host, to: replicaHost)
            return
        }
        guard env.timelines.contains(branch: postgres.branch, end: postgres.lsn, position: branch, lsn: lsn) else {
            let reason: WalRefusal
            if branch == postgres.branch {
                reason = .aheadOfFlush
            } else if let fork = env.timelines.switchPoint(from: branch, toward: postgres.branch) {
                reason = .forked(timeline: env.timelines.number(of: branch), fork: fork)
            } else {
                reason = .notInHistory
            }
            env.send(.walRefused(attempt: attempt, reason: reason), from: host, to: replicaHost)
            return
        }
        postgres.walSenders[replica] = WalSender(session: attempt, lastReply: env.now)
        env.scheduler.schedule(.walSenderTimeout(node: id, generation: postgres.generation, replica: replica, session: attempt),
                               after: options.postgres.walSenderTimeout)
        env.send(.walAccepted(attempt: attempt, branch: postgres.branch, lsn: postgres.lsn), from: host, to: replicaHost)
    }

    /// The standby `replica` closed its connection `attempt`: its walsender ends.
    mutating func walReceiverClosed(by replica: NodeID, attempt: UInt64) {
        if postgres.walSenders[replica]?.session == attempt { postgres.walSenders[replica] = nil }
    }

    /// The walsender of `replica`'s connection `session` checks whether it has heard from
    /// the standby within `wal_sender_timeout`; if not, it ends the connection.
    mutating func walSenderTimedOut(generation: UInt64, replica: NodeID, session: UInt64, _ env: inout Environment) {
        guard postgres.generation == generation, let sender = postgres.walSenders[replica], sender.session == session else { return }
        let timeout = options.postgres.walSenderTimeout
        guard env.now - sender.lastReply >= timeout else {
            env.scheduler.schedule(.walSenderTimeout(node: id, generation: generation, replica: replica, session: session),
                                   at: sender.lastReply + timeout)
            return
        }
        postgres.walSenders[replica] = nil
        env.note(host, .walsenderTimeout, "terminating walsender process for \(nodeName(replica)) due to replication timeout")
        env.send(.walClosed(attempt: session), from: host, to: layout.host(of: replica))
    }

    /// The upstream accepted the connection attempt: streaming starts on its branch.
    mutating func walAccepted(from upstream: NodeID, attempt: UInt64, branch: Int, lsn: Int64, _ env: inout Environment) {
        guard postgres.receiver == .connecting(upstream: upstream, attempt: attempt) else { return }
        postgres.receiver = .streaming(upstream: upstream)
        postgres.branch = branch
        observeTimeline(&env)
        env.note(host, .streaming, "started streaming WAL from \(nodeName(upstream)) on timeline \(timelineNumber(env))")
        receivedWAL(lsn: lsn, &env)
        env.scheduler.schedule(.receiverStatus(node: id, generation: postgres.generation, attempt: attempt),
                               after: options.postgres.walReceiverStatusInterval)
        observeClusterChange(&env)
    }

    /// The status interval of the streaming connection `attempt` ended: report the flush
    /// position to the upstream, as every `wal_receiver_status_interval`.
    mutating func receiverStatusDue(generation: UInt64, attempt: UInt64, _ env: inout Environment) {
        guard postgres.generation == generation, postgres.receiverAttempts == attempt,
              case .streaming(let upstream) = postgres.receiver else { return }
        env.send(.walFlushed(attempt: attempt, lsn: postgres.lsn), from: host, to: layout.host(of: upstream))
        env.scheduler.schedule(.receiverStatus(node: id, generation: generation, attempt: attempt),
                               after: options.postgres.walReceiverStatusInterval)
    }

    /// The upstream refused the connection attempt for `reason`.
    mutating func walRefused(from upstream: NodeID, attempt: UInt64, reason: String, _ env: inout Environment) {
        guard postgres.receiver == .connecting(upstream: upstream, attempt: attempt) else { return }
        env.noteOnce(host, .replicationRefused, "could not stream from \(nodeName(upstream)): \(reason)")
        receiverLost(&env)
    }

    /// The connection attempt got no answer within the retry interval.
    mutating func receiverTimedOut(attempt: UInt64, _ env: inout Environment) {
        guard case .connecting(_, let current) = postgres.receiver, current == attempt else { return }
        receiverLost(&env)
    }

    /// The walreceiver lost (or could not get) its connection: retry after `wal_retrieve_retry_interval`.
    mutating func receiverLost(_ env: inout Environment) {
        setReceiver(.waitingToRetry, &env)
        env.scheduler.schedule(.receiverRetry(node: id, generation: postgres.generation),
                               after: options.postgres.walRetrieveRetryInterval)
    }

    /// The walsender of `upstream` ended the connection `attempt` (its postmaster went
    /// away, it timed out, or it reset a connection it did not have).
    mutating func walClosed(by upstream: NodeID, attempt: UInt64, _ env: inout Environment) {
        guard postgres.receiverAttempts == attempt else { return }
        switch postgres.receiver {
        case .streaming(upstream), .connecting(upstream, _): receiverLost(&env)
        case .streaming, .connecting, .idle, .waitingToRetry: break
        }
    }

    /// WAL up to `lsn` on `branch` arrived from `upstream`.
    mutating func walDataReceived(from upstream: NodeID, branch: Int, lsn: Int64, _ env: inout Environment) {
        guard postgres.receiver == .streaming(upstream: upstream), postgres.state == .running else { return }
        if branch != postgres.branch {
            guard env.timelines.contains(branch: branch, end: lsn, position: postgres.branch, lsn: postgres.lsn) else {
                receiverLost(&env)
                return
            }
            postgres.branch = branch
            observeTimeline(&env)
            env.note(host, .timelineSwitch, "followed \(nodeName(upstream)) to timeline \(timelineNumber(env))")
            observeClusterChange(&env)
        }
        receivedWAL(lsn: lsn, &env)
    }

    private mutating func receivedWAL(lsn: Int64, _ env: inout Environment) {
        if diskIsSlow(env.now) {
            writeOnSlowDisk(lsn: lsn, &env)
        } else {
            writeWAL(to: lsn, &env)
        }
    }

    /// The walreceiver has WAL up to `lsn` on disk: the replica has it, and in synchronous
    /// mode acknowledges the flush to its upstream.
    mutating func writeWAL(to lsn: Int64, _ env: inout Environment) {
        if lsn > postgres.lsn { extendWAL(to: lsn, &env) }
        if synchronousMode, case .streaming(let upstream) = postgres.receiver {
            env.send(.walFlushed(attempt: postgres.receiverAttempts, lsn: postgres.lsn), from: host, to: layout.host(of: upstream))
        }
    }
}
