extension Simulation {
    /// SIGKILL of Patroni alone: PostgreSQL keeps running (as primary if it was), nothing
    /// is released, and the watchdog, if armed, keeps counting.
    func killPatroni(_ node: Int) {
        guard agents[node].process != .stopped else {
            note(node, "no-op", "kill-patroni ignored: Patroni is not running")
            return
        }
        stopAgentProcess(node)
        note(node, "patroni-killed", "Patroni killed; PostgreSQL keeps running")
        observeClusterChange()
    }

    /// Ends the Patroni process: pending calls, probes and actions are forgotten.
    func stopAgentProcess(_ node: Int) {
        agents[node].process = .stopped
        agents[node].generation += 1
        agents[node].call = nil
        agents[node].probes = nil
        agents[node].action = nil
        agents[node].leaderExpiry = nil
        if frozenUntil[node] != nil { frozenAgentCount -= 1 }
        frozenUntil[node] = nil
        etcd.dropWatch(of: node)
    }

    /// SIGSTOP of Patroni for `duration`: its timers and the messages to it wait; PostgreSQL runs on.
    func freeze(_ node: Int, for duration: SimDuration) {
        guard agents[node].process != .stopped else {
            note(node, "no-op", "freeze ignored: Patroni is not running")
            return
        }
        let until = max(frozenUntil[node] ?? now, now + duration)
        if frozenUntil[node] == nil { frozenAgentCount += 1 }
        frozenUntil[node] = until
        note(node, "frozen", "Patroni frozen for \(duration)")
        recordStates()
        env.scheduler.schedule(.thaw(node: node), at: until)
    }

    /// The frozen Patroni runs again (unless a later freeze extended the pause).
    func thaw(_ node: Int) {
        guard let until = frozenUntil[node], until <= now else { return }
        frozenUntil[node] = nil
        frozenAgentCount -= 1
        note(node, "thawed", "Patroni runs again")
        recordStates()
    }

    /// Arms or pings the watchdog of the leader `node` (PATRONI.md §7.3); a watchdog that
    /// cannot work with these timers is not armed.
    func pingWatchdog(_ node: Int) {
        let settings = options.patroni.watchdog
        guard settings.isEnabled, watchdogUsable(node), !isPaused(node) else { return }
        if watchdogs[node] == nil { note(node, "watchdog", "watchdog activated with a timeout of \(settings.timeout(ttl: timers(of: node).ttl))") }
        let deadline = now + settings.timeout(ttl: timers(of: node).ttl)
        watchdogs[node] = deadline
        env.scheduler.schedule(.watchdogExpired(node: node, deadline: deadline), at: deadline)
    }

    /// Disarms the watchdog (demotion, graceful shutdown, lost leadership).
    func disarmWatchdog(_ node: Int) {
        if watchdogs[node] != nil {
            watchdogs[node] = nil
            note(node, "watchdog", "watchdog disabled")
        }
    }

    /// Whether the watchdog can be used: its timeout must leave room for one `loop_wait`
    /// ("Watchdog not supported because leader TTL is less than 2x loop_wait").
    func watchdogUsable(_ node: Int) -> Bool {
        options.patroni.watchdog.timeout(ttl: timers(of: node).ttl) >= timers(of: node).loopWait
    }

    /// The watchdog was not pinged in time: the host resets, killing Patroni and PostgreSQL.
    func watchdogExpired(_ node: Int, deadline: SimInstant) {
        guard watchdogs[node] == deadline else { return }
        watchdogs[node] = nil
        note(node, "watchdog-reset", "watchdog timer expired: host reset")
        killNode(node)
    }
}
