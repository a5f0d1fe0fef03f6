extension Node {
    /// `SyncHandler.current_state` (`postgresql/sync.py`) on this primary: which
    /// standbys Patroni wants synchronous and which of them it may record in `/sync`.
    ///
    /// The candidates are the members whose key says `running`, without `nosync`, that
    /// stream from this node (`pg_stat_replication`), ordered by `sync_priority`, then
    /// already-synchronous first, then by flush position, all descending (ties by node);
    /// those lagging more than `maximum_lag_on_syncnode` behind the most advanced one are
    /// skipped; members with `nofailover` come last. The first `synchronous_node_count`
    /// are `active`; those listed in `synchronous_standby_names` and ready are `confirmed`.
    /// In quorum mode every candidate without `nofailover` is active, and those with it
    /// only while fewer than `synchronous_node_count` are.
    /// Complexity: O(n log n) in the number of nodes.
    mutating func currentSyncState(_ env: borrowing Environment) -> SyncReplicationState {
        noteNamesChange()
        let names = postgres.synchronousStandbyNames
        let listed = names.listed
        let flushed = postgres.flushedBy
        var replicas: [NodeID] = layout.nodes.filter { other in
            other != id && !options.nodes[other].excludedFromSync
                && cachedMember(other)?.state == "running"
                && postgres.walSenders[other] != nil
        }
        replicas.sort { a, b in
            let keyA = (options.nodes[a].effectiveSyncPriority, listed.contains(a) ? 1 : 0, flushed[a])
            let keyB = (options.nodes[b].effectiveSyncPriority, listed.contains(b) ? 1 : 0, flushed[b])
            return keyA != keyB ? keyA > keyB : a < b
        }
        markReadyReplicas(replicas, listed: listed)
        let maxLSN = replicas.count > 1 ? replicas.map { flushed[$0] }.max() ?? 0 : postgres.lsn
        let maxLag = settings.maximumLagOnSyncnode
        let ordered = replicas.filter { !options.nodes[$0].forbidsFailover }
            + replicas.filter { options.nodes[$0].forbidsFailover }
        var active: [NodeID] = []
        var confirmed: [NodeID] = []
        let wanted = settings.wantedSynchronousNodes
        for replica in ordered where maxLag <= 0 || maxLSN - flushed[replica] <= maxLag {
            let quorum = settings.quorumCommit
            if quorum && options.nodes[replica].forbidsFailover && active.count >= wanted { continue }
            active.append(replica)
            if listed.contains(replica) && agent.syncHandler.ready.contains(replica) { confirmed.append(replica) }
            if !quorum && active.count >= wanted { break }
        }
        return SyncReplicationState(names: names, active: active.sorted(), confirmed: confirmed.sorted())
    }

    /// `_handle_synchronous_standby_names_change`: when the value changed since the last
    /// look, forget the ready standbys no longer listed and remember the flush position.
    private mutating func noteNamesChange() {
        let names = postgres.synchronousStandbyNames
        guard agent.syncHandler.lastNames != names else { return }
        agent.syncHandler.lastNames = names
        agent.syncHandler.ready.removeAll { !names.listed.contains($0) }
        agent.syncHandler.flushAtNamesChange = postgres.lsn
    }

    /// `_process_replica_readiness`: a listed standby becomes ready when it has flushed
    /// past the position at the change, or in priority mode when `/sync` already names it.
    private mutating func markReadyReplicas(_ replicas: [NodeID], listed: [NodeID]) {
        let recorded = settings.quorumCommit ? [] : cachedSync?.standbys ?? []
        let threshold = agent.syncHandler.flushAtNamesChange
        for replica in replicas where listed.contains(replica) && !agent.syncHandler.ready.contains(replica) {
            if recorded.contains(replica) || postgres.flushedBy[replica] >= threshold {
                agent.syncHandler.ready.append(replica)
                agent.syncHandler.ready.sort()
            }
        }
    }
}
