/// What a run shows from outside: the cluster as `patronictl list` and `etcdctl` see it,
/// and the report at the end.
extension Simulation {
    /// The cluster as `patronictl list` and `etcdctl get --prefix` would show it now.
    /// Under Patroni the rows come from the member keys (a member whose key expired shows
    /// with an empty role); without Patroni they come from PostgreSQL itself.
    public func snapshot() -> ClusterSnapshot {
        let store = etcd.store
        let keys = etcd.keys
        let dump = store.sortedEntries.map { EtcdKeyDump(key: $0.key, value: $0.value.rendered, lease: $0.lease == 0 ? nil : $0.lease) }
        var rows: [MemberRow] = options.ha == .patroni ? layout.nodes.map(memberRow) : layout.nodes.map(postgresRow)
        for node in layout.nodes { rows[node].postgresRole = postgresRole(node) }
        var syncStandbys: [String]?
        if case .sync(_, let standbys, _)? = store.entries[keys.sync]?.value { syncStandbys = standbys }
        var snapshot = ClusterSnapshot(at: now, systemIdentifier: env.recorder.systemIdentifier, members: rows, keys: dump,
                                       leaderKeyHolder: currentLeader.map(layout.name(of:)), syncStandbys: syncStandbys)
        if case let .sync(leader, _, quorum)? = store.entries[keys.sync]?.value {
            snapshot.syncLeader = leader
            snapshot.syncQuorum = quorum
        }
        return snapshot
    }

    /// What PostgreSQL on `node` is now: primary once promoted, replica while in recovery.
    private func postgresRole(_ node: NodeID) -> PostgresRole {
        let pg = nodes[node].postgres
        guard pg.acceptsConnections else { return .stopped }
        return pg.isPrimary && pg.state == .running ? .primary : .replica
    }

    /// `patronictl list`'s row of `node`, from its member key.
    private func memberRow(_ node: NodeID) -> MemberRow {
        let name = layout.name(of: node)
        let entries = etcd.store.entries
        let keys = etcd.keys
        let pg = nodes[node].postgres
        guard case .member(let data)? = entries[keys.members[node]]?.value else {
            return MemberRow(name: name, host: name, role: .none, state: pg.state.rawValue,
                             timeline: nil, lagBytes: nil, registered: false, lsn: pg.lsn)
        }
        let isLeader = node == currentLeader
        var lag: Int64?
        if !isLeader, case .status(let optime)? = entries[keys.status]?.value, let lsn = data.xlogLocation {
            lag = max(0, optime - lsn)
        }
        var role: MemberRole = isLeader ? .leader : .replica
        if !isLeader, case .sync(_, let standbys, _)? = entries[keys.sync]?.value, standbys.contains(name) {
            role = options.patroni.quorumCommit ? .quorumStandby : .syncStandby
        }
        return MemberRow(name: name, host: name, role: role,
                         state: isLeader ? data.state : (data.replicationState ?? data.state),
                         timeline: data.timeline, lagBytes: lag, registered: true, lsn: pg.lsn)
    }

    /// The row of `node` without Patroni, from its PostgreSQL.
    private func postgresRow(_ node: NodeID) -> MemberRow {
        let name = layout.name(of: node)
        let pg = nodes[node].postgres
        guard pg.acceptsConnections else {
            return MemberRow(name: name, host: name, role: .none, state: pg.state.rawValue,
                             timeline: nil, lagBytes: nil, registered: false, lsn: pg.lsn)
        }
        var lag: Int64?
        var state = "running"
        if !pg.isPrimary {
            if case .streaming(let upstream) = pg.receiver {
                state = "streaming"
                lag = max(0, nodes[upstream].postgres.lsn - pg.lsn)
            } else {
                state = "in archive recovery"
            }
        }
        return MemberRow(name: name, host: name, role: pg.isPrimary ? .primary : .replica, state: state,
                         timeline: env.timelines.number(of: pg.branch), lagBytes: lag, registered: true, lsn: pg.lsn)
    }

    /// Closes the checkers and the write account and builds the report.
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
            let pg = nodes[reference].postgres
            env.settleWrites(primary: reference, branch: pg.branch, end: pg.lsn, timeline: env.timelines.number(of: pg.branch))
        }
        writes.lost = env.recorder.lostWrites.lost
        let (livenessResult, livenessViolation) = env.recorder.liveness.result(endedAt: time)
        var violations = env.recorder.writablePrimary.violations + env.recorder.fencedPrimary.violations
            + env.recorder.timelineCheck.violations + env.recorder.lostWrites.violations
        violations.sort { ($0.at, $0.invariant) < ($1.at, $1.invariant) }
        if let livenessViolation { violations.append(livenessViolation) }
        return Report(
            scenario: options.name, seed: options.seed, ha: options.ha.name, outcome: outcome, endedAt: time,
            eventsHandled: env.scheduler.eventsHandled, timers: timers,
            firstFaultAt: faults.times.min(), timeline: env.recorder.timeline,
            failovers: env.recorder.failovers.records, writes: writes, violations: violations, liveness: livenessResult,
            final: snapshot(), history: env.recorder.history)
    }

    /// The node whose history decides which acknowledged writes survived: the leader,
    /// else a node accepting writes, else the node on the newest timeline.
    private var referenceNode: NodeID? {
        if let leader = faults.currentPrimary(nodes: nodes, etcd: etcd), nodes[leader].postgres.hasData { return leader }
        if let writer = nodes.first(where: { $0.postgres.acceptsWrites }) { return writer.id }
        return nodes.filter { $0.postgres.hasData }
            .max { env.timelines.number(of: $0.postgres.branch) < env.timelines.number(of: $1.postgres.branch) }?.id
    }
}
