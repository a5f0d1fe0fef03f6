/// The scenario's faults and operator actions, fired at their instants: the test harness
/// (Jepsen's nemesis), standing outside the simulated hosts.
///
/// It resolves a role target (`leader`, `replica`) by looking at the cluster as it is, then
/// acts on the host it names as the fault would: a signal to a process, a link rule, a
/// clock step, a command an operator types. Nothing it reads reaches a process's decisions
/// except through what it does.
struct FaultInjector {
    /// The scenario's settings.
    let options: ClusterOptions
    /// The hosts.
    let layout: HostLayout
    /// When each fault fires, drawn at the start of the run (stream `faults`).
    let times: [SimInstant]
    /// The node the last fault acted on (for the `previous` target).
    var previousNode: NodeID?
    /// The etcd member the last fault acted on, when it acted on one (for the `previous` target).
    var previousMember: MemberID?

    /// The faults of `options`, each drawn within its `within` window.
    init(options: ClusterOptions, layout: HostLayout) {
        self.options = options
        self.layout = layout
        var random = RandomStream(seed: options.seed, stream: "faults")
        times = options.faults.map { fault in
            let spread = fault.within.microseconds
            return spread > 0 ? fault.at + SimDuration(microseconds: random.nextInt(in: 0...(spread - 1))) : fault.at
        }
    }

    /// Schedules every fault at its instant.
    func schedule(_ env: inout Environment) {
        for (index, time) in times.enumerated() {
            env.scheduler.schedule(.fault(index), at: time)
        }
    }

    /// Applies the fault at `index`, resolving a role target now. Returns the node it acted on.
    mutating func apply(_ index: Int, nodes: inout [Node], etcd: inout EtcdCluster, _ env: inout Environment) -> NodeID? {
        let fault = options.faults[index]
        if let target = fault.action.subject, aimsAtEtcd(target) {
            applyEtcdFault(fault, target: target, etcd: &etcd, &env)
            return nil
        }
        switch fault.action {
        case .switchover(let candidate, let scheduledAt), .failover(let candidate, let scheduledAt):
            if let kind = fault.action.manualFailoverKind {
                return requestManualFailover(fault, kind: kind, candidate: candidate, scheduledAt: scheduledAt,
                                             nodes: &nodes, etcd: etcd, &env)
            }
            return nil
        case .pause, .resume:
            requestPause(fault, paused: fault.action == .pause, nodes: nodes, etcd: etcd, &env)
            return nil
        case .setConfig(let change):
            env.note(nil, .fault, "fault: \(fault.action.label)")
            env.recordFault(fault, node: nil)
            setConfig(change, nodes: nodes, etcd: etcd, &env)
            return nil
        case .heal(nil):
            env.note(nil, .fault, "fault: \(fault.action.label)")
            env.recordFault(fault, node: nil)
            env.network.healAll()
            return nil
        default:
            break
        }
        guard let target = fault.action.subject, let node = resolve(target, for: fault, nodes: nodes, etcd: etcd, &env) else { return nil }
        noteFault(fault, node: node, nodes: nodes, etcd: etcd, &env)
        switch fault.action {
        case .stop: nodes[node].stopPatroni(&env)
        case .kill: nodes[node].killNode(&env)
        case .start: nodes[node].startPatroni(&env)
        case .killPatroni: nodes[node].killPatroni(&env)
        case .killPostgres: nodes[node].killPostgres(&env)
        case .freeze(_, let duration): nodes[node].freeze(for: duration, &env)
        case .clockStep(_, let by):
            nodes[node].clock.step(by: by)
            env.note(layout.host(of: node), .clockStep, "wall clock stepped by \(by)")
        case .partition(let partition):
            let host = layout.host(of: node)
            for peer in hosts(of: partition.peers, besides: host) {
                if partition.direction != .inbound { env.network.setDropped(true, from: host, to: peer) }
                if partition.direction != .outbound { env.network.setDropped(true, from: peer, to: host) }
            }
        case .heal:
            env.network.heal(host: layout.host(of: node))
        case .breakPostgres, .fixPostgres, .slowDisk, .fastDisk, .reinit:
            nodes[node].applyNodeFault(fault.action, &env)
        case .switchover, .failover, .pause, .resume, .setConfig:
            preconditionFailure("operator actions are applied above, got \(fault.action.label)")
        }
        return node
    }

    /// The node a target names now, or nil (with a note) when no node has that role.
    private func resolve(_ target: FaultTarget, for fault: Fault, nodes: [Node], etcd: EtcdCluster,
                         _ env: inout Environment) -> NodeID? {
        let node: NodeID?
        switch target {
        case .node(let index, _): node = NodeID(index)
        case .leader: node = currentPrimary(nodes: nodes, etcd: etcd)
        case .replica: node = nodes.first { $0.postgres.state == .running && !$0.postgres.isPrimary }?.id
        case .previous: node = previousNode
        case .etcdMember, .etcdLeader: node = nil
        }
        if node == nil {
            env.note(nil, .noOp, "fault skipped: \(fault.action.label) (no node is \(target.label) now)")
        }
        return node
    }

    /// The leader now: the leader key's holder under Patroni, else the first node accepting writes.
    func currentPrimary(nodes: [Node], etcd: EtcdCluster) -> NodeID? {
        if options.ha == .patroni { return etcd.currentLeader }
        return nodes.first { $0.postgres.acceptsWrites }?.id
    }

    /// Notes the fault on `node` and, when it hits the leader and can cause a failover,
    /// opens a failover record.
    private mutating func noteFault(_ fault: Fault, node: NodeID, nodes: [Node], etcd: EtcdCluster, _ env: inout Environment) {
        previousNode = node
        previousMember = nil
        env.recordFault(fault, node: node)
        let leader = currentPrimary(nodes: nodes, etcd: etcd)
        let resolved = fault.action.label + (fault.action.targetsRole ? " (\(layout.name(of: node)))" : "")
        env.note(nil, .fault, "fault: \(resolved)")
        if node == leader, fault.action.canCauseFailover {
            let time = env.now
            env.recorder.failovers.faultHitLeader(resolved, oldLeader: layout.name(of: node), at: time)
        }
    }

    /// The hosts `peers` name, without `host` (a node or etcd member host).
    func hosts(of peers: [PeerSelector], besides host: HostID) -> [HostID] {
        var result: [HostID] = []
        for peer in peers {
            switch peer {
            case .etcd: result += MemberID.all(layout.etcdCount).map(layout.host(of:))
            case .etcdMember(let member, _): result.append(layout.host(of: MemberID(member)))
            case .otherNodes: result += layout.nodes.map(layout.host(of:)).filter { $0 != host }
            case .node(let index, _): result.append(layout.host(of: NodeID(index)))
            case .clients: result.append(layout.router)
            }
        }
        return result.filter { $0 != host }
    }
}
