/// Bootstrap (`Ha.bootstrap`, `post_bootstrap`): the race for `initialize`, `initdb` on the
/// winner, and the base backup of every other member from the leader.
extension Node {
    /// A node without a data directory: race for `initialize` (unless `nofailover`, as in
    /// `Ha.bootstrap`), or clone from the leader.
    mutating func bootstrap(leader: NodeID?, _ env: inout Environment) {
        if let leader, leader != id {
            startBasebackup(from: leader, &env)
            touchMember(&env)
        } else if leader == nil && agent.cache[.initialize] == nil && !tags.forbidsFailover {
            callEtcd(.createIfAbsent(key: keys.initialize, value: .initialize(""), lease: 0), .initializeRace, &env)
        } else {
            env.noteOnce(host, .waiting, "waiting for leader to bootstrap")
            touchMember(&env)
        }
    }

    /// Clones the data directory from `leader` by base backup, taking the data size at the
    /// base backup rate (`basebackupDone` starts PostgreSQL as a replica).
    mutating func startBasebackup(from leader: NodeID, _ env: inout Environment) {
        env.note(host, .basebackup, "trying to bootstrap from leader '\(nodeName(leader))'")
        agent.action = .basebackup(from: leader)
        recordStates(&env)
        let micros = Node.transferMicroseconds(bytes: options.postgres.dataSize, bytesPerSecond: options.postgres.basebackupBytesPerSecond)
        env.scheduler.schedule(.postgresStep(node: id, generation: postgres.generation, .basebackupDone(from: leader)),
                               after: SimDuration(microseconds: micros))
    }

    /// `post_bootstrap`: publish the system identifier and the config, and take the leader key.
    mutating func postBootstrap(_ env: inout Environment) {
        callEtcd(.put(key: keys.initialize, value: .initialize(postgres.systemIdentifier ?? ""), lease: 0), .writeInitialize, &env)
    }

    /// A step of the bootstrap ended.
    mutating func bootstrapStep(_ purpose: EtcdCall.Purpose, _ result: EtcdCallResult, _ env: inout Environment) {
        switch (purpose, result) {
        case (.initializeRace, .answered(.ok)):
            env.note(host, .initdb, "trying to bootstrap a new cluster")
            agent.action = .initdb
            recordStates(&env)
            env.scheduler.schedule(.postgresStep(node: id, generation: postgres.generation, .initdbDone), after: options.postgres.initdb)
            touchMember(&env)
        case (.initializeRace, _):
            env.noteOnce(host, .waiting, "waiting for leader to bootstrap")
            touchMember(&env)
        case (.writeInitialize, .answered(.ok)):
            callEtcd(.put(key: keys.config, value: .config(DynamicConfig(timers: timers, settings: config.settings)), lease: 0),
                     .writeConfig, &env)
        case (.writeConfig, .answered(.ok)):
            callEtcd(.put(key: keys.leader, value: .leaderName(name), lease: agent.lease), .takeLeader, &env)
        case (.takeLeader, .answered(.ok)):
            agent.postBootstrapPending = false
            agent.leaderExpiry = wallClock(at: env.now) + timers.ttl
            pingWatchdog(&env)
            agent.cache[.leader] = CachedKey(value: .leaderName(name), lease: agent.lease)
            env.note(host, .initialized, "initialized a new cluster")
            touchMember(&env)
        case (_, .failed):
            dcsError(&env)
        default:
            touchMember(&env)
        }
    }
}
