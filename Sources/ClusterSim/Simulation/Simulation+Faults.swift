extension Simulation {
    /// Applies the scenario's fault at `index`, resolving a role target now.
    func applyFault(_ index: Int) {
        let fault = options.faults[index]
        if let target = fault.action.subject, aimsAtEtcd(target) {
            applyEtcdFault(fault, target: target)
            return
        }
        switch fault.action {
        case .stop(let target):
            guard let node = resolve(target, for: fault) else { return }
            noteFault(fault, node: node)
            stopPatroni(node)
        case .kill(let target):
            guard let node = resolve(target, for: fault) else { return }
            noteFault(fault, node: node)
            killNode(node)
        case .start(let target):
            guard let node = resolve(target, for: fault) else { return }
            noteFault(fault, node: node)
            startPatroni(node)
        case .killPatroni(let target):
            guard let node = resolve(target, for: fault) else { return }
            noteFault(fault, node: node)
            killPatroni(node)
        case .killPostgres(let target):
            guard let node = resolve(target, for: fault) else { return }
            noteFault(fault, node: node)
            if postgres[node].processAlive { killPostgres(node) } else { note(node, "no-op", "kill-postgres ignored: PostgreSQL is not running") }
        case let .freeze(target, duration):
            guard let node = resolve(target, for: fault) else { return }
            noteFault(fault, node: node)
            freeze(node, for: duration)
        case let .clockStep(target, by):
            guard let node = resolve(target, for: fault) else { return }
            noteFault(fault, node: node)
            clocks[node].step(by: by)
            note(node, "clock-step", "wall clock stepped by \(by)")
        case .partition(let partition):
            guard let node = resolve(partition.target, for: fault) else { return }
            noteFault(fault, node: node)
            let host = HostID(node)
            for peer in hosts(of: partition.peers, besides: host) {
                if partition.direction != .inbound { env.network.setDropped(true, from: host, to: peer) }
                if partition.direction != .outbound { env.network.setDropped(true, from: peer, to: host) }
            }
        case .heal(let target):
            if let target {
                guard let node = resolve(target, for: fault) else { return }
                noteFault(fault, node: node)
                env.network.heal(host: HostID(node))
            } else {
                note(nil, "fault", "fault: \(fault.action.label)")
                recordFault(fault, node: nil)
                env.network.healAll()
            }
        case let .switchover(candidate, scheduledAt), let .failover(candidate, scheduledAt):
            if let kind = fault.action.manualFailoverKind {
                requestManualFailover(fault, kind: kind, candidate: candidate, scheduledAt: scheduledAt)
            }
        case .pause, .resume:
            requestPause(fault, paused: fault.action == .pause)
        case .breakPostgres(let target), .fixPostgres(let target), .slowDisk(let target, _, _), .fastDisk(let target),
             .reinit(let target):
            guard let node = resolve(target, for: fault) else { return }
            noteFault(fault, node: node)
            applyNodeFault(fault.action, to: node)
        case .setConfig(let change):
            note(nil, "fault", "fault: \(fault.action.label)")
            recordFault(fault, node: nil)
            setConfig(change)
        }
    }

    /// The node a target names now, or nil (with a note) when no node has that role.
    private func resolve(_ target: FaultTarget, for fault: Fault) -> Int? {
        let node: Int?
        switch target {
        case .node(let index, _): node = index
        case .leader: node = currentPrimary
        case .replica: node = postgres.indices.first { postgres[$0].state == .running && !postgres[$0].isPrimary }
        case .previous: node = previousFaultNode
        case .etcdMember, .etcdLeader: node = nil
        }
        if node == nil {
            note(nil, "no-op", "fault skipped: \(fault.action.label) (no node is \(target.label) now)")
        }
        return node
    }

    /// The leader now: the leader key's holder under Patroni, else the first node accepting writes.
    var currentPrimary: Int? {
        if patroniManaged { return currentLeader }
        return postgres.indices.first { postgres[$0].acceptsWrites }
    }

    /// The node named by the leader key in etcd now.
    var currentLeader: Int? { etcd.currentLeader }

    private func noteFault(_ fault: Fault, node: Int) {
        previousFaultNode = node
        previousFaultMember = nil
        recordFault(fault, node: node)
        let leader = currentPrimary
        let resolved = fault.action.label + (fault.action.targetsRole ? " (\(name(node)))" : "")
        note(nil, "fault", "fault: \(resolved)")
        if node == leader, fault.action.canCauseFailover {
            let time = now
            env.recorder.failovers.faultHitLeader(resolved, oldLeader: name(node), at: time)
        }
    }

    /// The hosts `peers` name, without `host` (a node or etcd member host).
    func hosts(of peers: [PeerSelector], besides host: HostID) -> [HostID] {
        var result: [HostID] = []
        for peer in peers {
            switch peer {
            case .etcd: result += etcd.memberIDs.map(layout.host(of:))
            case .etcdMember(let member, _): result.append(layout.host(of: MemberID(member)))
            case .otherNodes: result += (0..<layout.nodeCount).map(HostID.init).filter { $0 != host }
            case .node(let index, _): result.append(HostID(index))
            case .clients: result.append(layout.router)
            }
        }
        return result.filter { $0 != host }
    }
}

extension FaultAction {
    /// The node or member the action acts on; nil for a heal of everything.
    var subject: FaultTarget? {
        switch self {
        case .stop(let t), .kill(let t), .start(let t), .killPatroni(let t), .killPostgres(let t),
             .freeze(let t, _), .clockStep(let t, _), .breakPostgres(let t), .fixPostgres(let t),
             .slowDisk(let t, _, _), .fastDisk(let t), .reinit(let t):
            return t
        case .partition(let p): return p.target
        case .heal(let t): return t
        case .switchover, .failover, .pause, .resume, .setConfig: return nil
        }
    }

    /// Whether the target was given as a role (`leader`, `replica`) rather than a name.
    var targetsRole: Bool {
        switch self {
        case .stop(let t), .kill(let t), .start(let t), .killPatroni(let t), .killPostgres(let t),
             .freeze(let t, _), .clockStep(let t, _), .breakPostgres(let t), .fixPostgres(let t),
             .slowDisk(let t, _, _), .fastDisk(let t), .reinit(let t):
            return t.isRole
        case .partition(let p): return p.target.isRole
        case .heal(let t): return t?.isRole ?? false
        case .switchover, .failover, .pause, .resume, .setConfig: return false
        }
    }

    /// Whether the action, applied to the leader, can make another node take over.
    var canCauseFailover: Bool {
        switch self {
        case .stop, .kill, .partition, .killPatroni, .killPostgres, .freeze, .clockStep: return true
        case .start, .heal, .switchover, .failover, .pause, .resume, .breakPostgres, .fixPostgres, .slowDisk, .fastDisk,
             .reinit, .setConfig: return false
        }
    }
}

extension FaultTarget {
    /// Whether this names a role resolved when the fault fires.
    var isRole: Bool {
        if case .node = self { return false }
        return true
    }
}
