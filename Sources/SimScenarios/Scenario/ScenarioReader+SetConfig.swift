import ClusterSim

extension ScenarioReader {
    /// The dynamic settings a `set-config` fault may change: those the model reads from the
    /// DCS `config` key at run time.
    static let runTimeSettings = ["ttl", "loop_wait", "retry_timeout", "maximum_lag_on_failover", "check_timeline",
                                  "primary_start_timeout"]
    /// Patroni settings a scenario may give in `cluster.patroni` that stay fixed for the run.
    static let fixedSettings = ["use_pg_rewind", "synchronous_mode", "synchronous_mode_strict", "watchdog", "enforce_timer_rules"]

    /// Reads a `set-config` fault's `settings` object (`patronictl edit-config`), in
    /// Patroni's names and units; nil when it is missing, empty or wrong (and reported).
    mutating func setConfig(in raw: JSONObject, at path: String) -> FaultAction? {
        guard let value = raw["settings"] else {
            fail(path, "missing required key \"settings\"")
            return nil
        }
        let settingsPath = JSONPath.child(path, "settings")
        guard case .object(let object) = value else {
            fail(settingsPath, "expected an object of dynamic settings, got \(ScenarioText.given(value))")
            return nil
        }
        for key in object.keys where !Self.runTimeSettings.contains(key) {
            if Self.fixedSettings.contains(key) {
                fail(JSONPath.child(settingsPath, key),
                     "\(ScenarioText.quoted(key)) cannot be changed at run time in this model; set-config accepts \(Self.list(Self.runTimeSettings))")
            } else {
                fail(JSONPath.child(settingsPath, key), unknownKeyMessage(key, allowed: Self.runTimeSettings))
            }
        }
        if object.isEmpty {
            fail(settingsPath, "expected at least one of \(Self.list(Self.runTimeSettings)), got an empty object")
            return nil
        }
        let problemCount = problems.count
        let timer = IntegerRange(min: 1, max: ScenarioLimits.largestTimerSeconds, unit: "seconds")
        let change = DynamicConfigChange(
            ttl: integer(object, "ttl", in: settingsPath, timer).map { Int($0) },
            loopWait: integer(object, "loop_wait", in: settingsPath, timer).map { Int($0) },
            retryTimeout: integer(object, "retry_timeout", in: settingsPath, timer).map { Int($0) },
            maximumLagOnFailover: integer(object, "maximum_lag_on_failover", in: settingsPath, IntegerRange(min: 0, unit: "bytes")),
            checkTimeline: bool(object, "check_timeline", in: settingsPath),
            primaryStartTimeout: integer(object, "primary_start_timeout", in: settingsPath,
                                         IntegerRange(min: 0, max: ScenarioLimits.largestTimerSeconds, unit: "seconds")).map { Int($0) })
        guard problems.count == problemCount else {
            return nil
        }
        return .setConfig(change)
    }
}
