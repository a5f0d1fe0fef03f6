/// Patroni's HA loop (PATRONI.md §1.2-§1.3): the cycle, its nap on the `loop_wait` grid,
/// early wake-ups, DCS errors and the member key written at the end of every cycle.
extension Node {
    /// Starts one HA cycle (`Ha._run_cycle`): reload the cache if the watch broke, then decide.
    mutating func runCycle(_ env: inout Environment) {
        guard agent.process == .running else { return }
        agent.loop = .inCycle
        agent.wakePending = false
        if agent.cacheReady {
            decide(&env)
        } else {
            callEtcd(.rangePrefix, .reloadCache, &env)
        }
    }

    /// The cache reload of a cycle ended.
    mutating func cacheReloaded(_ result: EtcdCallResult, _ env: inout Environment) {
        guard case .answered(.range(let entries)) = result else {
            dcsError(&env)
            return
        }
        fillCache(entries)
        decide(&env)
    }

    /// The body of the cycle after the cluster was loaded: `HADecision` decides, this acts.
    private mutating func decide(_ env: inout Environment) {
        let leader = effectiveLeader(env.now)
        if leader != id { agent.leaderExpiry = nil }
        if cachedLeader != nil { agent.oldClusterMembers = cachedMembers }
        let paused = isPaused
        if paused { disarmWatchdog(&env) }
        let local = HADecision.Local(
            actionInProgress: agent.action != nil, startFailed: agent.startFailed,
            postBootstrapPending: agent.postBootstrapPending, hasData: postgres.hasData,
            postgresAlive: postgres.processAlive, postgresRunning: postgres.state == .running,
            acceptsWrites: postgres.acceptsWrites)
        let seen: HADecision.Leader = leader == nil ? .none : leader == id ? .me : .other
        switch HADecision.decide(local, leader: seen, paused: paused) {
        case .updateLock: updateLock(&env)
        case .touchMember: touchMember(&env)
        case .postRecover: postRecover(leader: leader, &env)
        case .postBootstrap: postBootstrap(&env)
        case .bootstrap: bootstrap(leader: leader, &env)
        case .pausedWithoutPostgres: pausedWithoutPostgres(leader: leader, &env)
        case .pausedLeaderNotPrimary: pausedLeaderNotPrimary(&env)
        case .recover: recover(leader: leader, &env)
        case .race: race(&env)
        case .follow: follow(leader: leader, &env)
        }
    }

    /// Ends the cycle and naps until the next `loop_wait` tick, or at once if it overran
    /// or something asked for a wake-up meanwhile (PATRONI.md §1.2).
    mutating func endCycle(_ env: inout Environment) {
        guard agent.process == .running else { return }
        let ttlChanged = pickUpConfig(&env)
        agent.nextRun = agent.nextRun + timers.loopWait
        agent.leaseRefreshedAt = nil
        let wallNow = wallClock(at: env.now)
        let nap = agent.nextRun - wallNow
        if nap <= .zero || agent.wakePending || ttlChanged {
            agent.nextRun = wallNow
            sleep(until: env.now, &env)
            return
        }
        let leader = effectiveLeader(env.now)
        let ordinaryReplica = agent.action == nil && leader != nil && leader != id
        let wakeAt = env.now + clock.realDuration(nap + (ordinaryReplica ? .millis(500) : .zero))
        sleep(until: wakeAt, &env)
    }

    private mutating func sleep(until wakeAt: SimInstant, _ env: inout Environment) {
        agent.loop = .sleeping(wakeAt: wakeAt)
        env.scheduler.schedule(.agentWake(node: id, generation: agent.generation, wakeAt: wakeAt), at: wakeAt)
    }

    /// The nap that ended at `wakeAt` is over: run a cycle, unless the process or the nap changed.
    mutating func wake(generation: UInt64, wakeAt: SimInstant, _ env: inout Environment) {
        guard agent.generation == generation, agent.loop == .sleeping(wakeAt: wakeAt) else { return }
        runCycle(&env)
    }

    /// Wakes the loop at once (a watch event, or an async action that finished).
    mutating func wakeUp(_ env: inout Environment) {
        guard agent.process == .running else { return }
        switch agent.loop {
        case .sleeping:
            agent.nextRun = wallClock(at: env.now)
            sleep(until: env.now, &env)
        case .inCycle:
            agent.wakePending = true
        case .starting:
            break
        }
    }

    /// A DCS call failed (`_handle_dcs_error`): a primary demotes itself offline, unless
    /// failsafe mode lets every listed member confirm it (PATRONI.md §5.1).
    mutating func dcsError(_ env: inout Environment) {
        if !isPaused && postgres.isPrimary && (postgres.state == .running || postgres.state == .promoting) {
            if settings.failsafeMode {
                checkFailsafeTopology(&env)
                return
            }
            demoteForDCSError(&env)
        } else {
            env.noteOnce(host, .dcsUnreachable, "DCS is not accessible")
        }
        endCycle(&env)
    }

    /// `demote('offline')` of a primary that cannot reach the DCS.
    mutating func demoteForDCSError(_ env: inout Environment) {
        env.note(host, .demote, "demoting self because DCS is not accessible and I was a leader")
        agent.leaderExpiry = nil
        demote(.offline, &env)
    }

    /// `touch_member`: refresh the lease unless done within `loop_wait`, then write the
    /// member key if it changed; then the cycle ends.
    mutating func touchMember(_ env: inout Environment) {
        if let refreshed = agent.leaseRefreshedAt, wallClock(at: env.now) - refreshed < timers.loopWait {
            writeMemberKey(&env)
        } else {
            callEtcd(.keepAlive(lease: agent.lease), .touchKeepAlive, &env)
        }
    }

    private mutating func writeMemberKey(_ env: inout Environment) {
        let data = memberData(env)
        if data == agent.publishedMember {
            endCycle(&env)
        } else {
            agent.memberInFlight = data
            callEtcd(.put(key: keys.members[id.index], value: .member(data), lease: agent.lease), .touchMember, retries: false, &env)
        }
    }

    /// A step of `touch_member` ended.
    mutating func touchMemberStep(_ purpose: EtcdCall.Purpose, _ result: EtcdCallResult, _ env: inout Environment) {
        switch (purpose, result) {
        case (.touchKeepAlive, .answered(.keepAliveOK)):
            agent.leaseRefreshedAt = wallClock(at: env.now)
            writeMemberKey(&env)
        case (.touchKeepAlive, .answered(.leaseNotFound)):
            callEtcd(.grantLease(ttlSeconds: timers.ttl.microseconds / 1_000_000), .touchGrant, &env)
        case (.touchGrant, .answered(.leaseGranted(let id, _))):
            agent.lease = id
            agent.leaseRefreshedAt = wallClock(at: env.now)
            agent.publishedMember = nil
            writeMemberKey(&env)
        case (.touchMember, .answered(.ok)):
            agent.publishedMember = agent.memberInFlight
            endCycle(&env)
        default:
            endCycle(&env)
        }
    }
}
