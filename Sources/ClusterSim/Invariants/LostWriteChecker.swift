/// `no-lost-acknowledged-writes`: every acknowledged write must be in the history of every
/// later primary. Each new primary (and the final one) settles the write ledger; losses are
/// always counted, and are violations where durability was promised. It only observes.
struct LostWriteChecker {
    private let lossIsViolation: Bool
    private(set) var lost = 0
    private(set) var violations: [Violation] = []

    init(lossIsViolation: Bool) {
        self.lossIsViolation = lossIsViolation
    }

    /// Records `count` writes found missing by a new primary `node`. Returns a violation if it is one.
    mutating func missing(_ count: Int, newPrimary node: String, timeline: Int, at now: SimInstant) -> Violation? {
        guard count > 0 else { return nil }
        lost += count
        guard lossIsViolation else { return nil }
        let violation = Violation(
            invariant: "no-lost-acknowledged-writes", at: now, until: now, nodes: [node],
            detail: "\(count) acknowledged writes are not in the history of \(node) on timeline \(timeline)")
        violations.append(violation)
        return violation
    }
}
