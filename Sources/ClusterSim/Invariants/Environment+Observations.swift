/// The checkers' side of the environment: processes report what changed, and the recorder
/// re-evaluates the invariants, the failover phases and the history with the time of now.
extension Environment {
    /// Re-evaluates what the checkers watch after a node's PostgreSQL state or streaming changed.
    mutating func clusterChanged() {
        let time = now
        let names = recorder.nodeNames
        if let nodes = recorder.writablePrimary.update(writable: recorder.nodes.map(\.acceptsWrites), at: time, names: names) {
            noteViolation(nodes, "single-writable-primary: \(nodes.map { names[$0] }.joined(separator: " and ")) accept writes at once")
        }
        for node in names.indices {
            if let since = recorder.fencedPrimary.setWritable(node, recorder.nodes[node].acceptsWrites, at: time, name: names[node]) {
                noteZombie(node, since: since)
            }
            scheduleFencingCheck(node)
        }
        recorder.liveness.observe(converged: recorder.isConverged, at: time)
        observeFailoverFollowers()
        recordStates()
    }

    /// Re-evaluates lease coverage after etcd changed the leader key (now naming `holder`)
    /// or its lease (expiring at `expiry`).
    mutating func leaderKeyObserved(holder: Int?, expiry: SimInstant?) {
        let time = now
        let names = recorder.nodeNames
        recorder.report(leaderKeyHolder: holder)
        recordLeaderKey(holder: holder, expiry: expiry)
        for node in names.indices {
            let until = node == holder ? expiry : nil
            if let since = recorder.fencedPrimary.setCoverage(node, until: until, at: time, name: names[node]) {
                noteZombie(node, since: since)
            }
            scheduleFencingCheck(node)
        }
        recorder.liveness.observe(converged: recorder.isConverged, at: time)
    }

    /// Schedules the fencing checker's re-evaluation of `node` when its coverage runs out.
    mutating func scheduleFencingCheck(_ node: Int) {
        if let at = recorder.fencedPrimary.pendingExpiry(node, after: now) {
            scheduler.schedule(.fencingCheck(node: node), at: at)
        }
    }

    /// A scheduled re-evaluation of `node` at a lease expiry.
    mutating func checkFencing(_ node: Int) {
        if let since = recorder.fencedPrimary.evaluate(node, at: now, name: recorder.nodeNames[node]) {
            noteZombie(node, since: since)
        }
    }

    /// Looks at the cluster for the liveness check (at its start and its deadline).
    mutating func observeLiveness() {
        recorder.liveness.observe(converged: recorder.isConverged, at: now)
    }

    /// A client write committed at `lsn` on `branch` was acknowledged by `server`.
    mutating func writeAcknowledged(branch: Int, lsn: Int64, by server: Int) {
        let time = now
        recorder.lostWrites.acknowledged(branch: branch, lsn: lsn)
        recorder.history?.recordWrite(acked: true, at: time)
        recorder.failovers.writeAcked(by: server, at: time)
    }

    /// A client write failed.
    mutating func writeFailed() {
        let time = now
        recorder.history?.recordWrite(acked: false, at: time)
    }

    /// Primary `node` has the history of `branch` up to `end` (timeline `timeline`): the
    /// acknowledged writes it lacks are lost.
    mutating func settleWrites(primary node: Int, branch: Int, end: Int64, timeline: Int) {
        let time = now
        if let violation = recorder.lostWrites.settle(primary: recorder.nodeNames[node], branch: branch, end: end,
                                                      timeline: timeline, timelines: timelines, at: time) {
            noteViolation([node], violation.detail)
        }
    }

    /// Records every node's displayed state if it changed.
    mutating func recordStates() {
        guard recorder.history != nil else { return }
        let time = now
        for node in recorder.nodes.indices {
            let facts = recorder.nodes[node]
            recorder.history?.record(node: node, state: facts.display.rawValue,
                                     timeline: facts.acceptsConnections ? facts.timeline : nil, at: time)
        }
    }

    /// Records the leader key's holder and the expiry of its lease.
    private mutating func recordLeaderKey(holder: Int?, expiry: SimInstant?) {
        guard recorder.history != nil else { return }
        let time = now
        let holderName = holder.map { recorder.nodeNames[$0] }
        recorder.history?.record(holder: holderName, at: time)
        if let holderName, let expiry {
            recorder.history?.record(renewal: RunHistory.LeaseRenewal(at: time, holder: holderName, expiresAt: expiry))
        }
    }

    /// Notes when every running member follows the new leader of the open failover.
    private mutating func observeFailoverFollowers() {
        guard let leader = recorder.failovers.leaderAwaitingReplicas, recorder.everyMemberFollows(leader) else { return }
        recorder.failovers.replicasFollowing(at: now)
        note(nil, "replicas-following",
             "every member with a running agent streams from \(recorder.nodeNames[leader]) on timeline \(recorder.nodes[leader].timeline)")
    }

    /// Notes a zombie window of `node` that opened at `since`.
    private mutating func noteZombie(_ node: Int, since: SimInstant) {
        noteViolation([node], "fenced-primary: \(recorder.nodeNames[node]) accepts writes without a live leader lease (since \(since))")
    }

    /// Notes a violation involving `nodes` (on the node when there is one).
    mutating func noteViolation(_ nodes: [Int], _ message: String) {
        note(nodes.count == 1 ? HostID(nodes[0]) : nil, "violation", message)
    }
}
