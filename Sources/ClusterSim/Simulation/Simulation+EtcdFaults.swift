extension Simulation {
    /// Whether `target` names an etcd member (`previous` does when the last fault acted on one).
    func aimsAtEtcd(_ target: FaultTarget) -> Bool {
        switch target {
        case .etcdMember, .etcdLeader: return true
        case .previous: return previousFaultMember != nil
        case .node, .leader, .replica: return false
        }
    }

    /// The running member that leads in the highest term (a deposed leader that has not
    /// heard of the newer term yet still believes it leads), if any.
    var currentEtcdLeader: Int? {
        var best: Int?
        for member in members.indices where members[member].process == .running && members[member].role == .leader {
            if best.map({ members[member].term > members[$0].term }) ?? true { best = member }
        }
        return best
    }

    /// Applies a fault aimed at an etcd member: `stop` and `kill` end the process (its log,
    /// term and vote survive), `start` restarts it as a follower, `freeze` suspends it
    /// (SIGSTOP), `partition` and `heal` change its links.
    func applyEtcdFault(_ fault: Fault, target: FaultTarget) {
        let member: Int?
        switch target {
        case .etcdMember(let index, _): member = index
        case .etcdLeader: member = currentEtcdLeader
        default: member = previousFaultMember
        }
        guard let member else {
            note(nil, "no-op", "fault skipped: \(fault.action.label) (no etcd member is \(target.label) now)")
            return
        }
        previousFaultMember = member
        previousFaultNode = nil
        recordFault(fault, node: nil)
        let resolved = fault.action.label + (target == .etcdLeader || target == .previous ? " (\(memberName(member)))" : "")
        note(nil, "fault", "fault: \(resolved)")
        let host = layout.etcd(member)
        switch fault.action {
        case .stop, .kill:
            stopEtcdMember(member)
        case .start:
            startEtcdMember(member)
        case let .freeze(_, duration):
            freezeEtcdMember(member, for: duration)
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

    /// The etcd process stops: a leader's term ends, the watches living on it break
    /// (their Patroni reloads its cache), requests to it are refused until it starts.
    func stopEtcdMember(_ member: Int) {
        guard members[member].process == .running else {
            note(layout.etcd(member), "no-op", "stop ignored: \(memberName(member)) is not running")
            return
        }
        if members[member].role == .leader {
            note(layout.etcd(member), "etcd-leader-lost", "\(memberName(member)) is no longer the etcd leader (term \(members[member].term))")
        }
        if members[member].frozenUntil != nil {
            members[member].frozenUntil = nil
            frozenMemberCount -= 1
        }
        members[member].process = .stopped
        members[member].generation += 1
        members[member].becomeFollower()
        members[member].leader = nil
        members[member].heardFromLeaderAt = nil
        members[member].electionCheckAt = nil
        for node in watchers.indices where watchers[node]?.member == member { endWatch(node) }
        note(layout.etcd(member), "etcd-member-stopped", "etcd member \(memberName(member)) stopped")
    }

    /// The etcd process starts again as a follower with the log, term and vote it had.
    func startEtcdMember(_ member: Int) {
        guard members[member].process == .stopped else {
            note(layout.etcd(member), "no-op", "start ignored: \(memberName(member)) is already running")
            return
        }
        members[member].process = .running
        members[member].generation += 1
        note(layout.etcd(member), "etcd-member-started", "etcd member \(memberName(member)) started")
        drawElectionTimeout(member)
        armElection(member)
    }

    /// SIGSTOP of the etcd process for `duration`: messages to it and its timers wait.
    func freezeEtcdMember(_ member: Int, for duration: SimDuration) {
        guard members[member].process == .running else {
            note(layout.etcd(member), "no-op", "freeze ignored: \(memberName(member)) is not running")
            return
        }
        if members[member].frozenUntil == nil { frozenMemberCount += 1 }
        let until = max(members[member].frozenUntil ?? now, now + duration)
        members[member].frozenUntil = until
        note(layout.etcd(member), "etcd-member-frozen", "etcd member \(memberName(member)) frozen for \(duration)")
        env.scheduler.schedule(.etcdThaw(member: member), at: until)
    }

    /// The frozen etcd process runs again (unless a later freeze extended the pause).
    func thawEtcdMember(_ member: Int) {
        guard let until = members[member].frozenUntil, until <= now else { return }
        members[member].frozenUntil = nil
        frozenMemberCount -= 1
        note(layout.etcd(member), "etcd-member-thawed", "etcd member \(memberName(member)) runs again")
    }
}
