/// Patroni's `watchdog` section (PATRONI.md §7.1, §7.3): a device that resets the host
/// unless the leader pings it within `ttl − safety_margin`.
public struct WatchdogSettings: Sendable, Equatable {
    /// `watchdog.mode`.
    public enum Mode: String, Sendable, Equatable, CaseIterable {
        /// No watchdog (the lab's containers have no device).
        case off
        /// Use the watchdog if it can be activated.
        case automatic
        /// A leader that cannot activate the watchdog does not promote.
        case required
    }

    /// The mode (default off: the lab's Spilo containers have no watchdog device).
    public var mode: Mode = .off
    /// `watchdog.safety_margin` in seconds (default 5); −1 means a timeout of ttl / 2.
    public var safetyMargin: Int = 5

    /// Creates a disabled watchdog.
    public init() {}

    /// Whether a watchdog device is used.
    public var isEnabled: Bool { mode != .off }

    /// The device timeout for `ttl`: ttl − safety_margin, or ttl / 2 with a margin of −1.
    public func timeout(ttl: SimDuration) -> SimDuration {
        safetyMargin == -1 ? ttl / 2 : ttl - .seconds(Int64(safetyMargin))
    }
}
