/// The dynamic configuration kept in the DCS `config` key, as far as the model uses it:
/// the settings it holds (`PatroniSetting`s by name, in Patroni's units) and `pause`.
public struct DynamicConfig: Sendable, Equatable {
    /// One setting the key holds.
    public struct Entry: Sendable, Equatable {
        /// The setting's name (`loop_wait`).
        public var name: String
        /// Its value.
        public var value: PatroniSetting.Value

        /// The setting `name` with `value`.
        public init(name: String, value: PatroniSetting.Value) {
            self.name = name
            self.value = value
        }
    }

    /// The settings the key holds, sorted by name.
    public private(set) var entries: [Entry] = []
    /// `pause`: set by `patronictl pause` (maintenance mode), written only when on.
    public var pause = false

    /// A configuration holding the timers (in seconds) and `maximum_lag_on_failover` (bytes),
    /// as `post_bootstrap` writes it.
    public init(ttl: Int, loopWait: Int, retryTimeout: Int, maximumLagOnFailover: Int64) {
        set("ttl", to: .integer(Int64(ttl)))
        set("loop_wait", to: .integer(Int64(loopWait)))
        set("retry_timeout", to: .integer(Int64(retryTimeout)))
        set("maximum_lag_on_failover", to: .integer(maximumLagOnFailover))
    }

    /// What `post_bootstrap` publishes: the validated timers, the lag limit, and
    /// `failsafe_mode` when it is on.
    init(timers: EffectiveTimers, settings: PatroniSettings) {
        self.init(ttl: Int(timers.ttl.microseconds / 1_000_000), loopWait: Int(timers.loopWait.microseconds / 1_000_000),
                  retryTimeout: Int(timers.retryTimeout.microseconds / 1_000_000),
                  maximumLagOnFailover: settings.maximumLagOnFailover)
        failsafeMode = settings.failsafeMode
    }

    /// The value the key holds for the setting `name`, if it holds one.
    public subscript(name: String) -> PatroniSetting.Value? {
        entries.first { $0.name == name }?.value
    }

    /// Sets the setting `name` to `value`, adding it to the key if it was not there.
    public mutating func set(_ name: String, to value: PatroniSetting.Value) {
        if let index = entries.firstIndex(where: { $0.name == name }) {
            entries[index].value = value
        } else {
            let index = entries.firstIndex { $0.name > name } ?? entries.count
            entries.insert(Entry(name: name, value: value), at: index)
        }
    }

    /// `failsafe_mode`, written only when on.
    public var failsafeMode: Bool {
        get { self["failsafe_mode"] == .flag(true) }
        set {
            if newValue {
                set("failsafe_mode", to: .flag(true))
            } else {
                entries.removeAll { $0.name == "failsafe_mode" }
            }
        }
    }

    /// `settings` with the values of the run-time settings this key holds in place of the
    /// local ones (`set_dynamic_configuration`).
    public func applied(to settings: PatroniSettings) -> PatroniSettings {
        var result = settings
        for setting in PatroniSetting.changeableAtRunTime {
            if let value = self[setting.name] { setting.set(value, in: &result) }
        }
        return result
    }

    /// The value as Patroni stores it: JSON with sorted keys.
    public var rendered: String {
        var fields = entries.map { (name: $0.name, text: PatroniSetting.json($0.name, $0.value)) }
        if pause { fields.append((name: "pause", text: "\"pause\":true")) }
        return "{" + fields.sorted { $0.name < $1.name }.map(\.text).joined(separator: ",") + "}"
    }
}
