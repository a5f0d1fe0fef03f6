/// Faults aimed at etcd members.
extension FaultInjector {
    /// Whether `target` names an etcd member (`previous` does when the last fault acted on one).
    func aimsAtEtcd(_ target: FaultTarget) -> Bool {
        switch target {
        case .etcdMember, .etcdLeader: return true
        case .previous: return previousMember != nil
        case .node, .leader, .replica: return false
        }
    }

    /// Applies a fault aimed at an etcd member: `stop` and `kill` end the process (its log,
    /// term and vote survive), `start` restarts it as a follower, `freeze` suspends it
    /// (SIGSTOP), `partition` and `heal` change its links.
    mutating func applyEtcdFault(_ fault: Fault, target: FaultTarget, etcd: inout EtcdCluster, _ env: inout Environment) {
        let member: MemberID?
        switch target {
        case .etcdMember(let index, _): member = MemberID(index)
        case .etcdLeader: member = etcd.currentLeaderMember
        default: member = previousMember
        }
        guard let member else {
            env.note(nil, .noOp, "fault skipped: \(fault.action.label) (no etcd member is \(target.label) now)")
            return
        }
        previousMember = member
        previousNode = nil
        env.recordFault(fault, node: nil)
        let resolved = fault.action.label + (target == .etcdLeader || target == .previous ? " (\(etcd.name(of: member)))" : "")
        env.note(nil, .fault, "fault: \(resolved)")
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
            env.note(host, .noOp, "\(fault.action.label) ignored: it does not apply to an etcd member")
        }
    }
}
