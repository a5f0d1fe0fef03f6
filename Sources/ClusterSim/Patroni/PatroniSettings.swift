/// Patroni's dynamic configuration, in Patroni's own names and units (seconds, bytes).
public struct PatroniSettings: Sendable, Equatable {
    /// `ttl`: the leader lease TTL in seconds (Patroni minimum 20).
    public var ttl: Int = 30
    /// `loop_wait`: the HA loop period in seconds (minimum 1).
    public var loopWait: Int = 10
    /// `retry_timeout`: the deadline of DCS and PostgreSQL retries in seconds (minimum 3).
    public var retryTimeout: Int = 10
    /// `maximum_lag_on_failover`: the most bytes a candidate may lag behind the last published optime.
    public var maximumLagOnFailover: Int64 = 1_048_576
    /// `use_pg_rewind`: whether a diverged former primary is rewound.
    public var usePgRewind: Bool = true
    /// `check_timeline`: whether candidates with an older timeline are excluded.
    public var checkTimeline: Bool = false
    /// `primary_start_timeout`: seconds a crashed primary may restart in place before failing over.
    public var primaryStartTimeout: Int = 300
    /// Whether the timers are validated and adjusted as current Patroni does (PATRONI.md §7.1);
    /// false runs them exactly as given, as Patroni 3.0.2 accepted a ttl below 20.
    public var enforceTimerRules: Bool = true

    /// Creates Patroni's defaults.
    public init() {}
}

/// The three timers after Patroni's validation, with the warnings it would log.
public struct EffectiveTimers: Sendable, Equatable {
    /// The lease TTL.
    public var ttl: SimDuration
    /// The loop period.
    public var loopWait: SimDuration
    /// The retry deadline.
    public var retryTimeout: SimDuration
    /// Patroni's warnings about adjusted values, in the order it checks them.
    public var warnings: [String]

    /// Validates `settings` as `config.py::Config._validate_and_adjust_timeouts` and the
    /// validator's minimums do: ttl ≥ 20, loop_wait ≥ 1, retry_timeout ≥ 3; then if
    /// loop_wait + 2 × retry_timeout > ttl, loop_wait becomes ttl − 2 × retry_timeout, and if
    /// even 1 + 2 × retry_timeout > ttl, loop_wait becomes 1 and retry_timeout ⌊(ttl − 1) / 2⌋.
    /// With `enforceTimerRules` false the values are used as given.
    public init(_ settings: PatroniSettings) {
        var ttl = settings.ttl
        var loopWait = settings.loopWait
        var retry = settings.retryTimeout
        var warnings: [String] = []
        if settings.enforceTimerRules {
            if ttl < 20 {
                warnings.append("ttl=\(ttl) is below the minimum 20; using ttl=20")
                ttl = 20
            }
            if loopWait < 1 {
                warnings.append("loop_wait=\(loopWait) is below the minimum 1; using loop_wait=1")
                loopWait = 1
            }
            if retry < 3 {
                warnings.append("retry_timeout=\(retry) is below the minimum 3; using retry_timeout=3")
                retry = 3
            }
            if loopWait + 2 * retry > ttl {
                if 1 + 2 * retry > ttl {
                    let newRetry = (ttl - 1) / 2
                    warnings.append("loop_wait + 2*retry_timeout must be <= ttl; using loop_wait=1 and retry_timeout=\(newRetry)")
                    loopWait = 1
                    retry = newRetry
                } else {
                    warnings.append("loop_wait + 2*retry_timeout must be <= ttl; using loop_wait=\(ttl - 2 * retry)")
                    loopWait = ttl - 2 * retry
                }
            }
        }
        self.ttl = .seconds(Int64(ttl))
        self.loopWait = .seconds(Int64(loopWait))
        self.retryTimeout = .seconds(Int64(retry))
        self.warnings = warnings
    }
}
