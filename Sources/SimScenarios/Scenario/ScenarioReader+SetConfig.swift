import ClusterSim

extension ScenarioReader {
    /// The dynamic settings a `set-config` fault may change: those the model reads from the
    /// DCS `config` key at run time.
    static let runTimeSettings = PatroniSetting.changeableAtRunTime.map(\.name)

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
            if PatroniSetting.named(key) != nil {
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
        var values: [DynamicConfig.Entry] = []
        for setting in PatroniSetting.changeableAtRunTime {
            if let value = settingValue(of: setting, in: object, at: settingsPath) { values.append(DynamicConfig.Entry(name: setting.name, value: value)) }
        }
        let change = DynamicConfigChange(values)
        guard problems.count == problemCount else {
            return nil
        }
        return .setConfig(change)
    }
}
