/// A node's wall clock (what Patroni's `time.time()` returns there), derived from the
/// simulation's time: an offset plus a constant rate error.
///
/// wall(t) = t + offset + t · drift / 10⁶. Patroni measures its naps and `Retry`
/// deadlines on this clock (PATRONI.md §1.2, §7.3), so a clock running fast by d ppm
/// ends a wall-clock interval of L after L / (1 + d·10⁻⁶) real seconds. etcd keeps its
/// own monotonic clock (the scheduler's time) for leases. All arithmetic is integer and
/// overflow-free for any instant a run can reach; a zero offset and zero drift is the
/// identity.
public struct NodeClock: Sendable, Equatable {
    /// One million: drift is in parts per million.
    public static let million: Int64 = 1_000_000
    /// The most negative drift accepted: the clock must still move forwards.
    public static let slowestDriftPPM: Int64 = -900_000
    /// The largest drift accepted (the clock runs at most 10 times too fast).
    public static let fastestDriftPPM: Int64 = 9_000_000

    /// The wall clock minus the simulation's clock at time zero, plus every step since.
    public var offset: SimDuration
    /// The rate error in parts per million: positive runs fast, negative slow.
    public var driftPPM: Int64

    /// Creates a clock; the drift must lie in `slowestDriftPPM...fastestDriftPPM`.
    public init(offset: SimDuration = .zero, driftPPM: Int64 = 0) {
        precondition((NodeClock.slowestDriftPPM...NodeClock.fastestDriftPPM).contains(driftPPM),
                     "a node clock's drift must keep it moving forwards at most ten times too fast, got \(driftPPM) ppm")
        self.offset = offset
        self.driftPPM = driftPPM
    }

    /// The wall-clock reading at simulation instant `t`.
    public func wall(at t: SimInstant) -> SimInstant {
        t + offset + SimDuration(microseconds: NodeClock.scale(t.microseconds, by: driftPPM, over: NodeClock.million))
    }

    /// How much simulation (real) time passes while this clock advances by `wallDuration`:
    /// `wallDuration / (1 + drift·10⁻⁶)`, rounded up so that a nap never ends before its
    /// wall-clock deadline. Non-positive durations are returned unchanged.
    public func realDuration(_ wallDuration: SimDuration) -> SimDuration {
        guard driftPPM != 0, wallDuration > .zero else { return wallDuration }
        let rate = NodeClock.million + driftPPM
        let micros = wallDuration.microseconds
        let whole = micros / rate * NodeClock.million
        let rest = micros % rate * NodeClock.million
        return SimDuration(microseconds: whole + (rest + rate - 1) / rate)
    }

    /// The clock jumps by `by` (an NTP step, `date -s`); negative steps go backwards.
    public mutating func step(by: SimDuration) {
        offset = offset + by
    }

    /// `value · numerator / denominator` rounded towards zero, without overflow for a
    /// numerator below 10⁷ and values below 2⁶³ / 10⁷.
    private static func scale(_ value: Int64, by numerator: Int64, over denominator: Int64) -> Int64 {
        value / denominator * numerator + value % denominator * numerator / denominator
    }
}
