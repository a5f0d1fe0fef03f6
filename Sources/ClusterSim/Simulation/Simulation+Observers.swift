extension Simulation {
    /// Re-evaluates what the checkers watch after a change of PostgreSQL state or streaming.
    func observeClusterChange() {
        let names = options.nodes.map(\.name)
        let writable = postgres.map(\.acceptsWrites)
        let time = now
        if let nodes = env.recorder.writablePrimary.update(writable: writable, at: time, names: names) {
            noteViolation(nodes, "single-writable-primary: \(nodes.map(name).joined(separator: " and ")) accept writes at once")
        }
        for node in postgres.indices {
            if let since = env.recorder.fencedPrimary.setWritable(node, writable[node], at: time, name: name(node)) {
                noteZombie(node, since: since)
            }
            scheduleFencingCheck(node)
        }
        let isNowConverged = converged
        env.recorder.liveness.observe(converged: isNowConverged, at: time)
        observeFailoverFollowers()
        recordStates()
    }

    /// Re-evaluates lease coverage after etcd changed the leader key or a lease. It looks the
    /// leader key up once for its holder and its lease, as this runs after every applied
    /// write and keep-alive.
    func observeLeaderKey() {
        let leaderKey = etcd.entries[keys.leader]
        let holder = leaderKeyHolder(leaderKey?.value)
        let expiry = holder == nil ? nil : leaderKey.flatMap { etcd.expiry(of: $0.lease) }
        recordLeaderKey(holder: holder, expiry: expiry)
        let time = now
        for node in postgres.indices {
            let until = node == holder ? expiry : nil
            if let since = env.recorder.fencedPrimary.setCoverage(node, until: until, at: time, name: name(node)) {
                noteZombie(node, since: since)
            }
            scheduleFencingCheck(node)
        }
        let isNowConverged = isConverged(keyHolder: holder)
        env.recorder.liveness.observe(converged: isNowConverged, at: time)
    }

    /// Schedules the fencing checker's re-evaluation of `node` when its coverage runs out.
    func scheduleFencingCheck(_ node: Int) {
        let time = now
        if let at = env.recorder.fencedPrimary.pendingExpiry(node, after: time) {
            env.scheduler.schedule(.fencingCheck(node: node), at: at)
        }
    }

    /// Looks at the cluster for the liveness check at its start and its deadline.
    func observeLivenessStart() {
        let time = now
        let isNowConverged = converged
        env.recorder.liveness.observe(converged: isNowConverged, at: time)
    }

    /// A scheduled re-evaluation at a lease expiry.
    func checkFencing(_ node: Int) {
        let time = now
        if let since = env.recorder.fencedPrimary.evaluate(node, at: time, name: name(node)) {
            noteZombie(node, since: since)
        }
    }

    /// A node's WAL moved to another timeline.
    func observeTimeline(_ node: Int) {
        let time = now
        let number = timelineNumber(node)
        if let violation = env.recorder.timelineCheck.timelineChanged(node, number: number, at: time, names: options.nodes.map(\.name)) {
            noteViolation([node], violation.detail)
        }
    }

    /// A node became primary: check its timeline, and settle the writes it does not have.
    func observePromotion(_ node: Int) {
        let names = options.nodes.map(\.name)
        let branch = postgres[node].branch
        let time = now
        let number = timelineNumber(node)
        if let violation = env.recorder.timelineCheck.becamePrimary(node, branch: branch, number: number, at: time, names: names) {
            noteViolation([node], violation.detail)
        }
        let missing = ledger.settle(reference: branch, end: postgres[node].lsn, timelines: env.timelines,
                                    spacing: options.postgres.walBytesPerWrite)
        if let violation = env.recorder.lostWrites.missing(missing, newPrimary: name(node), timeline: number, at: time) {
            noteViolation([node], violation.detail)
        }
    }

    /// Whether the cluster has converged: a leader accepting writes, and every other member
    /// whose agent runs streaming from it on its timeline.
    var converged: Bool { isConverged(keyHolder: currentLeader) }

    /// `converged`, given the leader key's holder (`currentLeader`, read only under Patroni)
    /// by a caller that already has it.
    func isConverged(keyHolder: @autoclosure () -> Int?) -> Bool {
        guard let leader = convergenceLeader(keyHolder: keyHolder()), postgres[leader].acceptsWrites else { return false }
        return everyMemberFollows(leader)
    }

    /// Whether every other member with data and a running agent streams from `leader` on its timeline.
    private func everyMemberFollows(_ leader: Int) -> Bool {
        let branch = postgres[leader].branch
        return postgres.indices.allSatisfy { node in
            node == leader || !agentRuns(node) || !postgres[node].hasData
                || (postgres[node].state == .running && postgres[node].receiver == .streaming(upstream: leader)
                    && postgres[node].branch == branch)
        }
    }

    /// The leader the cluster converges on: the leader key's holder (`keyHolder`, evaluated
    /// only then) under Patroni, else the only node accepting writes.
    private func convergenceLeader(keyHolder: @autoclosure () -> Int?) -> Int? {
        if patroniManaged { return keyHolder() }
        let writers = postgres.indices.filter { postgres[$0].acceptsWrites }
        return writers.count == 1 ? writers[0] : nil
    }

    /// Whether the node's HA agent (Patroni) runs; without Patroni, whether PostgreSQL does.
    func agentRuns(_ node: Int) -> Bool {
        patroniManaged ? agents[node].process == .running : postgres[node].processAlive
    }

    private func observeFailoverFollowers() {
        guard let leader = env.recorder.failovers.leaderAwaitingReplicas else { return }
        if everyMemberFollows(leader) {
            let time = now
            env.recorder.failovers.replicasFollowing(at: time)
            note(nil, "replicas-following", "every member with a running agent streams from \(name(leader)) on timeline \(timelineNumber(leader))")
        }
    }

    private func noteZombie(_ node: Int, since: SimInstant) {
        noteViolation([node], "fenced-primary: \(name(node)) accepts writes without a live leader lease (since \(since))")
    }

    private func noteViolation(_ nodes: [Int], _ message: String) {
        note(nodes.count == 1 ? nodes[0] : nil, "violation", message)
    }
}
