import ClusterSim

extension ScenarioReader {
    /// Reads the `patroni` section, in Patroni's own names and units (seconds, bytes).
    ///
    /// It is read and checked whatever the `ha` policy; without Patroni the simulation
    /// ignores it.
    mutating func patroni(_ value: JSONValue, at path: String, into settings: inout PatroniSettings) {
        let allowed = ["ttl", "loop_wait", "retry_timeout", "maximum_lag_on_failover", "use_pg_rewind",
                       "check_timeline", "primary_start_timeout", "synchronous_mode", "synchronous_mode_strict",
                       "watchdog", "enforce_timer_rules", "failsafe_mode", "synchronous_node_count", "maximum_lag_on_syncnode"]
        guard let object = object(value, at: path, allowed: allowed) else {
            return
        }
        let timer = IntegerRange(min: 1, max: ScenarioLimits.largestTimerSeconds, unit: "seconds")
        settings.ttl = integer(object, "ttl", in: path, timer).map { Int($0) } ?? settings.ttl
        settings.loopWait = integer(object, "loop_wait", in: path, timer).map { Int($0) } ?? settings.loopWait
        settings.retryTimeout = integer(object, "retry_timeout", in: path, timer).map { Int($0) } ?? settings.retryTimeout
        settings.maximumLagOnFailover = integer(object, "maximum_lag_on_failover", in: path, IntegerRange(min: 0, unit: "bytes")) ?? settings.maximumLagOnFailover
        settings.usePgRewind = bool(object, "use_pg_rewind", in: path) ?? settings.usePgRewind
        settings.checkTimeline = bool(object, "check_timeline", in: path) ?? settings.checkTimeline
        settings.primaryStartTimeout = integer(object, "primary_start_timeout", in: path,
                                               IntegerRange(min: 0, max: ScenarioLimits.largestTimerSeconds, unit: "seconds")).map { Int($0) } ?? settings.primaryStartTimeout
        synchronousMode(object, in: path, into: &settings)
        settings.synchronousNodeCount = integer(object, "synchronous_node_count", in: path,
                                                IntegerRange(min: 1, max: Int64(ScenarioLimits.mostNodes))).map { Int($0) } ?? settings.synchronousNodeCount
        settings.maximumLagOnSyncnode = integer(object, "maximum_lag_on_syncnode", in: path,
                                                IntegerRange(min: -1, unit: "bytes")) ?? settings.maximumLagOnSyncnode
        settings.synchronousModeStrict = bool(object, "synchronous_mode_strict", in: path) ?? settings.synchronousModeStrict
        if let watchdog = object["watchdog"] {
            self.watchdog(watchdog, at: JSONPath.child(path, "watchdog"), into: &settings.watchdog)
        }
        settings.enforceTimerRules = bool(object, "enforce_timer_rules", in: path) ?? settings.enforceTimerRules
        settings.failsafeMode = bool(object, "failsafe_mode", in: path) ?? settings.failsafeMode
    }

    /// Reads `watchdog`: `true` (mode `required`), `false` (mode `off`), or
    /// `{"mode": ..., "safety_margin": ...}` with `mode` required, since Patroni's default
    /// (`automatic`) and the simulator's (`off`, no device in the lab) differ.
    private mutating func watchdog(_ value: JSONValue, at path: String, into watchdog: inout WatchdogSettings) {
        let modes = WatchdogSettings.Mode.allCases.map(\.rawValue)
        switch value {
        case .bool(let enabled):
            watchdog.mode = enabled ? .required : .off
        case .object:
            guard let object = object(value, at: path, allowed: ["mode", "safety_margin"]) else {
                return
            }
            if let modeValue = object["mode"] {
                if let text = choice(modeValue, at: JSONPath.child(path, "mode"), from: modes), let mode = WatchdogSettings.Mode(rawValue: text) {
                    watchdog.mode = mode
                }
            } else {
                fail(path, "missing required key \"mode\"")
            }
            // −1 means a device timeout of ttl / 2; the upper bound keeps ttl − margin in range.
            let margin = IntegerRange(min: -1, max: ScenarioLimits.largestTimerSeconds, unit: "seconds")
            watchdog.safetyMargin = integer(object, "safety_margin", in: path, margin).map { Int($0) } ?? watchdog.safetyMargin
        default:
            fail(path, "expected true, false or an object such as {\"mode\": \"automatic\", \"safety_margin\": 5}, got \(ScenarioText.given(value))")
        }
    }
}
