/// The properties a run is checked for; the raw value is the name the report prints.
public enum Invariant: String, Sendable, Equatable, Comparable, CaseIterable {
    /// Never two nodes accepting writes at once.
    case singleWritablePrimary = "single-writable-primary"
    /// Every acknowledged write stays in the history of every later primary.
    case noLostAcknowledgedWrites = "no-lost-acknowledged-writes"
    /// Timelines only grow, and no two primaries share a timeline number.
    case timelineMonotonic = "timeline-monotonic"
    /// A primary accepts writes only while a live leader lease (or failsafe) covers it.
    case fencedPrimary = "fenced-primary"
    /// After the last fault the cluster converges within its bound.
    case liveness

    /// Orders invariants by name, as the report lists them.
    public static func < (lhs: Invariant, rhs: Invariant) -> Bool { lhs.rawValue < rhs.rawValue }
}
