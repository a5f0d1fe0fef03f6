extension Simulation {
    /// The cluster as `patronictl list` and `etcdctl get --prefix` would show it now.
    /// Under Patroni the rows come from the member keys (a member whose key expired shows
    /// with an empty role); without Patroni they come from PostgreSQL itself.
    public func snapshot() -> ClusterSnapshot {
        let dump = etcd.store.sortedEntries.map { EtcdKeyDump(key: $0.key, value: $0.value.rendered, lease: $0.lease == 0 ? nil : $0.lease) }
        var rows: [MemberRow]
        if patroniManaged {
            rows = options.nodes.indices.map(memberRow)
        } else {
            rows = options.nodes.indices.map(postgresRow)
        }
        for node in rows.indices { rows[node].postgresRole = postgresRole(node) }
        var syncStandbys: [String]?
        if case .sync(_, let standbys, _)? = etcd.store.entries[keys.sync]?.value { syncStandbys = standbys }
        var snapshot = ClusterSnapshot(at: now, systemIdentifier: systemIdentifier, members: rows, keys: dump,
                                       leaderKeyHolder: currentLeader.map(name), syncStandbys: syncStandbys)
        if case let .sync(leader, _, quorum)? = etcd.store.entries[keys.sync]?.value {
            snapshot.syncLeader = leader
            snapshot.syncQuorum = quorum
        }
        return snapshot
    }

    /// What PostgreSQL on `node` is now: primary once promoted, replica while in recovery.
    private func postgresRole(_ node: Int) -> PostgresRole {
        let pg = postgres[node]
        guard pg.acceptsConnections else { return .stopped }
        return pg.isPrimary && pg.state == .running ? .primary : .replica
    }

    private func memberRow(_ node: Int) -> MemberRow {
        guard case .member(let data)? = etcd.store.entries[keys.members[node]]?.value else {
            return MemberRow(name: name(node), host: name(node), role: "", state: postgres[node].state.rawValue,
                             timeline: nil, lagBytes: nil, registered: false, lsn: postgres[node].lsn)
        }
        let isLeader = node == currentLeader
        var lag: Int64?
        if !isLeader, case .status(let optime)? = etcd.store.entries[keys.status]?.value, let lsn = data.xlogLocation {
            lag = max(0, optime - lsn)
        }
        var role = isLeader ? "Leader" : "Replica"
        if !isLeader, case .sync(_, let standbys, _)? = etcd.store.entries[keys.sync]?.value, standbys.contains(name(node)) {
            role = options.patroni.quorumCommit ? "Quorum Standby" : "Sync Standby"
        }
        return MemberRow(name: name(node), host: name(node), role: role,
                         state: isLeader ? data.state : (data.replicationState ?? data.state),
                         timeline: data.timeline, lagBytes: lag, registered: true, lsn: postgres[node].lsn)
    }

    private func postgresRow(_ node: Int) -> MemberRow {
        let pg = postgres[node]
        guard pg.acceptsConnections else {
            return MemberRow(name: name(node), host: name(node), role: "", state: pg.state.rawValue,
                             timeline: nil, lagBytes: nil, registered: false, lsn: pg.lsn)
        }
        var lag: Int64?
        var state = "running"
        if !pg.isPrimary {
            if case .streaming(let upstream) = pg.receiver {
                state = "streaming"
                lag = max(0, postgres[upstream].lsn - pg.lsn)
            } else {
                state = "in archive recovery"
            }
        }
        return MemberRow(name: name(node), host: name(node), role: pg.isPrimary ? "Primary" : "Replica", state: state,
                         timeline: timelineNumber(node), lagBytes: lag, registered: true, lsn: pg.lsn)
    }

    func buildReport() -> Report {
        let time = now
        clients.ledger.close(at: time)
        let names = options.nodes.map(\.name)
        env.recorder.writablePrimary.finish(names: names)
        env.recorder.fencedPrimary.finish(at: time, names: names)
        var writes = WriteSummary()
        writes.attempted = clients.ledger.attempted
        writes.acked = clients.ledger.acked
        writes.failed = clients.ledger.failed
        writes.pending = clients.pending.count
        writes.failuresByReason = clients.ledger.failuresByReason
        writes.longestOutage = clients.ledger.longestOutage
        if let reference = referenceNode {
            env.settleWrites(primary: reference, branch: postgres[reference].branch, end: postgres[reference].lsn,
                             timeline: timelineNumber(reference))
        }
        writes.lost = env.recorder.lostWrites.lost
        let (livenessResult, livenessViolation) = env.recorder.liveness.result(endedAt: time)
        var violations = env.recorder.writablePrimary.violations + env.recorder.fencedPrimary.violations + env.recorder.timelineCheck.violations + env.recorder.lostWrites.violations
        violations.sort { ($0.at, $0.invariant) < ($1.at, $1.invariant) }
        if let livenessViolation { violations.append(livenessViolation) }
        return Report(
            scenario: options.name, seed: options.seed, ha: options.ha.name, outcome: outcome, endedAt: now,
            eventsHandled: env.scheduler.eventsHandled, timers: timers,
            firstFaultAt: faultTimes.min(), timeline: env.recorder.timeline,
            failovers: env.recorder.failovers.records, writes: writes, violations: violations, liveness: livenessResult,
            final: snapshot(), history: env.recorder.history)
    }

    /// The node whose history decides which acknowledged writes survived: the leader,
    /// else a node accepting writes, else the node on the newest timeline.
    private var referenceNode: Int? {
        if let leader = currentPrimary, postgres[leader].hasData { return leader }
        if let writer = postgres.indices.first(where: { postgres[$0].acceptsWrites }) { return writer }
        return postgres.indices.filter { postgres[$0].hasData }.max { timelineNumber($0) < timelineNumber($1) }
    }
}
