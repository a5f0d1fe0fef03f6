import ClusterSim

extension ScenarioReader {
    /// Reads the `patroni` section, in Patroni's own names and units (seconds, bytes): the
    /// settings of `PatroniSetting.all`.
    ///
    /// It is read and checked whatever the `ha` policy; without Patroni the simulation
    /// ignores it.
    mutating func patroni(_ value: JSONValue, at path: String, into settings: inout PatroniSettings) {
        guard let object = object(value, at: path, allowed: PatroniSetting.all.map(\.name)) else {
            return
        }
        for setting in PatroniSetting.all {
            switch setting.kind {
            case .synchronousMode:
                synchronousMode(object, in: path, into: &settings)
            case .watchdog:
                if let watchdog = object["watchdog"] {
                    self.watchdog(watchdog, at: JSONPath.child(path, "watchdog"), into: &settings.watchdog)
                }
            default:
                if let value = settingValue(of: setting, in: object, at: path) { setting.set(value, in: &settings) }
            }
        }
    }

    /// The value `object` gives `setting`, if it gives one and it is valid (else reported).
    mutating func settingValue(of setting: PatroniSetting, in object: JSONObject, at path: String) -> PatroniSetting.Value? {
        let largestTimer = ScenarioLimits.largestTimerSeconds
        switch setting.kind {
        case .timer:
            return integer(object, setting.name, in: path, IntegerRange(min: 1, max: largestTimer, unit: "seconds")).map { .integer($0) }
        case .seconds(_, let minimum):
            return integer(object, setting.name, in: path, IntegerRange(min: Int64(minimum), max: largestTimer, unit: "seconds")).map { .integer($0) }
        case .bytes(_, let minimum):
            return integer(object, setting.name, in: path, IntegerRange(min: minimum, unit: "bytes")).map { .integer($0) }
        case .count(_, let minimum):
            return integer(object, setting.name, in: path, IntegerRange(min: Int64(minimum), max: Int64(ScenarioLimits.mostNodes))).map { .integer($0) }
        case .flag:
            return bool(object, setting.name, in: path).map { .flag($0) }
        case .synchronousMode, .watchdog:
            return nil
        }
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
