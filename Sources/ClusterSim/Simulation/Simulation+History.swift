extension Simulation {
    /// Records a fault: a window for partitions and freezes, an instant for the others.
    func recordFault(_ fault: Fault, node: Int?) {
        guard env.recorder.history != nil else { return }
        let label = fault.action.label
        switch fault.action {
        case .heal(let target):
            let time = now
            for index in env.recorder.history?.faults.indices ?? 0..<0 {
                guard let window = env.recorder.history?.faults[index], window.until == nil, window.label.hasPrefix("partition") else { continue }
                if target == nil || window.node == node.map(name) { env.recorder.history?.faults[index].until = time }
            }
            env.recorder.history?.faults.append(RunHistory.FaultWindow(label: label, node: node.map(name), at: time, until: time))
        case .partition:
            let time = now
            env.recorder.history?.faults.append(RunHistory.FaultWindow(label: label, node: node.map(name), at: time, until: nil))
        case .freeze(_, let duration):
            let time = now
            env.recorder.history?.faults.append(RunHistory.FaultWindow(label: label, node: node.map(name), at: time, until: time + duration))
        default:
            let time = now
            env.recorder.history?.faults.append(RunHistory.FaultWindow(label: label, node: node.map(name), at: time, until: time))
        }
    }

    /// Samples every node's replication lag behind the primary, once a second.
    func sampleLag() {
        guard env.recorder.history != nil else { return }
        env.scheduler.schedule(.sample, after: .seconds(1))
        guard let primary = currentPrimary, postgres[primary].acceptsWrites else { return }
        let head = postgres[primary].lsn
        for node in postgres.indices where postgres[node].acceptsConnections {
            let time = now
            env.recorder.history?.lag[node].append(RunHistory.LagSample(at: time, bytes: max(0, head - postgres[node].lsn)))
        }
    }
}
