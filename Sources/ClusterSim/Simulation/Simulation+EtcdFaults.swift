extension Simulation {
    /// Whether `target` names an etcd member (`previous` does when the last fault acted on one).
    func aimsAtEtcd(_ target: FaultTarget) -> Bool {
        switch target {
        case .etcdMember, .etcdLeader: return true
        case .previous: return previousFaultMember != nil
        case .node, .leader, .replica: return false
        }
    }

    /// Applies a fault aimed at an etcd member: `stop` and `kill` end the process (its log,
    /// term and vote survive), `start` restarts it as a follower, `freeze` suspends it
    /// (SIGSTOP), `partition` and `heal` change its links.
    func applyEtcdFault(_ fault: Fault, target: FaultTarget) {
        let member: MemberID?
        switch target {
        case .etcdMember(let index, _): member = MemberID(index)
        case .etcdLeader: member = etcd.currentLeaderMember
        default: member = previousFaultMember
        }
        guard let member else {
            note(nil, "no-op", "fault skipped: \(fault.action.label) (no etcd member is \(target.label) now)")
            return
        }
        previousFaultMember = member
        previousFaultNode = nil
        recordFault(fault, node: nil)
        let resolved = fault.action.label + (target == .etcdLeader || target == .previous ? " (\(etcd.name(of: member)))" : "")
        note(nil, "fault", "fault: \(resolved)")
        let host = layout.host(of: member)
        switch fault.action {
        case .stop, .kill:
            etcd.stop(member, &env)
        case .start:
            etcd.start(member, &env)
        case let .freeze(_, duration):
            etcd.freeze(member, for: duration, &env)
        case .partition(let partition):
            for peer in hosts(of: partition.peers, besides: host) {
                if partition.direction != .inbound { env.network.setDropped(true, from: host, to: peer) }
                if partition.direction != .outbound { env.network.setDropped(true, from: peer, to: host) }
            }
        case .heal:
            env.network.heal(host: host)
        case .killPatroni, .killPostgres, .clockStep, .breakPostgres, .fixPostgres, .slowDisk, .fastDisk, .reinit,
             .switchover, .failover, .pause, .resume, .setConfig:
            note(host, "no-op", "\(fault.action.label) ignored: it does not apply to an etcd member")
        }
    }
}
