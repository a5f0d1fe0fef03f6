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

    /// Clones the data directory from `leader` by base backup (`Ha.clone`), which
    /// `Bootstrap.basebackup` tries twice, 5 s apart.
    mutating func startBasebackup(from leader: NodeID, _ env: inout Environment) {
        env.note(host, .basebackup, "trying to bootstrap from leader '\(nodeName(leader))'")
        agent.action = .basebackup(from: leader)
        agent.cloneTry = 1
        recordStates(&env)
        requestTransfer(.basebackup, from: leader, &env)
    }

    /// The base backup from `source` arrived: PostgreSQL starts as a replica, unless the
    /// Patroni that ran `pg_basebackup` is gone.
    mutating func basebackupArrived(from source: NodeID, branch: Int, lsn: Int64, systemIdentifier: UInt64, _ env: inout Environment) {
        postgres.hasData = true
        postgres.branch = branch
        postgres.lsn = lsn
        postgres.systemIdentifier = systemIdentifier
        postgres.control = .inArchiveRecovery
        env.note(host, .basebackupDone, "replica has been created using basebackup")
        guard !patroniManaged || agent.action == .basebackup(from: source) else { return }
        agent.action = .startPostgres
        armRewindCheck()
        startPostgres(asPrimary: false, upstream: cachedLeader ?? source, &env)
    }

    /// The base backup from `source` failed. Patroni tries once more after 5 s; after the
    /// second failure the clone fails, the data directory stays empty and a later cycle
    /// bootstraps again. Without Patroni the administrator's script retries every second.
    mutating func basebackupFailed(from source: NodeID, _ env: inout Environment) {
        guard patroniManaged else {
            env.scheduler.schedule(.transferRetry(node: id, generation: postgres.generation, attempt: postgres.transferAttempts),
                                   after: .seconds(1))
            return
        }
        guard agent.action == .basebackup(from: source) else { return }
        env.note(host, .basebackupFailed, "Error when fetching backup: pg_basebackup exited with code=1")
        if agent.cloneTry < 2 {
            env.note(host, .basebackupFailed, "Trying again in 5 seconds")
            agent.cloneTry += 1
            env.scheduler.schedule(.transferRetry(node: id, generation: postgres.generation, attempt: postgres.transferAttempts),
                                   after: .seconds(5))
            return
        }
        env.note(host, .basebackupFailed, "failed to bootstrap from leader '\(nodeName(source))'")
        agent.action = nil
        recordStates(&env)
    }

    /// The wait before the next try of a failed base backup ended.
    mutating func basebackupRetryDue(generation: UInt64, attempt: UInt64, _ env: inout Environment) {
        guard postgres.generation == generation, postgres.transferAttempts == attempt, postgres.transfer == nil,
              !postgres.hasData, let source = cloneSource else { return }
        requestTransfer(.basebackup, from: source, &env)
    }

    /// The node a clone in progress copies from: Patroni's, or without Patroni the first node.
    private var cloneSource: NodeID? {
        if patroniManaged {
            if case .basebackup(let source)? = agent.action { return source }
            return nil
        }
        return layout.nodes.first
    }

    /// `post_bootstrap`: publish the system identifier and the config, and take the leader key.
    mutating func postBootstrap(_ env: inout Environment) {
        callEtcd(.put(key: keys.initialize, value: .initialize("7" + String(postgres.systemIdentifier)), lease: 0), .writeInitialize, &env)
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
