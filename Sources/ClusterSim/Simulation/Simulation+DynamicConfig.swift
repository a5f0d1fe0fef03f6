extension Simulation {
    /// The timers `node`'s Patroni runs with now.
    func timers(of node: Int) -> EffectiveTimers { nodeConfigs[node].timers }

    /// `patronictl edit-config`: the tool reads `config` from etcd, merges the change and
    /// writes it back with its own etcd client, from the operator's host (the leader's node,
    /// see ``operatorHost``), so the write goes through etcd's leader and needs a quorum like
    /// any other; every watcher sees the new value (and wakes, PATRONI.md §1.2).
    func setConfig(_ change: DynamicConfigChange) {
        guard case .config(let current)? = etcd.store.entries[keys.config]?.value else {
            note(nil, "no-op", "set-config skipped: no config key in the DCS yet")
            return
        }
        let request = EtcdRequest.put(key: keys.config, value: .config(change.applied(to: current)), lease: 0)
        guard let host = operatorHost, restWrite(request, from: host) else {
            note(nil, "set-config", "set-config failed: patronictl cannot reach etcd")
            return
        }
    }

    /// At the end of a cycle Patroni applies a changed `config` from its view of the DCS
    /// (`Patroni._run_cycle` → `set_dynamic_configuration`, `reload_config`): timers are
    /// validated again with Patroni's warnings, and a TTL change drops the lease
    /// (`Etcd3.set_ttl`) so that the next cycle, which starts at once, grants a new one.
    /// Returns whether the TTL changed.
    func pickUpConfig(_ node: Int) -> Bool {
        guard case .config(let config)? = agents[node].cache[.config]?.value, config != nodeConfigs[node].applied else {
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
