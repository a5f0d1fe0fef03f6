extension Simulation {
    /// `SyncHandler.current_state` (`postgresql/sync.py`) on the primary `node`: which
    /// standbys Patroni wants synchronous and which of them it may record in `/sync`.
    ///
    /// The candidates are the members whose key says `running`, without `nosync`, that
    /// stream from `node` (`pg_stat_replication`), ordered by `sync_priority`, then
    /// already-synchronous first, then by flush position, all descending (ties by node);
    /// those lagging more than `maximum_lag_on_syncnode` behind the most advanced one are
    /// skipped; members with `nofailover` come last. The first `synchronous_node_count`
    /// are `active`; those listed in `synchronous_standby_names` and ready are `confirmed`.
    /// In quorum mode every candidate without `nofailover` is active, and those with it
    /// only while fewer than `synchronous_node_count` are.
    /// Complexity: O(n log n) in the number of nodes.
    func currentSyncState(_ node: Int) -> SyncReplicationState {
        noteNamesChange(node)
        let names = postgres[node].synchronousStandbyNames
        let listed = names.listed
        let flushed = postgres[node].flushedBy
        var replicas = postgres.indices.filter { other in
            other != node && !options.nodes[other].excludedFromSync
                && cachedMember(node, other)?.state == "running"
                && postgres[other].receiver == .streaming(upstream: node)
        }
        replicas.sort { a, b in
            let keyA = (options.nodes[a].effectiveSyncPriority, listed.contains(a) ? 1 : 0, flushed[a])
            let keyB = (options.nodes[b].effectiveSyncPriority, listed.contains(b) ? 1 : 0, flushed[b])
            return keyA != keyB ? keyA > keyB : a < b
        }
        markReadyReplicas(node, replicas, listed: listed)
        let maxLSN = replicas.count > 1 ? replicas.map { flushed[$0] }.max() ?? 0 : postgres[node].lsn
        let maxLag = options.patroni.maximumLagOnSyncnode
        let ordered = replicas.filter { !options.nodes[$0].forbidsFailover }
            + replicas.filter { options.nodes[$0].forbidsFailover }
        var active: [Int] = []
        var confirmed: [Int] = []
        let wanted = options.patroni.wantedSynchronousNodes
        for replica in ordered where maxLag <= 0 || maxLSN - flushed[replica] <= maxLag {
            let quorum = options.patroni.quorumCommit
            if quorum && options.nodes[replica].forbidsFailover && active.count >= wanted { continue }
            active.append(replica)
            if listed.contains(replica) && agents[node].syncHandler.ready.contains(replica) { confirmed.append(replica) }
            if !quorum && active.count >= wanted { break }
        }
        return SyncReplicationState(names: names, active: active.sorted(), confirmed: confirmed.sorted())
    }

    /// `_handle_synchronous_standby_names_change`: when the value changed since the last
    /// look, forget the ready standbys no longer listed and remember the flush position.
    private func noteNamesChange(_ node: Int) {
        let names = postgres[node].synchronousStandbyNames
        guard agents[node].syncHandler.lastNames != names else { return }
        agents[node].syncHandler.lastNames = names
        agents[node].syncHandler.ready.removeAll { !names.listed.contains($0) }
        agents[node].syncHandler.flushAtNamesChange = postgres[node].lsn
    }

    /// `_process_replica_readiness`: a listed standby becomes ready when it has flushed
    /// past the position at the change, or in priority mode when `/sync` already names it.
    private func markReadyReplicas(_ node: Int, _ replicas: [Int], listed: [Int]) {
        let recorded = options.patroni.quorumCommit ? [] : cachedSync(node)?.standbys ?? []
        let threshold = agents[node].syncHandler.flushAtNamesChange
        for replica in replicas where listed.contains(replica) && !agents[node].syncHandler.ready.contains(replica) {
            if recorded.contains(replica) || postgres[node].flushedBy[replica] >= threshold {
                agents[node].syncHandler.ready.append(replica)
                agents[node].syncHandler.ready.sort()
            }
        }
    }
}
