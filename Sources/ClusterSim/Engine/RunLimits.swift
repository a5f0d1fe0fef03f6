/// Limits that end a run with a reported outcome instead of a hang.
public struct RunLimits: Sendable, Equatable {
    /// The most events one run may handle.
    public var maxEvents: UInt64 = 50_000_000

    /// Creates the default limits.
    public init() {}
}

/// How a run ended.
public enum RunOutcome: String, Sendable, Equatable {
    /// The scenario's duration elapsed.
    case completed
    /// The event limit was reached before the duration elapsed.
    case eventLimitReached = "event-limit-reached"
    /// Nothing was left to happen before the duration elapsed (only possible with no workload and no agents).
    case quiescent
}
