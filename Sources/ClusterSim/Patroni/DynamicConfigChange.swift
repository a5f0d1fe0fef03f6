/// A run-time change of the dynamic configuration (`patronictl edit-config`): the
/// settings it sets and their new values.
public struct DynamicConfigChange: Sendable, Equatable {
    /// The settings it sets and their values, in the order of `PatroniSetting.all`.
    public private(set) var values: [DynamicConfig.Entry] = []

    /// A change setting `values`, which must name settings that change at run time.
    public init(_ values: [DynamicConfig.Entry]) {
        for setting in PatroniSetting.changeableAtRunTime {
            if let entry = values.last(where: { $0.name == setting.name }) { self.values.append(entry) }
        }
    }

    /// A change of the given timers (seconds), lag limit (bytes) and flags; nil leaves a setting as it is.
    public init(ttl: Int? = nil, loopWait: Int? = nil, retryTimeout: Int? = nil, maximumLagOnFailover: Int64? = nil,
                checkTimeline: Bool? = nil, primaryStartTimeout: Int? = nil) {
        var values: [DynamicConfig.Entry] = []
        func add(_ name: String, _ value: PatroniSetting.Value?) {
            if let value { values.append(DynamicConfig.Entry(name: name, value: value)) }
        }
        add("ttl", ttl.map { .integer(Int64($0)) })
        add("loop_wait", loopWait.map { .integer(Int64($0)) })
        add("retry_timeout", retryTimeout.map { .integer(Int64($0)) })
        add("maximum_lag_on_failover", maximumLagOnFailover.map { .integer($0) })
        add("check_timeline", checkTimeline.map { .flag($0) })
        add("primary_start_timeout", primaryStartTimeout.map { .integer(Int64($0)) })
        self.init(values)
    }

    /// `config` with this change merged in.
    public func applied(to config: DynamicConfig) -> DynamicConfig {
        var result = config
        for entry in values { result.set(entry.name, to: entry.value) }
        return result
    }

    /// The settings it sets, as `key=value` in Patroni's names, for labels.
    public var label: String {
        values.map { PatroniSetting.label($0.name, $0.value) }.joined(separator: " ")
    }
}
