/// A run-time change of the dynamic configuration (`patronictl edit-config`): the keys it
/// sets; nil leaves a key as it is.
public struct DynamicConfigChange: Sendable, Equatable {
    /// New `ttl`, in seconds.
    public var ttl: Int?
    /// New `loop_wait`, in seconds.
    public var loopWait: Int?
    /// New `retry_timeout`, in seconds.
    public var retryTimeout: Int?
    /// New `maximum_lag_on_failover`, in bytes.
    public var maximumLagOnFailover: Int64?
    /// New `check_timeline`.
    public var checkTimeline: Bool?
    /// New `primary_start_timeout`, in seconds.
    public var primaryStartTimeout: Int?

    /// Creates a change; pass only the keys it sets.
    public init(ttl: Int? = nil, loopWait: Int? = nil, retryTimeout: Int? = nil, maximumLagOnFailover: Int64? = nil,
                checkTimeline: Bool? = nil, primaryStartTimeout: Int? = nil) {
        self.ttl = ttl
        self.loopWait = loopWait
        self.retryTimeout = retryTimeout
        self.maximumLagOnFailover = maximumLagOnFailover
        self.checkTimeline = checkTimeline
        self.primaryStartTimeout = primaryStartTimeout
    }

    /// `config` with this change merged in.
    public func applied(to config: DynamicConfig) -> DynamicConfig {
        var result = config
        result.ttl = ttl ?? config.ttl
        result.loopWait = loopWait ?? config.loopWait
        result.retryTimeout = retryTimeout ?? config.retryTimeout
        result.maximumLagOnFailover = maximumLagOnFailover ?? config.maximumLagOnFailover
        result.checkTimeline = checkTimeline ?? config.checkTimeline
        result.primaryStartTimeout = primaryStartTimeout ?? config.primaryStartTimeout
        return result
    }

    /// The keys it sets, as `key=value` in Patroni's names, for labels.
    public var label: String {
        var parts: [String] = []
        if let ttl { parts.append("ttl=\(ttl)") }
        if let loopWait { parts.append("loop_wait=\(loopWait)") }
        if let retryTimeout { parts.append("retry_timeout=\(retryTimeout)") }
        if let maximumLagOnFailover { parts.append("maximum_lag_on_failover=\(maximumLagOnFailover)") }
        if let checkTimeline { parts.append("check_timeline=\(checkTimeline)") }
        if let primaryStartTimeout { parts.append("primary_start_timeout=\(primaryStartTimeout)") }
        return parts.joined(separator: " ")
    }
}
