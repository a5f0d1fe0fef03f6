extension Simulation {
    /// The timers `node`'s Patroni runs with now.
    func timers(of node: Int) -> EffectiveTimers { nodeConfigs[node].timers }

    /// `patronictl edit-config`: the tool reads `config` from etcd, merges the change and
    /// writes it back; every watcher sees the new value (and wakes, PATRONI.md §1.2). The
    /// tool talks to etcd outside the modelled network, so the write applies at once.
    func setConfig(_ change: DynamicConfigChange) {
        guard case .config(let current)? = etcd.entries[keys.config]?.value else {
            note(nil, "no-op", "set-config skipped: no config key in the DCS yet")
            return
        }
        let (_, events) = etcd.apply(.put(key: keys.config, value: .config(change.applied(to: current)), lease: 0), now: now)
        broadcast(events, extraDelay: options.etcd.commitLatency)
    }

    /// At the end of a cycle Patroni applies a changed `config` from its view of the DCS
    /// (`Patroni._run_cycle` → `set_dynamic_configuration`, `reload_config`): timers are
    /// validated again with Patroni's warnings, and a TTL change drops the lease
    /// (`Etcd3.set_ttl`) so that the next cycle, which starts at once, grants a new one.
    /// Returns whether the TTL changed.
    func pickUpConfig(_ node: Int) -> Bool {
        guard case .config(let config)? = agents[node].cache["config"]?.value, config != nodeConfigs[node].applied else {
            return false
        }
        let old = nodeConfigs[node]
        let settings = config.applied(to: options.patroni)
        let timers = EffectiveTimers(settings)
        nodeConfigs[node].applied = config
        nodeConfigs[node].settings = settings
        nodeConfigs[node].timers = timers
        let changed = !timers.sameValues(as: old.timers)
            || settings.maximumLagOnFailover != old.settings.maximumLagOnFailover
            || settings.checkTimeline != old.settings.checkTimeline
            || settings.primaryStartTimeout != old.settings.primaryStartTimeout
        guard changed else { return false }
        note(node, "config", "reloaded the dynamic configuration: \(config.rendered)")
        for warning in timers.warnings {
            note(node, "config-warning", warning)
        }
        let watchdog = options.patroni.watchdog
        if watchdogs[node] != nil, watchdog.timeout(ttl: timers.ttl) != watchdog.timeout(ttl: old.timers.ttl) {
            note(node, "watchdog", "watchdog timeout changed to \(watchdog.timeout(ttl: timers.ttl))")
        }
        guard timers.ttl != old.timers.ttl else { return false }
        agents[node].lease = 0
        agents[node].leaseRefreshedAt = nil
        return true
    }
}

extension EffectiveTimers {
    /// Whether the three timers are equal (the warnings aside).
    func sameValues(as other: EffectiveTimers) -> Bool {
        ttl == other.ttl && loopWait == other.loopWait && retryTimeout == other.retryTimeout
    }
}
