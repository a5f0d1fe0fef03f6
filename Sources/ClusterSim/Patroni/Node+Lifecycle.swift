/// The Patroni process's life: start-up (lease, first read of the DCS), SIGTERM with its
/// graceful shutdown, and the sleeps inside a cycle.
extension Node {
    /// Starts Patroni (at boot or by a `start` fault). A running Patroni is left alone.
    mutating func startPatroni(_ env: inout Environment) {
        guard agent.process == .stopped else {
            env.note(host, .noOp, "start ignored: Patroni is already running")
            return
        }
        var started = PatroniAgent()
        started.generation = agent.generation + 1
        started.process = .running
        agent = started
        env.note(host, .patroniStarted, "Patroni started")
        beginStartup(&env)
    }

    /// Grants the lease, retried every 5 s until etcd answers ("waiting on etcd").
    mutating func beginStartup(_ env: inout Environment) {
        callEtcd(.grantLease(ttlSeconds: timers.ttl.microseconds / 1_000_000), .grantLease, retries: false, &env)
    }

    /// A start-up retry of the Patroni process `generation` is due.
    mutating func startupRetry(generation: UInt64, _ env: inout Environment) {
        guard agent.generation == generation else { return }
        beginStartup(&env)
    }

    /// The start-up lease grant ended.
    mutating func startupLeaseAnswered(_ result: EtcdCallResult, _ env: inout Environment) {
        guard case .answered(.leaseGranted(let lease, _)) = result else {
            env.scheduler.schedule(.agentStartupRetry(node: id, generation: agent.generation), after: .seconds(5))
            return
        }
        agent.lease = lease
        agent.leaseRefreshedAt = wallClock(at: env.now)
        callEtcd(.rangePrefix, .initialLoad, retries: false, &env)
    }

    /// The start-up read of the DCS ended: the first cycle runs at once.
    mutating func startupLoadAnswered(_ result: EtcdCallResult, _ env: inout Environment) {
        guard case .answered(.range(let entries)) = result else {
            env.scheduler.schedule(.agentStartupRetry(node: id, generation: agent.generation), after: .seconds(5))
            return
        }
        fillCache(entries)
        agent.nextRun = wallClock(at: env.now)
        runCycle(&env)
    }

    /// SIGTERM (`docker stop`): the REST API goes, PostgreSQL gets a fast stop, and a
    /// leader releases its key once `pg_control` says "shut down" (PATRONI.md §3).
    mutating func stopPatroni(_ env: inout Environment) {
        guard agent.process == .running else {
            env.note(host, .noOp, "stop ignored: Patroni is not running")
            return
        }
        if isPaused {
            stopPatroniInPause(&env)
            return
        }
        let releases = agent.isLeader(at: wallClock(at: env.now))
        closeWatch(&env)
        agent.generation += 1
        agent.process = .shuttingDown
        agent.call = nil
        agent.probes = nil
        agent.restProbes = nil
        agent.action = nil
        agent.loop = .inCycle
        agent.shutdownReleasesKey = releases
        env.note(host, .shutdown, "received SIGTERM, shutting down")
        disarmWatchdog(&env)
        if postgres.processAlive && postgres.state != .stopping {
            postgres.generation += 1
            fastStop(&env)
        }
        env.scheduler.schedule(.agentResume(node: id, generation: agent.generation, .shutdownPoll), after: .seconds(1))
    }

    /// `docker kill`: Patroni and PostgreSQL die at once; nothing is released.
    mutating func killNode(_ env: inout Environment) {
        guard agent.process != .stopped || postgres.processAlive else {
            env.note(host, .noOp, "kill ignored: nothing runs on \(name)")
            return
        }
        stopAgentProcess(&env)
        watchdog = nil
        postgres.transfer = nil
        env.note(host, .killed, "Patroni and PostgreSQL killed")
        if postgres.processAlive { crashPostgres(&env) }
    }

    /// The graceful shutdown polls `pg_control` once a second.
    private mutating func shutdownPolled(_ env: inout Environment) {
        let generation = agent.generation
        guard postgres.state == .stopped else {
            env.scheduler.schedule(.agentResume(node: id, generation: generation, .shutdownPoll), after: .seconds(1))
            return
        }
        if agent.shutdownReleasesKey {
            env.scheduler.schedule(.agentResume(node: id, generation: generation, .shutdownRelease), after: .seconds(1))
        } else {
            let data = memberData(env)
            callEtcd(.put(key: keys.members[id.index], value: .member(data), lease: agent.lease), .shutdownMember, retries: false, &env)
        }
    }

    private mutating func shutdownReleaseKey(_ env: inout Environment) {
        callEtcd(.deleteIfValue(key: keys.leader, expected: .leaderName(name)), .releaseLeader, retries: false, &env)
    }

    /// A step of the graceful shutdown ended.
    mutating func shutdownStep(_ purpose: EtcdCall.Purpose, _ result: EtcdCallResult, _ env: inout Environment) {
        switch purpose {
        case .releaseLeader:
            agent.leaderExpiry = nil
            if result == .answered(.ok) {
                env.note(host, .keyReleased, "leader key released")
            }
            if agent.process == .running {
                demoteReleasedKey(&env)
                return
            }
            let data = memberData(env)
            callEtcd(.put(key: keys.members[id.index], value: .member(data), lease: agent.lease), .shutdownMember, retries: false, &env)
        default:
            agent.process = .stopped
            agent.generation += 1
            env.note(host, .patroniStopped, "Patroni stopped")
            observeClusterChange(&env)
        }
    }

    /// A sleep inside the HA loop of the Patroni process `generation` ended.
    mutating func resume(generation: UInt64, _ resume: AgentResume, _ env: inout Environment) {
        guard agent.generation == generation else { return }
        switch resume {
        case .followAfterYield: follow(leader: cachedLeader, &env)
        case .shutdownPoll: shutdownPolled(&env)
        case .shutdownRelease: shutdownReleaseKey(&env)
        case .scheduledFailover: runScheduledFailover(&env)
        case .demoteFollow: followAfterDemote(&env)
        case .syncSettled(let common): syncSettled(common: common.nodes, &env)
        }
    }
}
