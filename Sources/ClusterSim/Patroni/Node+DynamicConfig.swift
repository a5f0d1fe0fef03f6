/// The dynamic configuration Patroni runs with, picked up from the DCS `config` key.
extension Node {
    /// At the end of a cycle Patroni applies a changed `config` from its view of the DCS
    /// (`Patroni._run_cycle` → `set_dynamic_configuration`, `reload_config`): timers are
    /// validated again with Patroni's warnings, and a TTL change drops the lease
    /// (`Etcd3.set_ttl`) so that the next cycle, which starts at once, grants a new one.
    /// Returns whether the TTL changed.
    mutating func pickUpConfig(_ env: inout Environment) -> Bool {
        guard case .config(let dynamic)? = agent.cache[.config]?.value, dynamic != config.applied else {
            return false
        }
        let old = config
        let settings = dynamic.applied(to: options.patroni)
        let timers = EffectiveTimers(settings)
        config.applied = dynamic
        config.settings = settings
        config.timers = timers
        let changed = !timers.sameValues(as: old.timers) || PatroniSetting.changeableAtRunTime.contains { setting in
            if case .timer = setting.kind { return false }
            return setting.value(in: settings) != setting.value(in: old.settings)
        }
        guard changed else { return false }
        env.note(host, .config, "reloaded the dynamic configuration: \(dynamic.rendered)")
        for warning in timers.warnings {
            env.note(host, .configWarning, warning)
        }
        let watchdogSettings = settings.watchdog
        if watchdog != nil, watchdogSettings.timeout(ttl: timers.ttl) != watchdogSettings.timeout(ttl: old.timers.ttl) {
            env.note(host, .watchdog, "watchdog timeout changed to \(watchdogSettings.timeout(ttl: timers.ttl))")
        }
        guard timers.ttl != old.timers.ttl else { return false }
        agent.lease = 0
        agent.leaseRefreshedAt = nil
        return true
    }
}

extension EffectiveTimers {
    /// Whether the three timers are equal (the warnings aside).
    func sameValues(as other: EffectiveTimers) -> Bool {
        ttl == other.ttl && loopWait == other.loopWait && retryTimeout == other.retryTimeout
    }
}
