/// What happens to the host's processes: Patroni killed or frozen, and the watchdog that
/// resets the host when the leader stops pinging it.
extension Node {
    /// SIGKILL of Patroni alone: PostgreSQL keeps running (as primary if it was), nothing
    /// is released, and the watchdog, if armed, keeps counting.
    mutating func killPatroni(_ env: inout Environment) {
        guard agent.process != .stopped else {
            env.note(host, .noOp, "kill-patroni ignored: Patroni is not running")
            return
        }
        stopAgentProcess(&env)
        env.note(host, .patroniKilled, "Patroni killed; PostgreSQL keeps running")
        observeClusterChange(&env)
    }

    /// Ends the Patroni process: pending calls, probes and actions are forgotten.
    mutating func stopAgentProcess(_ env: inout Environment) {
        closeWatch(&env)
        agent.process = .stopped
        agent.generation += 1
        agent.call = nil
        agent.probes = nil
        agent.restProbes = nil
        agent.action = nil
        agent.leaderExpiry = nil
        if frozenUntil != nil { env.frozenAgentCount -= 1 }
        frozenUntil = nil
    }

    /// The Patroni process's connections to etcd close, and its watch with them.
    mutating func closeWatch(_ env: inout Environment) {
        env.send(.watchClosed(generation: agent.generation), from: host, to: layout.host(of: etcdEndpoint))
    }

    /// SIGSTOP of Patroni for `duration`: its timers and the messages to it wait; PostgreSQL runs on.
    mutating func freeze(for duration: SimDuration, _ env: inout Environment) {
        guard agent.process != .stopped else {
            env.note(host, .noOp, "freeze ignored: Patroni is not running")
            return
        }
        let until = max(frozenUntil ?? env.now, env.now + duration)
        if frozenUntil == nil { env.frozenAgentCount += 1 }
        frozenUntil = until
        env.note(host, .frozen, "Patroni frozen for \(duration)")
        recordStates(&env)
        env.scheduler.schedule(.thaw(node: id), at: until)
    }

    /// The frozen Patroni runs again (unless a later freeze extended the pause).
    mutating func thaw(_ env: inout Environment) {
        guard let until = frozenUntil, until <= env.now else { return }
        frozenUntil = nil
        env.frozenAgentCount -= 1
        env.note(host, .thawed, "Patroni runs again")
        recordStates(&env)
    }

    /// Arms or pings the watchdog of the leader (PATRONI.md §7.3); a watchdog that cannot
    /// work with these timers is not armed.
    mutating func pingWatchdog(_ env: inout Environment) {
        let device = settings.watchdog
        guard device.isEnabled, watchdogUsable, !isPaused else { return }
        if watchdog == nil { env.note(host, .watchdog, "watchdog activated with a timeout of \(device.timeout(ttl: timers.ttl))") }
        let deadline = env.now + device.timeout(ttl: timers.ttl)
        watchdog = deadline
        env.scheduler.schedule(.watchdogExpired(node: id, deadline: deadline), at: deadline)
    }

    /// Disarms the watchdog (demotion, graceful shutdown, lost leadership).
    mutating func disarmWatchdog(_ env: inout Environment) {
        if watchdog != nil {
            watchdog = nil
            env.note(host, .watchdog, "watchdog disabled")
        }
    }

    /// Whether the watchdog can be used: its timeout must leave room for one `loop_wait`
    /// ("Watchdog not supported because leader TTL is less than 2x loop_wait").
    var watchdogUsable: Bool {
        settings.watchdog.timeout(ttl: timers.ttl) >= timers.loopWait
    }

    /// The watchdog was not pinged in time: the host resets, killing Patroni and PostgreSQL.
    mutating func watchdogExpired(deadline: SimInstant, _ env: inout Environment) {
        guard watchdog == deadline else { return }
        watchdog = nil
        env.note(host, .watchdogReset, "watchdog timer expired: host reset")
        killNode(&env)
    }
}
