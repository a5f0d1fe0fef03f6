extension Simulation {
    /// Records every node's displayed state if it changed.
    func recordStates() {
        guard history != nil else { return }
        for node in postgres.indices {
            history?.record(node: node, state: displayState(node),
                            timeline: postgres[node].acceptsConnections ? timelineNumber(node) : nil, at: now)
        }
    }

    /// The state a picture shows for `node`: what PostgreSQL does, refined by Patroni's action.
    private func displayState(_ node: Int) -> String {
        if frozenUntil[node] != nil { return "frozen" }
        switch agents[node].action {
        case .rewind?: return "rewinding"
        case .basebackup?: return "creating replica"
        case .initdb?: return "initializing"
        case .demote? where postgres[node].state == .stopping: return "demoting"
        default: break
        }
        let pg = postgres[node]
        switch pg.state {
        case .running: return pg.isPrimary ? "primary" : "replica"
        case .promoting: return "promoting"
        case .starting: return "starting"
        case .stopping: return "stopping"
        case .stopped: return "stopped"
        case .crashed: return "crashed"
        }
    }

    /// Records the leader key's holder and the expiry of its lease.
    func recordLeaderKey(holder: Int?, expiry: SimInstant?) {
        guard history != nil else { return }
        history?.record(holder: holder.map(name), at: now)
        if let holder, let expiry {
            history?.record(renewal: RunHistory.LeaseRenewal(at: now, holder: name(holder), expiresAt: expiry))
        }
    }

    /// Records a fault: a window for partitions and freezes, an instant for the others.
    func recordFault(_ fault: Fault, node: Int?) {
        guard history != nil else { return }
        let label = fault.action.label
        switch fault.action {
        case .heal(let target):
            for index in history?.faults.indices ?? 0..<0 {
                guard let window = history?.faults[index], window.until == nil, window.label.hasPrefix("partition") else { continue }
                if target == nil || window.node == node.map(name) { history?.faults[index].until = now }
            }
            history?.faults.append(RunHistory.FaultWindow(label: label, node: node.map(name), at: now, until: now))
        case .partition:
            history?.faults.append(RunHistory.FaultWindow(label: label, node: node.map(name), at: now, until: nil))
        case .freeze(_, let duration):
            history?.faults.append(RunHistory.FaultWindow(label: label, node: node.map(name), at: now, until: now + duration))
        default:
            history?.faults.append(RunHistory.FaultWindow(label: label, node: node.map(name), at: now, until: now))
        }
    }

    /// Counts a client write's outcome in its second.
    func recordWrite(acked: Bool) {
        history?.recordWrite(acked: acked, at: now)
    }

    /// Samples every node's replication lag behind the primary, once a second.
    func sampleLag() {
        guard history != nil else { return }
        scheduler.schedule(.sample, after: .seconds(1))
        guard let primary = currentPrimary, postgres[primary].acceptsWrites else { return }
        let head = postgres[primary].lsn
        for node in postgres.indices where postgres[node].acceptsConnections {
            history?.lag[node].append(RunHistory.LagSample(at: now, bytes: max(0, head - postgres[node].lsn)))
        }
    }
}
