/// The dynamic configuration kept in the DCS `config` key, as far as the model uses it:
/// the timers (in seconds), `maximum_lag_on_failover` (bytes), and the two settings a
/// run-time change may add (`check_timeline`, `primary_start_timeout`).
public struct DynamicConfig: Sendable, Equatable {
    /// `ttl`, in seconds.
    public var ttl: Int
    /// `loop_wait`, in seconds.
    public var loopWait: Int
    /// `retry_timeout`, in seconds.
    public var retryTimeout: Int
    /// `maximum_lag_on_failover`, in bytes.
    public var maximumLagOnFailover: Int64
    /// `check_timeline`, once set at run time.
    public var checkTimeline: Bool?
    /// `primary_start_timeout`, in seconds, once set at run time.
    public var primaryStartTimeout: Int?
    /// `failsafe_mode` (written only when on).
    public var failsafeMode = false
    /// `pause`: set by `patronictl pause` (maintenance mode), written only when on.
    public var pause = false

    /// Creates a configuration.
    public init(ttl: Int, loopWait: Int, retryTimeout: Int, maximumLagOnFailover: Int64,
                checkTimeline: Bool? = nil, primaryStartTimeout: Int? = nil) {
        self.ttl = ttl
        self.loopWait = loopWait
        self.retryTimeout = retryTimeout
        self.maximumLagOnFailover = maximumLagOnFailover
        self.checkTimeline = checkTimeline
        self.primaryStartTimeout = primaryStartTimeout
    }

    /// What `post_bootstrap` publishes: the validated timers and the lag limit.
    init(timers: EffectiveTimers, settings: PatroniSettings) {
        self.init(ttl: Int(timers.ttl.microseconds / 1_000_000), loopWait: Int(timers.loopWait.microseconds / 1_000_000),
                  retryTimeout: Int(timers.retryTimeout.microseconds / 1_000_000),
                  maximumLagOnFailover: settings.maximumLagOnFailover)
        failsafeMode = settings.failsafeMode
    }

    /// `settings` with these values in place of the local ones (`set_dynamic_configuration`).
    public func applied(to settings: PatroniSettings) -> PatroniSettings {
        var result = settings
        result.ttl = ttl
        result.loopWait = loopWait
        result.retryTimeout = retryTimeout
        result.maximumLagOnFailover = maximumLagOnFailover
        result.checkTimeline = checkTimeline ?? settings.checkTimeline
        result.primaryStartTimeout = primaryStartTimeout ?? settings.primaryStartTimeout
        return result
    }

    /// The value as Patroni stores it: JSON with sorted keys.
    public var rendered: String {
        var fields: [String] = []
        if let checkTimeline { fields.append("\"check_timeline\":\(checkTimeline)") }
        if failsafeMode { fields.append("\"failsafe_mode\":true") }
        fields.append("\"loop_wait\":\(loopWait)")
        fields.append("\"maximum_lag_on_failover\":\(maximumLagOnFailover)")
        if pause { fields.append("\"pause\":true") }
        if let primaryStartTimeout { fields.append("\"primary_start_timeout\":\(primaryStartTimeout)") }
        fields.append("\"retry_timeout\":\(retryTimeout)")
        fields.append("\"ttl\":\(ttl)")
        return "{" + fields.joined(separator: ",") + "}"
    }
}
