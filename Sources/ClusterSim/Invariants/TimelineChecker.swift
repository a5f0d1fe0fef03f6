/// `timeline-monotonic`: a node's timeline never goes back, and no two nodes are ever
/// primary on two different branches with the same timeline number. It only observes.
struct TimelineChecker {
    private var lastTimeline: [Int]
    /// The first branch each timeline number was a primary on, by number.
    private var primaryBranchByNumber: [Int: (branch: Int, node: NodeID)] = [:]
    private(set) var violations: [Violation] = []

    init(nodeCount: Int) {
        lastTimeline = Array(repeating: 0, count: nodeCount)
    }

    /// `node` now has its WAL on timeline `number`. Returns a violation that starts now.
    mutating func timelineChanged(_ node: NodeID, number: Int, at now: SimInstant, names: [String]) -> Violation? {
        defer { lastTimeline[node] = max(lastTimeline[node], number) }
        guard number < lastTimeline[node] else { return nil }
        let violation = Violation(
            invariant: .timelineMonotonic, at: now, until: now, nodes: [names[node]],
            detail: "\(names[node])'s timeline went back from \(lastTimeline[node]) to \(number)")
        violations.append(violation)
        return violation
    }

    /// `node` became primary on `branch`, numbered `number`.
    mutating func becamePrimary(_ node: NodeID, branch: Int, number: Int, at now: SimInstant, names: [String]) -> Violation? {
        if let first = primaryBranchByNumber[number], first.branch != branch {
            let violation = Violation(
                invariant: .timelineMonotonic, at: now, until: now, nodes: [names[first.node], names[node]],
                detail: "\(names[first.node]) and \(names[node]) were both primary on a timeline \(number) of their own (diverged WAL under one number)")
            violations.append(violation)
            return violation
        }
        primaryBranchByNumber[number] = (branch, node)
        return timelineChanged(node, number: number, at: now, names: names)
    }
}
