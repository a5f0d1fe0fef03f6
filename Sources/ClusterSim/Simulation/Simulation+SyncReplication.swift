extension Simulation {
    /// Whether Patroni runs the cluster in `synchronous_mode`.
    var synchronousMode: Bool { patroniManaged && options.patroni.synchronousMode }

    /// The `/sync` key in `node`'s cache: its leader and standby as nodes.
    func cachedSync(_ node: Int) -> (leader: Int?, standby: Int?)? {
        guard case let .sync(leader, standby)? = agents[node].cache["sync"]?.value else { return nil }
        return (nodeIndex(named: leader), standby.flatMap(nodeIndex(named:)))
    }

    // MARK: PostgreSQL: commits waiting for the synchronous standby

    /// Whether a commit on `node` must wait for a standby's flush.
    func commitWaits(on node: Int) -> Bool {
        postgres[node].synchronousStandbyNames != .none
    }

    /// A standby reported its flush position to `primary`.
    func standbyFlushed(_ standby: Int, upTo lsn: Int64, at primary: Int) {
        guard postgres[primary].acceptsConnections else { return }
        postgres[primary].flushedBy[standby] = max(postgres[primary].flushedBy[standby], lsn)
        releaseCommits(primary)
    }

    /// Acknowledges the waiting commits the synchronous standby has flushed (all of them
    /// once `synchronous_standby_names` is empty).
    func releaseCommits(_ primary: Int) {
        let flushed: Int64
        switch postgres[primary].synchronousStandbyNames {
        case .none: flushed = .max
        case .standby(let standby): flushed = postgres[primary].flushedBy[standby]
        case .placeholder: return
        }
        let branch = postgres[primary].branch
        var released = 0
        for commit in postgres[primary].waitingCommits {
            guard commit.lsn <= flushed else { break }
            send(.writeResult(id: commit.writeID, .committed(branch: branch, lsn: commit.lsn)), from: primary, to: layout.router)
            released += 1
        }
        if released > 0 { postgres[primary].waitingCommits.removeFirst(released) }
    }

    /// Sets `synchronous_standby_names` on `node` and releases what no longer has to wait.
    func setSynchronousStandbyNames(_ node: Int, _ names: SynchronousStandbyNames) {
        guard postgres[node].synchronousStandbyNames != names else { return }
        postgres[node].synchronousStandbyNames = names
        switch names {
        case .none: note(node, "sync", "synchronous_standby_names cleared: commits are asynchronous")
        case .standby(let standby): note(node, "sync", "synchronous_standby_names = \(name(standby))")
        case .placeholder: note(node, "sync", "no synchronous standby and synchronous_mode_strict: commits will be delayed")
        }
        releaseCommits(node)
    }

    /// The postmaster went away: sessions waiting for a synchronous commit lose their connection.
    func dropWaitingCommits(_ node: Int) {
        for commit in postgres[node].waitingCommits {
            send(.writeResult(id: commit.writeID, .rejected("server closed the connection unexpectedly")), from: node, to: layout.router)
        }
        postgres[node].waitingCommits.removeAll()
    }

    // MARK: Patroni: `process_sync_replication` (PATRONI.md §5.2)

    /// The leader keeps one streaming standby synchronous and `/sync` in step with it:
    /// a new standby goes into `synchronous_standby_names` before `/sync`, a removed one
    /// leaves `/sync` first.
    func processSyncReplication(_ node: Int) {
        guard synchronousMode, postgres[node].acceptsWrites else {
            touchMember(node)
            return
        }
        let sync = cachedSync(node)
        let current = sync?.leader == node ? sync?.standby : nil
        let streaming = postgres.indices.filter { other in
            other != node && postgres[other].receiver == .streaming(upstream: node) && cachedMember(node, other) != nil
        }
        let desired = current.flatMap { streaming.contains($0) ? $0 : nil } ?? streaming.first
        if sync?.leader == node && desired == current {
            if let desired {
                setSynchronousStandbyNames(node, .standby(desired))
            } else if options.patroni.synchronousModeStrict {
                if postgres[node].synchronousStandbyNames == .none { setSynchronousStandbyNames(node, .placeholder) }
            } else {
                setSynchronousStandbyNames(node, .none)
            }
            touchMember(node)
            return
        }
        if let desired {
            setSynchronousStandbyNames(node, .standby(desired))
            writeSync(node, standby: desired)
        } else if options.patroni.synchronousModeStrict {
            if postgres[node].synchronousStandbyNames == .none { setSynchronousStandbyNames(node, .placeholder) }
            if sync?.leader == node { touchMember(node) } else { writeSync(node, standby: nil) }
        } else {
            agents[node].syncNamesAfterWrite = SynchronousStandbyNames.none
            writeSync(node, standby: nil)
        }
    }

    private func writeSync(_ node: Int, standby: Int?) {
        callEtcd(node, .put(key: keys.sync, value: .sync(leader: name(node), standby: standby.map(name)), lease: 0),
                 .writeSync, retries: true)
    }

    func syncWritten(_ node: Int, _ result: EtcdCallResult) {
        if result == .answered(.ok), let names = agents[node].syncNamesAfterWrite {
            setSynchronousStandbyNames(node, names)
        }
        agents[node].syncNamesAfterWrite = nil
        if case .failed = result { dcsError(node) } else { touchMember(node) }
    }

    /// Before promoting, the winner rewrites `/sync` with itself as leader; in strict mode
    /// the former leader stays a synchronous standby, so commits wait for it.
    func prepareSyncBeforePromotion(_ node: Int) {
        let formerLeader = cachedSync(node)?.leader.flatMap { $0 == node ? nil : $0 }
        let strictStandby = options.patroni.synchronousModeStrict ? formerLeader : nil
        agents[node].syncNamesAfterWrite = strictStandby.map { .standby($0) }
            ?? (options.patroni.synchronousModeStrict ? .placeholder : SynchronousStandbyNames.none)
        callEtcd(node, .put(key: keys.sync, value: .sync(leader: name(node), standby: strictStandby.map(name)), lease: 0),
                 .prePromoteSync, retries: true)
    }

    func prePromoteSyncWritten(_ node: Int, _ result: EtcdCallResult) {
        guard result == .answered(.ok) else {
            noteOnce(node, "sync", "Postponing promotion because synchronous replication state was updated by somebody else")
            agents[node].syncNamesAfterWrite = nil
            if case .failed = result { dcsError(node) } else { touchMember(node) }
            return
        }
        if let names = agents[node].syncNamesAfterWrite { postgres[node].synchronousStandbyNames = names }
        agents[node].syncNamesAfterWrite = nil
        note(node, "promote", "promoted self to leader by acquiring session lock")
        promote(node)
        touchMember(node)
    }
}
