/// Streaming replication: the walsender side on an upstream, the walreceiver side on a
/// replica, and the WAL each writes.
extension Node {
    /// Appends WAL up to `lsn` and ships it to every walreceiver streaming from this node.
    mutating func extendWAL(to lsn: Int64, _ env: inout Environment) {
        guard lsn > postgres.lsn else { return }
        postgres.lsn = lsn
        let branch = postgres.branch
        for other in layout.nodes where other != id {
            if case .streaming(id) = peer(other, env).receiver {
                env.send(.walData(branch: branch, lsn: lsn), from: host, to: layout.host(of: other))
            }
        }
    }

    /// (Re)starts the walreceiver towards `primary_conninfo`, as a reload does.
    mutating func restartReceiver(_ env: inout Environment) {
        postgres.receiver = .idle
        connectReceiver(&env)
    }

    /// The walreceiver tries to connect to its upstream.
    mutating func connectReceiver(_ env: inout Environment) {
        guard postgres.state == .running, !postgres.isPrimary, let upstream = postgres.upstream else {
            postgres.receiver = .idle
            return
        }
        postgres.receiverAttempts += 1
        let attempt = postgres.receiverAttempts
        postgres.receiver = .connecting(upstream: upstream, attempt: attempt)
        env.send(.walConnect(attempt: attempt, branch: postgres.branch, lsn: postgres.lsn), from: host, to: layout.host(of: upstream))
        env.scheduler.schedule(.receiverTimeout(node: id, generation: postgres.generation, attempt: attempt),
                               after: options.postgres.walRetrieveRetryInterval)
    }

    /// The walsender side: accept `replica` if the requested start point is in this server's history.
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
        env.send(.walAccepted(attempt: attempt, branch: postgres.branch, lsn: postgres.lsn), from: host, to: replicaHost)
    }

    /// The upstream accepted the connection attempt: streaming starts on its branch.
    mutating func walAccepted(from upstream: NodeID, attempt: UInt64, branch: Int, lsn: Int64, _ env: inout Environment) {
        guard postgres.receiver == .connecting(upstream: upstream, attempt: attempt) else { return }
        postgres.receiver = .streaming(upstream: upstream)
        postgres.branch = branch
        observeTimeline(&env)
        env.note(host, .streaming, "started streaming WAL from \(nodeName(upstream)) on timeline \(timelineNumber(env))")
        receivedWAL(lsn: lsn, &env)
        observeClusterChange(&env)
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
        postgres.receiver = .waitingToRetry
        env.scheduler.schedule(.receiverRetry(node: id, generation: postgres.generation),
                               after: options.postgres.walRetrieveRetryInterval)
    }

    /// The walsender of `upstream` closed the connection (its postmaster went away).
    mutating func walClosed(by upstream: NodeID, _ env: inout Environment) {
        if postgres.receiver == .streaming(upstream: upstream) { receiverLost(&env) }
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
            env.send(.walFlushed(lsn: postgres.lsn), from: host, to: layout.host(of: upstream))
        }
    }
}
