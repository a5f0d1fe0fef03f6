extension Simulation {
    /// Starts one HA cycle (`Ha._run_cycle`): reload the cache if the watch broke, then decide.
    func runCycle(_ node: Int) {
        guard agents[node].process == .running else { return }
        agents[node].loop = .inCycle
        agents[node].wakePending = false
        if agents[node].cacheReady {
            decide(node)
        } else {
            callEtcd(node, .rangePrefix, .reloadCache)
        }
    }

    func cacheReloaded(_ node: Int, _ result: EtcdCallResult) {
        guard case .answered(.range(let entries)) = result else {
            dcsError(node)
            return
        }
        fillCache(node, entries)
        decide(node)
    }

    /// The body of the cycle after the cluster was loaded (PATRONI.md §1.3).
    private func decide(_ node: Int) {
        let leader = effectiveLeader(node)
        if leader != node { agents[node].leaderExpiry = nil }
        if cachedLeader(node) != nil { agents[node].oldClusterMembers = cachedMembers(node) }
        let pg = postgres[node]
        if isPaused(node) { disarmWatchdog(node) }
        if agents[node].action != nil {
            if leader == node { updateLock(node) } else { touchMember(node) }
        } else if agents[node].startFailed {
            postRecover(node, leader: leader)
        } else if agents[node].postBootstrapPending {
            postBootstrap(node)
        } else if !pg.hasData {
            bootstrap(node, leader: leader)
        } else if !pg.processAlive && isPaused(node) {
            pausedWithoutPostgres(node, leader: leader)
        } else if leader == node && isPaused(node) && !pg.acceptsWrites && pg.state == .running {
            pausedLeaderNotPrimary(node)
        } else if !pg.processAlive {
            if leader == node { updateLock(node) } else { recover(node, leader: leader) }
        } else if leader == nil {
            race(node)
        } else if leader == node {
            updateLock(node)
        } else {
            follow(node, leader: leader)
        }
    }

    /// Ends the cycle and naps until the next `loop_wait` tick, or at once if it overran
    /// or something asked for a wake-up meanwhile (PATRONI.md §1.2).
    func endCycle(_ node: Int) {
        guard agents[node].process == .running else { return }
        let ttlChanged = pickUpConfig(node)
        agents[node].nextRun = agents[node].nextRun + timers(of: node).loopWait
        agents[node].leaseRefreshedAt = nil
        let nap = agents[node].nextRun - wallNow(node)
        if nap <= .zero || agents[node].wakePending || ttlChanged {
            agents[node].nextRun = wallNow(node)
            sleep(node, until: now)
            return
        }
        let leader = effectiveLeader(node)
        let ordinaryReplica = agents[node].action == nil && leader != nil && leader != node
        sleep(node, until: now + clocks[node].realDuration(nap + (ordinaryReplica ? .millis(500) : .zero)))
    }

    private func sleep(_ node: Int, until wakeAt: SimInstant) {
        agents[node].loop = .sleeping(wakeAt: wakeAt)
        env.scheduler.schedule(.agentWake(node: node, generation: agents[node].generation, wakeAt: wakeAt), at: wakeAt)
    }

    /// Wakes the loop at once (a watch event, or an async action that finished).
    func wakeUp(_ node: Int) {
        guard agents[node].process == .running else { return }
        switch agents[node].loop {
        case .sleeping:
            agents[node].nextRun = wallNow(node)
            sleep(node, until: now)
        case .inCycle:
            agents[node].wakePending = true
        case .starting:
            break
        }
    }

    /// A DCS call failed (`_handle_dcs_error`): a primary demotes itself offline, unless
    /// failsafe mode lets every listed member confirm it (PATRONI.md §5.1).
    func dcsError(_ node: Int) {
        if !isPaused(node) && postgres[node].isPrimary && (postgres[node].state == .running || postgres[node].state == .promoting) {
            if options.patroni.failsafeMode {
                checkFailsafeTopology(node)
                return
            }
            demoteForDCSError(node)
        } else {
            noteOnce(node, "dcs-unreachable", "DCS is not accessible")
        }
        endCycle(node)
    }

    /// `demote('offline')` of a primary that cannot reach the DCS.
    func demoteForDCSError(_ node: Int) {
        note(node, "demote", "demoting self because DCS is not accessible and I was a leader")
        agents[node].leaderExpiry = nil
        demote(node, .offline)
    }

    /// `touch_member`: refresh the lease unless done within `loop_wait`, then write the
    /// member key if it changed; then the cycle ends.
    func touchMember(_ node: Int) {
        if let refreshed = agents[node].leaseRefreshedAt, wallNow(node) - refreshed < timers(of: node).loopWait {
            writeMemberKey(node)
        } else {
            callEtcd(node, .keepAlive(lease: agents[node].lease), .touchKeepAlive)
        }
    }

    private func writeMemberKey(_ node: Int) {
        let data = memberData(node)
        if data == agents[node].publishedMember {
            endCycle(node)
        } else {
            agents[node].memberInFlight = data
            callEtcd(node, .put(key: keys.members[node], value: .member(data), lease: agents[node].lease),
                     .touchMember, retries: false)
        }
    }

    func touchMemberStep(_ node: Int, _ purpose: EtcdCall.Purpose, _ result: EtcdCallResult) {
        switch (purpose, result) {
        case (.touchKeepAlive, .answered(.keepAliveOK)):
            agents[node].leaseRefreshedAt = wallNow(node)
            writeMemberKey(node)
        case (.touchKeepAlive, .answered(.leaseNotFound)):
            callEtcd(node, .grantLease(ttlSeconds: timers(of: node).ttl.microseconds / 1_000_000), .touchGrant)
        case (.touchGrant, .answered(.leaseGranted(let id, _))):
            agents[node].lease = id
            agents[node].leaseRefreshedAt = wallNow(node)
            agents[node].publishedMember = nil
            writeMemberKey(node)
        case (.touchMember, .answered(.ok)):
            agents[node].publishedMember = agents[node].memberInFlight
            endCycle(node)
        default:
            endCycle(node)
        }
    }

    /// Adds a timeline entry unless the node's previous entry said the same thing.
    func noteOnce(_ node: Int, _ kind: String, _ message: String) {
        env.noteOnce(HostID(node), kind, message)
    }
}
