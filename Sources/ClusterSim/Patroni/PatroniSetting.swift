/// One of Patroni's settings the model knows: its name in Patroni's configuration, its
/// type and range, whether `patronictl edit-config` can change it while the cluster runs,
/// and where it lives in `PatroniSettings`.
///
/// `PatroniSetting.all` is the one list of them: scenario decoding and validation,
/// `set-config`, the labels of a change and the `config` key as the DCS holds it all read it.
public struct PatroniSetting: Sendable {
    /// How the setting is given, and where its value lives.
    public enum Kind: Sendable {
        /// `ttl`, `loop_wait` or `retry_timeout`: seconds, validated together (`EffectiveTimers`).
        case timer(any WritableKeyPath<PatroniSettings, Int> & Sendable)
        /// Seconds, at least `minimum`.
        case seconds(any WritableKeyPath<PatroniSettings, Int> & Sendable, minimum: Int)
        /// Bytes, at least `minimum`.
        case bytes(any WritableKeyPath<PatroniSettings, Int64> & Sendable, minimum: Int64)
        /// A count of standbys, at least `minimum`.
        case count(any WritableKeyPath<PatroniSettings, Int> & Sendable, minimum: Int)
        /// `true` or `false`.
        case flag(any WritableKeyPath<PatroniSettings, Bool> & Sendable)
        /// `synchronous_mode`: `true`, `false`, `"on"`, `"off"` or `"quorum"`.
        case synchronousMode
        /// The `watchdog` section.
        case watchdog
    }

    /// A new value of a setting given by number or flag.
    public enum Value: Sendable, Equatable {
        /// Seconds, bytes or a count.
        case integer(Int64)
        /// A flag.
        case flag(Bool)
    }

    /// The name in Patroni's configuration (`loop_wait`).
    public let name: String
    /// Its type, range and place in `PatroniSettings`.
    public let kind: Kind
    /// Whether `patronictl edit-config` can change it while the cluster runs (the model
    /// reads it from the DCS `config` key at the end of every HA cycle).
    public let changesAtRunTime: Bool

    /// Every setting, in the order scenario files document them.
    public static let all: [PatroniSetting] = [
        PatroniSetting(name: "ttl", kind: .timer(\.ttl), changesAtRunTime: true),
        PatroniSetting(name: "loop_wait", kind: .timer(\.loopWait), changesAtRunTime: true),
        PatroniSetting(name: "retry_timeout", kind: .timer(\.retryTimeout), changesAtRunTime: true),
        PatroniSetting(name: "maximum_lag_on_failover", kind: .bytes(\.maximumLagOnFailover, minimum: 0), changesAtRunTime: true),
        PatroniSetting(name: "use_pg_rewind", kind: .flag(\.usePgRewind), changesAtRunTime: false),
        PatroniSetting(name: "check_timeline", kind: .flag(\.checkTimeline), changesAtRunTime: true),
        PatroniSetting(name: "primary_start_timeout", kind: .seconds(\.primaryStartTimeout, minimum: 0), changesAtRunTime: true),
        PatroniSetting(name: "synchronous_mode", kind: .synchronousMode, changesAtRunTime: false),
        PatroniSetting(name: "synchronous_mode_strict", kind: .flag(\.synchronousModeStrict), changesAtRunTime: false),
        PatroniSetting(name: "watchdog", kind: .watchdog, changesAtRunTime: false),
        PatroniSetting(name: "enforce_timer_rules", kind: .flag(\.enforceTimerRules), changesAtRunTime: false),
        PatroniSetting(name: "failsafe_mode", kind: .flag(\.failsafeMode), changesAtRunTime: false),
        PatroniSetting(name: "synchronous_node_count", kind: .count(\.synchronousNodeCount, minimum: 1), changesAtRunTime: false),
        PatroniSetting(name: "maximum_lag_on_syncnode", kind: .bytes(\.maximumLagOnSyncnode, minimum: -1), changesAtRunTime: false),
    ]

    /// The settings `set-config` may change, in table order.
    public static let changeableAtRunTime = all.filter(\.changesAtRunTime)

    /// The setting called `name`, if the model knows it.
    public static func named(_ name: String) -> PatroniSetting? { all.first { $0.name == name } }

    /// The setting's value in `settings`, if it is a number or a flag.
    public func value(in settings: PatroniSettings) -> Value? {
        switch kind {
        case .timer(let path), .seconds(let path, _), .count(let path, _): return .integer(Int64(settings[keyPath: path]))
        case .bytes(let path, _): return .integer(settings[keyPath: path])
        case .flag(let path): return .flag(settings[keyPath: path])
        case .synchronousMode, .watchdog: return nil
        }
    }

    /// Sets the setting to `value` in `settings`; a value of the wrong type changes nothing.
    public func set(_ value: Value, in settings: inout PatroniSettings) {
        switch (kind, value) {
        case let (.timer(path), .integer(number)), let (.seconds(path, _), .integer(number)), let (.count(path, _), .integer(number)):
            settings[keyPath: path] = Int(number)
        case let (.bytes(path, _), .integer(number)):
            settings[keyPath: path] = number
        case let (.flag(path), .flag(flag)):
            settings[keyPath: path] = flag
        default:
            break
        }
    }

    /// `name=value` as a label shows it (`ttl=20`, `check_timeline=true`).
    public static func label(_ name: String, _ value: Value) -> String {
        switch value {
        case .integer(let number): return "\(name)=\(number)"
        case .flag(let flag): return "\(name)=\(flag)"
        }
    }

    /// `"name":value` as Patroni writes it into a JSON object.
    static func json(_ name: String, _ value: Value) -> String {
        switch value {
        case .integer(let number): return "\"\(name)\":\(number)"
        case .flag(let flag): return "\"\(name)\":\(flag)"
        }
    }
}
