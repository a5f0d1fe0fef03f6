extension Simulation {
    /// The cluster as `patronictl list` and `etcdctl get --prefix` would show it now.
    public func snapshot() -> ClusterSnapshot {
        let entries = etcd.sortedEntries
        let leader = currentLeader
        let optime: Int64? = {
            guard case .status(let optime)? = etcd.entries[options.keyPrefix + "status"]?.value else { return nil }
            return optime
        }()
        var rows: [MemberRow] = []
        for node in options.nodes.indices {
            let key = etcd.entries[options.keyPrefix + "members/" + name(node)]
            if case .member(let data)? = key?.value {
                let isLeader = node == leader
                var lag: Int64?
                if !isLeader, let optime, let lsn = data.xlogLocation { lag = max(0, optime - lsn) }
                rows.append(MemberRow(
                    name: name(node), host: name(node), role: isLeader ? "Leader" : "Replica",
                    state: isLeader ? data.state : (data.replicationState ?? data.state),
                    timeline: data.timeline, lagBytes: lag, registered: true, lsn: postgres[node].lsn))
            } else {
                rows.append(MemberRow(
                    name: name(node), host: name(node), role: "", state: postgres[node].state.rawValue,
                    timeline: nil, lagBytes: nil, registered: false, lsn: postgres[node].lsn))
            }
        }
        let keys = entries.map { EtcdKeyDump(key: $0.key, value: $0.value.rendered, lease: $0.lease == 0 ? nil : $0.lease) }
        return ClusterSnapshot(at: now, systemIdentifier: systemIdentifier, members: rows, keys: keys)
    }

    func buildReport() -> Report {
        ledger.close(at: now)
        safety.finish(names: options.nodes.map(\.name))
        var writes = WriteSummary()
        writes.attempted = ledger.attempted
        writes.acked = ledger.acked
        writes.failed = ledger.failed
        writes.pending = clients.pending.count
        writes.failuresByReason = ledger.failures.keys.sorted().map { ReasonCount(reason: $0, count: ledger.failures[$0] ?? 0) }
        writes.longestOutage = ledger.longestOutage
        if let reference = referenceNode {
            writes.lost = ledger.lost(reference: postgres[reference].branch, end: postgres[reference].lsn,
                                      timelines: timelines, spacing: options.postgres.walBytesPerWrite)
        }
        return Report(
            scenario: options.name, seed: options.seed, outcome: outcome, endedAt: now,
            eventsHandled: scheduler.eventsHandled, timers: timers,
            firstFaultAt: faultTimes.min(), timeline: timeline,
            failovers: failovers.records, writes: writes, violations: safety.violations, final: snapshot())
    }

    /// The node whose history decides which acknowledged writes survived: the leader,
    /// else a node accepting writes, else the node on the newest timeline.
    private var referenceNode: Int? {
        if let leader = currentLeader, postgres[leader].hasData { return leader }
        if let writer = postgres.indices.first(where: { postgres[$0].acceptsWrites }) { return writer }
        return postgres.indices.filter { postgres[$0].hasData }.max { timelineNumber($0) < timelineNumber($1) }
    }
}
