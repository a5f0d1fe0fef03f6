extension Simulation {
    /// A node without a data directory: race for `initialize` (unless `nofailover`, as in
    /// `Ha.bootstrap`), or clone from the leader.
    func bootstrap(_ node: Int, leader: Int?) {
        if let leader, leader != node {
            startBasebackup(node, from: leader)
            touchMember(node)
        } else if leader == nil && agents[node].cache[.initialize] == nil && !options.nodes[node].forbidsFailover {
            callEtcd(node, .createIfAbsent(key: keys.initialize, value: .initialize(""), lease: 0),
                     .initializeRace)
        } else {
            noteOnce(node, "waiting", "waiting for leader to bootstrap")
            touchMember(node)
        }
    }

    /// Clones the data directory from `leader` by base backup, taking the data size at the
    /// base backup rate (`basebackupDone` starts PostgreSQL as a replica).
    func startBasebackup(_ node: Int, from leader: Int) {
        note(node, "basebackup", "trying to bootstrap from leader '\(name(leader))'")
        agents[node].action = .basebackup(from: leader)
        recordStates()
        let micros = transferMicroseconds(bytes: options.postgres.dataSize, bytesPerSecond: options.postgres.basebackupBytesPerSecond)
        env.scheduler.schedule(.postgresStep(node: node, generation: postgres[node].generation, .basebackupDone(from: leader)),
                           after: SimDuration(microseconds: micros))
    }

    /// `post_bootstrap`: publish the system identifier and the config, and take the leader key.
    func postBootstrap(_ node: Int) {
        callEtcd(node, .put(key: keys.initialize, value: .initialize(systemIdentifier ?? ""), lease: 0),
                 .writeInitialize)
    }

    func bootstrapStep(_ node: Int, _ purpose: EtcdCall.Purpose, _ result: EtcdCallResult) {
        switch (purpose, result) {
        case (.initializeRace, .answered(.ok)):
            note(node, "initdb", "trying to bootstrap a new cluster")
            agents[node].action = .initdb
            recordStates()
            env.scheduler.schedule(.postgresStep(node: node, generation: postgres[node].generation, .initdbDone),
                               after: options.postgres.initdb)
            touchMember(node)
        case (.initializeRace, _):
            noteOnce(node, "waiting", "waiting for leader to bootstrap")
            touchMember(node)
        case (.writeInitialize, .answered(.ok)):
            callEtcd(node, .put(key: keys.config,
                                value: .config(DynamicConfig(timers: timers(of: node), settings: nodeConfigs[node].settings)), lease: 0),
                     .writeConfig)
        case (.writeConfig, .answered(.ok)):
            callEtcd(node, .put(key: keys.leader, value: .leaderName(name(node)), lease: agents[node].lease),
                     .takeLeader)
        case (.takeLeader, .answered(.ok)):
            agents[node].postBootstrapPending = false
            agents[node].leaderExpiry = wallNow(node) + timers(of: node).ttl
            pingWatchdog(node)
            agents[node].cache[.leader] = CachedKey(value: .leaderName(name(node)), lease: agents[node].lease)
            note(node, "initialized", "initialized a new cluster")
            touchMember(node)
        case (_, .failed):
            dcsError(node)
        default:
            touchMember(node)
        }
    }
}
