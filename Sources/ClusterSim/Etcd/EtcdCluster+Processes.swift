/// The etcd processes' lives: stop, start and SIGSTOP of one member.
extension EtcdCluster {
    /// The etcd process stops: a leader's term ends, the watches living on it break
    /// (their Patroni reloads its cache), requests to it are refused until it starts.
    mutating func stop(_ member: MemberID, _ env: inout Environment) {
        let host = layout.host(of: member)
        guard members[member].process == .running else {
            env.note(host, .noOp, "stop ignored: \(name(of: member)) is not running")
            return
        }
        if members[member].role == .leader {
            env.note(host, .etcdLeaderLost, "\(name(of: member)) is no longer the etcd leader (term \(members[member].term))")
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
        for node in layout.nodes {
            guard let watcher = watchers[node], watcher.member == member else { continue }
            watchers[node] = nil
            env.send(.watchEnded(generation: watcher.generation), from: host, to: layout.host(of: node))
        }
        env.note(host, .etcdMemberStopped, "etcd member \(name(of: member)) stopped")
    }

    /// The etcd process starts again as a follower with the log, term and vote it had.
    mutating func start(_ member: MemberID, _ env: inout Environment) {
        let host = layout.host(of: member)
        guard members[member].process == .stopped else {
            env.note(host, .noOp, "start ignored: \(name(of: member)) is already running")
            return
        }
        members[member].process = .running
        members[member].generation += 1
        env.note(host, .etcdMemberStarted, "etcd member \(name(of: member)) started")
        drawElectionTimeout(member)
        armElection(member, &env)
    }

    /// SIGSTOP of the etcd process for `duration`: messages to it and its timers wait.
    mutating func freeze(_ member: MemberID, for duration: SimDuration, _ env: inout Environment) {
        let host = layout.host(of: member)
        guard members[member].process == .running else {
            env.note(host, .noOp, "freeze ignored: \(name(of: member)) is not running")
            return
        }
        if members[member].frozenUntil == nil { frozenMemberCount += 1 }
        let until = max(members[member].frozenUntil ?? env.now, env.now + duration)
        members[member].frozenUntil = until
        env.note(host, .etcdMemberFrozen, "etcd member \(name(of: member)) frozen for \(duration)")
        env.scheduler.schedule(.etcdThaw(member: member), at: until)
    }

    /// The frozen etcd process runs again (unless a later freeze extended the pause).
    mutating func thaw(_ member: MemberID, _ env: inout Environment) {
        guard let until = members[member].frozenUntil, until <= env.now else { return }
        members[member].frozenUntil = nil
        frozenMemberCount -= 1
        env.note(layout.host(of: member), .etcdMemberThawed, "etcd member \(name(of: member)) runs again")
    }
}
