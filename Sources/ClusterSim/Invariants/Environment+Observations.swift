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
        for index in names.indices {
            let node = NodeID(index)
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
    mutating func leaderKeyObserved(holder: NodeID?, expiry: SimInstant?) {
        let time = now
        let names = recorder.nodeNames
        recorder.report(leaderKeyHolder: holder)
        recordLeaderKey(holder: holder, expiry: expiry)
        for index in names.indices {
            let node = NodeID(index)
            let until = node == holder ? expiry : nil
            if let since = recorder.fencedPrimary.setCoverage(node, until: until, at: time, name: names[node]) {
                noteZombie(node, since: since)
            }
            scheduleFencingCheck(node)
        }
        recorder.liveness.observe(converged: recorder.isConverged, at: time)
    }

    /// Schedules the fencing checker's re-evaluation of `node` when its coverage runs out.
    mutating func scheduleFencingCheck(_ node: NodeID) {
        if let at = recorder.fencedPrimary.pendingExpiry(node, after: now) {
            scheduler.schedule(.fencingCheck(node: node), at: at)
        }
    }

    /// A scheduled re-evaluation of `node` at a lease expiry.
    mutating func checkFencing(_ node: NodeID) {
        if let since = recorder.fencedPrimary.evaluate(node, at: now, name: recorder.nodeNames[node]) {
            noteZombie(node, since: since)
        }
    }

    /// Looks at the cluster for the liveness check (at its start and its deadline).
    mutating func observeLiveness() {
        recorder.liveness.observe(converged: recorder.isConverged, at: now)
    }

    /// `node`'s WAL moved to timeline `number`.
    mutating func timelineChanged(_ node: NodeID, number: Int) {
        let time = now
        if let violation = recorder.timelineCheck.timelineChanged(node, number: number, at: time, names: recorder.nodeNames) {
            noteViolation([node], violation.detail)
        }
    }

    /// `node` became primary on `branch` (timeline `number`) with WAL up to `end`: check its
    /// timeline, and settle the acknowledged writes it does not have.
    mutating func becamePrimary(_ node: NodeID, branch: Int, number: Int, end: Int64) {
        let time = now
        if let violation = recorder.timelineCheck.becamePrimary(node, branch: branch, number: number, at: time, names: recorder.nodeNames) {
            noteViolation([node], violation.detail)
        }
        settleWrites(primary: node, branch: branch, end: end, timeline: number)
    }

    /// A client write committed at `lsn` on `branch` was acknowledged by `server`.
    mutating func writeAcknowledged(branch: Int, lsn: Int64, by server: NodeID) {
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
    mutating func settleWrites(primary node: NodeID, branch: Int, end: Int64, timeline: Int) {
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
        for index in recorder.nodes.indices {
            let node = NodeID(index)
            let facts = recorder.nodes[node]
            recorder.history?.record(node: node.index, state: facts.display.rawValue,
                                     timeline: facts.acceptsConnections ? facts.timeline : nil, at: time)
        }
    }

    /// Records the leader key's holder and the expiry of its lease.
    private mutating func recordLeaderKey(holder: NodeID?, expiry: SimInstant?) {
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
        note(nil, .replicasFollowing,
             "every member with a running agent streams from \(recorder.nodeNames[leader]) on timeline \(recorder.nodes[leader].timeline)")
    }

    /// Notes a zombie window of `node` that opened at `since`.
    private mutating func noteZombie(_ node: NodeID, since: SimInstant) {
        noteViolation([node], "fenced-primary: \(recorder.nodeNames[node]) accepts writes without a live leader lease (since \(since))")
    }

    /// Notes a violation involving `nodes` (on the node when there is one).
    mutating func noteViolation(_ nodes: [NodeID], _ message: String) {
        note(nodes.count == 1 ? layout.host(of: nodes[0]) : nil, .violation, message)
    }

    /// Records a fault on `node` (nil: not a node): a window for partitions and freezes,
    /// an instant for the others.
    mutating func recordFault(_ fault: Fault, node: NodeID?) {
        guard recorder.history != nil else { return }
        let time = now
        let label = fault.action.label
        let nodeName = node.map { layout.name(of: $0) }
        switch fault.action {
        case .heal(let target):
            for index in recorder.history?.faults.indices ?? 0..<0 {
                guard let window = recorder.history?.faults[index], window.until == nil, window.label.hasPrefix("partition") else { continue }
                if target == nil || window.node == nodeName { recorder.history?.faults[index].until = time }
            }
            recorder.history?.faults.append(RunHistory.FaultWindow(label: label, node: nodeName, at: time, until: time))
        case .partition:
            recorder.history?.faults.append(RunHistory.FaultWindow(label: label, node: nodeName, at: time, until: nil))
        case .freeze(_, let duration):
            recorder.history?.faults.append(RunHistory.FaultWindow(label: label, node: nodeName, at: time, until: time + duration))
        default:
            recorder.history?.faults.append(RunHistory.FaultWindow(label: label, node: nodeName, at: time, until: time))
        }
    }
}
