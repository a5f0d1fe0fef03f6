/// Who decides failovers: Patroni, nobody, or a human operator (the lab's comparison table).
public enum HAPolicy: Sendable, Equatable {
    /// Patroni with etcd (the default).
    case patroni
    /// PostgreSQL with no coordinator: a standby's script promotes it after the primary has
    /// been unreachable for a while, and nothing ever demotes the old primary.
    case none(UnfencedPromotion)
    /// An operator detects the failure, decides, promotes and repoints the application,
    /// each step taking a delay drawn from a range.
    case manual(ManualOperator)

    /// The policy's name as written in a scenario.
    public var name: String {
        switch self {
        case .patroni: return "patroni"
        case .none: return "none"
        case .manual: return "manual"
        }
    }
}

/// The naive "promote when the primary looks dead" script of `"ha": "none"`.
public struct UnfencedPromotion: Sendable, Equatable {
    /// How often the standby's script checks the primary.
    public var checkInterval: SimDuration = .seconds(1)
    /// How long the primary must stay unreachable before the standby promotes itself.
    public var promoteAfter: SimDuration = .seconds(30)

    /// Creates the defaults: check every second, promote after 30 s.
    public init() {}
}

/// A closed range of durations a delay is drawn from, uniformly.
public struct DurationRange: Sendable, Equatable {
    /// The shortest delay.
    public var min: SimDuration
    /// The longest delay.
    public var max: SimDuration

    /// Creates the range `min...max` (`max` below `min` is read as `min`).
    public init(min: SimDuration, max: SimDuration) {
        self.min = min
        self.max = Swift.max(min, max)
    }
}

/// The human operator of `"ha": "manual"`, with the lab's manual-failover table as defaults.
public struct ManualOperator: Sendable, Equatable {
    /// From the failure until someone notices (about 5 minutes).
    public var detection = DurationRange(min: .minutes(4), max: .minutes(6))
    /// Deciding what to do (5-10 minutes).
    public var decision = DurationRange(min: .minutes(5), max: .minutes(10))
    /// Running the promotion (30 s).
    public var execution = DurationRange(min: .seconds(30), max: .seconds(30))
    /// Checking the new primary (2-5 minutes).
    public var verification = DurationRange(min: .minutes(2), max: .minutes(5))
    /// Repointing the application (10-30 minutes).
    public var applicationUpdate = DurationRange(min: .minutes(10), max: .minutes(30))
    /// How often the monitoring that the operator watches probes the primary.
    public var checkInterval: SimDuration = .seconds(10)

    /// Creates the lab's defaults.
    public init() {}
}
