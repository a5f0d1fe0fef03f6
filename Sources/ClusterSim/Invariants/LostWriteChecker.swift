/// `no-lost-acknowledged-writes`: every acknowledged write must be in the history of every
/// later primary. It keeps the acknowledged writes; each new primary (and the final one)
/// settles them against its history. Losses are always counted, and are violations where
/// durability was promised. It only observes.
struct LostWriteChecker {
    private let lossIsViolation: Bool
    /// WAL bytes between two client writes' commits.
    private let spacing: Int64
    /// The acknowledged writes not yet found missing.
    private(set) var acknowledged = AcknowledgedWrites()
    private(set) var lost = 0
    private(set) var violations: [Violation] = []

    /// A checker for writes `spacing` WAL bytes apart; losses are violations if `lossIsViolation`.
    init(lossIsViolation: Bool, spacing: Int64) {
        self.lossIsViolation = lossIsViolation
        self.spacing = spacing
    }

    /// A client write committed at `lsn` on `branch` was acknowledged.
    mutating func acknowledged(branch: Int, lsn: Int64) {
        acknowledged.add(branch: branch, lsn: lsn, spacing: spacing)
    }

    /// Primary `node` (on timeline `timeline`) has the history of `branch` up to `end`: the
    /// acknowledged writes it lacks are lost. Returns a violation if that is one.
    mutating func settle(primary node: String, branch: Int, end: Int64, timeline: Int, timelines: TimelineRegistry,
                         at now: SimInstant) -> Violation? {
        let count = acknowledged.settle(reference: branch, end: end, timelines: timelines, spacing: spacing)
        return missing(count, newPrimary: node, timeline: timeline, at: now)
    }

    /// Records `count` writes found missing by a new primary `node`. Returns a violation if it is one.
    mutating func missing(_ count: Int, newPrimary node: String, timeline: Int, at now: SimInstant) -> Violation? {
        guard count > 0 else { return nil }
        lost += count
        guard lossIsViolation else { return nil }
        let violation = Violation(
            invariant: .noLostAcknowledgedWrites, at: now, until: now, nodes: [node],
            detail: "\(count) acknowledged writes are not in the history of \(node) on timeline \(timeline)")
        violations.append(violation)
        return violation
    }
}
