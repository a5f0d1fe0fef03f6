extension Simulation {
    /// Starts Patroni on `node` (at boot or by a `start` fault). A running Patroni is left alone.
    func startPatroni(_ node: Int) {
        guard agents[node].process == .stopped else {
            note(node, "no-op", "start ignored: Patroni is already running")
            return
        }
        var agent = PatroniAgent()
        agent.generation = agents[node].generation + 1
        agent.process = .running
        agents[node] = agent
        note(node, "patroni-started", "Patroni started")
        beginStartup(node)
    }

    /// Grants the lease, retried every 5 s until etcd answers ("waiting on etcd").
    func beginStartup(_ node: Int) {
        callEtcd(node, .grantLease(ttlSeconds: timers(of: node).ttl.microseconds / 1_000_000), .grantLease, retries: false)
    }

    func startupLeaseAnswered(_ node: Int, _ result: EtcdCallResult) {
        guard case .answered(.leaseGranted(let id, _)) = result else {
            env.scheduler.schedule(.agentStartupRetry(node: node, generation: agents[node].generation), after: .seconds(5))
            return
        }
        agents[node].lease = id
        agents[node].leaseRefreshedAt = wallNow(node)
        callEtcd(node, .rangePrefix, .initialLoad, retries: false)
    }

    func startupLoadAnswered(_ node: Int, _ result: EtcdCallResult) {
        guard case .answered(.range(let entries)) = result else {
            env.scheduler.schedule(.agentStartupRetry(node: node, generation: agents[node].generation), after: .seconds(5))
            return
        }
        fillCache(node, entries)
        agents[node].nextRun = wallNow(node)
        runCycle(node)
    }

    /// Replaces the watch cache with a fresh range read.
    func fillCache(_ node: Int, _ entries: [EtcdEntry]) {
        var cache = WatchCache()
        for entry in entries {
            guard let key = keys.key(of: entry.key) else { continue }
            cache[key] = CachedKey(value: entry.value, lease: entry.lease)
        }
        agents[node].cache = cache
        agents[node].cacheReady = true
    }

    /// A watch event reaches `node`: update the cache, wake the loop on the events of PATRONI.md §1.2.
    func watchDelivered(_ node: Int, generation: UInt64, event: WatchEvent) {
        guard agents[node].generation == generation, agents[node].process == .running, agents[node].cacheReady else { return }
        guard let key = keys.key(of: event.key) else { return }
        let previous = agents[node].cache[key]
        if let value = event.value {
            agents[node].cache[key] = CachedKey(value: value, lease: event.lease)
        } else {
            agents[node].cache[key] = nil
        }
        let changed = previous?.value != event.value
        switch key {
        case .leader where changed:
            wakeUp(node)
        case .status where changed && cachedLeader(node) != node:
            wakeUp(node)
        case .config where changed && previous != nil:
            wakeUp(node)
        case .failover where agents[node].wakeOnFailoverWrite:
            agents[node].wakeOnFailoverWrite = false
            wakeUp(node)
        default:
            break
        }
    }

    /// SIGTERM (`docker stop`): the REST API goes, PostgreSQL gets a fast stop, and a
    /// leader releases its key once `pg_control` says "shut down" (PATRONI.md §3).
    func stopPatroni(_ node: Int) {
        guard agents[node].process == .running else {
            note(node, "no-op", "stop ignored: Patroni is not running")
            return
        }
        if isPaused(node) {
            stopPatroniInPause(node)
            return
        }
        let releases = agents[node].isLeader(at: wallNow(node))
        agents[node].generation += 1
        agents[node].process = .shuttingDown
        agents[node].call = nil
        agents[node].probes = nil
        agents[node].action = nil
        agents[node].loop = .inCycle
        agents[node].shutdownReleasesKey = releases
        etcd.dropWatch(of: node)
        note(node, "shutdown", "received SIGTERM, shutting down")
        disarmWatchdog(node)
        if postgres[node].processAlive && postgres[node].state != .stopping {
            postgres[node].generation += 1
            fastStop(node)
        }
        env.scheduler.schedule(.agentResume(node: node, generation: agents[node].generation, .shutdownPoll), after: .seconds(1))
    }

    /// `docker kill`: Patroni and PostgreSQL die at once; nothing is released.
    func killNode(_ node: Int) {
        guard agents[node].process != .stopped || postgres[node].processAlive else {
            note(node, "no-op", "kill ignored: nothing runs on \(name(node))")
            return
        }
        stopAgentProcess(node)
        watchdogs[node] = nil
        note(node, "killed", "Patroni and PostgreSQL killed")
        if postgres[node].processAlive { crashPostgres(node) }
    }

    func shutdownPolled(_ node: Int) {
        let generation = agents[node].generation
        guard postgres[node].state == .stopped else {
            env.scheduler.schedule(.agentResume(node: node, generation: generation, .shutdownPoll), after: .seconds(1))
            return
        }
        if agents[node].shutdownReleasesKey {
            env.scheduler.schedule(.agentResume(node: node, generation: generation, .shutdownRelease), after: .seconds(1))
        } else {
            callEtcd(node, .put(key: keys.members[node], value: .member(memberData(node)),
                                lease: agents[node].lease), .shutdownMember, retries: false)
        }
    }

    func shutdownReleaseKey(_ node: Int) {
        callEtcd(node, .deleteIfValue(key: keys.leader, expected: .leaderName(name(node))),
                 .releaseLeader, retries: false)
    }

    func shutdownStep(_ node: Int, _ purpose: EtcdCall.Purpose, _ result: EtcdCallResult) {
        switch purpose {
        case .releaseLeader:
            agents[node].leaderExpiry = nil
            if result == .answered(.ok) {
                note(node, "key-released", "leader key released")
            }
            if agents[node].process == .running {
                demoteReleasedKey(node)
                return
            }
            callEtcd(node, .put(key: keys.members[node], value: .member(memberData(node)),
                                lease: agents[node].lease), .shutdownMember, retries: false)
        default:
            agents[node].process = .stopped
            agents[node].generation += 1
            note(node, "patroni-stopped", "Patroni stopped")
            observeClusterChange()
        }
    }

    func resumeAgent(_ node: Int, _ resume: AgentResume) {
        switch resume {
        case .followAfterYield: follow(node, leader: cachedLeader(node))
        case .shutdownPoll: shutdownPolled(node)
        case .shutdownRelease: shutdownReleaseKey(node)
        case .scheduledFailover: runScheduledFailover(node)
        case .demoteFollow: followAfterDemote(node)
        case .syncSettled(let common): syncSettled(node, common: common.nodes)
        }
    }
}
