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
    /// `synchronous_mode`: commits wait for a synchronous standby, and only it may be promoted.
    public var synchronousMode = false
    /// `synchronous_mode_strict`: with no synchronous standby, commits block rather than go asynchronous.
    public var synchronousModeStrict = false
    /// `synchronous_mode: quorum`: commits wait for any `k` of the listed standbys and a
    /// candidate needs `/sync.quorum` votes (with `synchronousMode` also true).
    public var quorumCommit = false
    /// `synchronous_node_count`: how many standbys are synchronous at once (at least 1).
    public var synchronousNodeCount = 1
    /// `maximum_lag_on_syncnode`: bytes a synchronous standby may lag before it is swapped (−1: never).
    public var maximumLagOnSyncnode: Int64 = -1
    /// The `watchdog` section.
    public var watchdog = WatchdogSettings()
    /// Whether the timers are validated and adjusted as current Patroni does (PATRONI.md §7.1);
    /// false runs them exactly as given, as Patroni 3.0.2 accepted a ttl below 20.
    public var enforceTimerRules: Bool = true
    /// `failsafe_mode`: a primary that cannot reach the DCS stays primary while every member
    /// listed in `/failsafe` accepts its `POST /failsafe` (PATRONI.md §5.1).
    public var failsafeMode = false

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

    /// Validates `settings` as `config.py::Config._validate_and_adjust_timeouts` does, in its
    /// order and with its warnings: loop_wait ≥ 1, retry_timeout ≥ 3, ttl ≥ 20; then if
    /// 1 + 2 × retry_timeout > ttl, loop_wait becomes 1 and retry_timeout ⌊(ttl − 1) / 2⌋, else
    /// if loop_wait + 2 × retry_timeout > ttl, loop_wait becomes ttl − 2 × retry_timeout.
    /// With `enforceTimerRules` false the values are used as given.
    public init(_ settings: PatroniSettings) {
        var ttl = settings.ttl
        var loopWait = settings.loopWait
        var retry = settings.retryTimeout
        var warnings: [String] = []
        if settings.enforceTimerRules {
            func atLeast(_ name: String, _ value: Int, _ minimum: Int) -> Int {
                guard value < minimum else { return value }
                warnings.append("\(name)=\(value) can't be smaller than \(minimum), adjusting...")
                return minimum
            }
            loopWait = atLeast("loop_wait", loopWait, 1)
            retry = atLeast("retry_timeout", retry, 3)
            ttl = atLeast("ttl", ttl, 20)
            if 1 + 2 * retry > ttl {
                let newRetry = (ttl - 1) / 2
                warnings.append("Violated the rule \"loop_wait + 2*retry_timeout <= ttl\", where ttl=\(ttl). "
                    + "Adjusting loop_wait from \(loopWait) to 1 and retry_timeout from \(retry) to \(newRetry)")
                loopWait = 1
                retry = newRetry
            } else if loopWait + 2 * retry > ttl {
                warnings.append("Violated the rule \"loop_wait + 2*retry_timeout <= ttl\", where ttl=\(ttl) and "
                    + "retry_timeout=\(retry). Adjusting loop_wait from \(loopWait) to \(ttl - 2 * retry)")
                loopWait = ttl - 2 * retry
            }
        }
        self.ttl = .seconds(Int64(ttl))
        self.loopWait = .seconds(Int64(loopWait))
        self.retryTimeout = .seconds(Int64(retry))
        self.warnings = warnings
    }
}
