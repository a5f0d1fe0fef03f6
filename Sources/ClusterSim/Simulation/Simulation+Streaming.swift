extension Simulation {
    /// Appends WAL on `node` up to `lsn` and ships it to every walreceiver streaming from it.
    func extendWAL(_ node: Int, to lsn: Int64) {
        guard lsn > postgres[node].lsn else { return }
        postgres[node].lsn = lsn
        let branch = postgres[node].branch
        for other in postgres.indices {
            if case .streaming(node) = postgres[other].receiver {
                send(.walData(branch: branch, lsn: lsn), from: HostID(node), to: HostID(other))
            }
        }
    }

    /// (Re)starts the walreceiver towards `primary_conninfo`, as a reload does.
    func restartReceiver(_ node: Int) {
        postgres[node].receiver = .idle
        connectReceiver(node)
    }

    /// The walreceiver tries to connect to its upstream.
    func connectReceiver(_ node: Int) {
        guard postgres[node].state == .running, !postgres[node].isPrimary, let upstream = postgres[node].upstream else {
            postgres[node].receiver = .idle
            return
        }
        postgres[node].receiverAttempts += 1
        let attempt = postgres[node].receiverAttempts
        postgres[node].receiver = .connecting(upstream: upstream, attempt: attempt)
        send(.walConnect(attempt: attempt, branch: postgres[node].branch, lsn: postgres[node].lsn), from: HostID(node), to: HostID(upstream))
        env.scheduler.schedule(.receiverTimeout(node: node, generation: postgres[node].generation, attempt: attempt),
                           after: options.postgres.walRetrieveRetryInterval)
    }

    /// The walsender side: accept if the requested start point is in this server's env.recorder.history.
    func walConnectReceived(at upstream: Int, from replica: Int, attempt: UInt64, branch: Int, lsn: Int64) {
        let pg = postgres[upstream]
        guard pg.acceptsConnections else {
            send(.refused(.wal(attempt: attempt)), from: HostID(upstream), to: HostID(replica))
            return
        }
        if patroniManaged && pg.isPrimary && options.postgres.useSlots && !pg.slots[replica] {
            send(.walRefused(attempt: attempt, reason: .noSlot(node: replica)), from: HostID(upstream), to: HostID(replica))
            return
        }
        guard env.timelines.contains(branch: pg.branch, end: pg.lsn, position: branch, lsn: lsn) else {
            let reason: WalRefusal
            if branch == pg.branch {
                reason = .aheadOfFlush
            } else if let fork = env.timelines.switchPoint(from: branch, toward: pg.branch) {
                reason = .forked(timeline: env.timelines.number(of: branch), fork: fork)
            } else {
                reason = .notInHistory
            }
            send(.walRefused(attempt: attempt, reason: reason), from: HostID(upstream), to: HostID(replica))
            return
        }
        send(.walAccepted(attempt: attempt, branch: pg.branch, lsn: pg.lsn), from: HostID(upstream), to: HostID(replica))
    }

    func walAccepted(at node: Int, from upstream: Int, attempt: UInt64, branch: Int, lsn: Int64) {
        guard postgres[node].receiver == .connecting(upstream: upstream, attempt: attempt) else { return }
        postgres[node].receiver = .streaming(upstream: upstream)
        postgres[node].branch = branch
        observeTimeline(node)
        note(node, "streaming", "started streaming WAL from \(name(upstream)) on timeline \(timelineNumber(node))")
        receivedWAL(node, branch: branch, lsn: lsn)
        observeClusterChange()
    }

    func walRefused(at node: Int, from upstream: Int, attempt: UInt64, reason: String) {
        guard postgres[node].receiver == .connecting(upstream: upstream, attempt: attempt) else { return }
        noteOnce(node, "replication-refused", "could not stream from \(name(upstream)): \(reason)")
        receiverLost(node)
    }

    /// The connection attempt got no answer within the retry interval.
    func receiverTimedOut(_ node: Int, attempt: UInt64) {
        guard case .connecting(_, let current) = postgres[node].receiver, current == attempt else { return }
        receiverLost(node)
    }

    /// The walreceiver lost (or could not get) its connection: retry after `wal_retrieve_retry_interval`.
    func receiverLost(_ node: Int) {
        postgres[node].receiver = .waitingToRetry
        env.scheduler.schedule(.receiverRetry(node: node, generation: postgres[node].generation),
                           after: options.postgres.walRetrieveRetryInterval)
    }

    func walDataReceived(at node: Int, from upstream: Int, branch: Int, lsn: Int64) {
        guard postgres[node].receiver == .streaming(upstream: upstream), postgres[node].state == .running else { return }
        if branch != postgres[node].branch {
            guard env.timelines.contains(branch: branch, end: lsn, position: postgres[node].branch, lsn: postgres[node].lsn) else {
                receiverLost(node)
                return
            }
            postgres[node].branch = branch
            observeTimeline(node)
            note(node, "timeline-switch", "followed \(name(upstream)) to timeline \(timelineNumber(node))")
            observeClusterChange()
        }
        receivedWAL(node, branch: branch, lsn: lsn)
    }

    private func receivedWAL(_ node: Int, branch: Int, lsn: Int64) {
        if diskIsSlow(node) {
            writeOnSlowDisk(node, lsn: lsn)
        } else {
            writeWAL(node, to: lsn)
        }
    }

    /// The walreceiver has WAL up to `lsn` on disk: the replica has it, and in synchronous
    /// mode acknowledges the flush to its upstream.
    func writeWAL(_ node: Int, to lsn: Int64) {
        if lsn > postgres[node].lsn { extendWAL(node, to: lsn) }
        if synchronousMode, case .streaming(let upstream) = postgres[node].receiver {
            send(.walFlushed(lsn: postgres[node].lsn), from: HostID(node), to: HostID(upstream))
        }
    }
}
