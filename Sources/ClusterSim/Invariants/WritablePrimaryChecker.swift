/// `single-writable-primary`: at no instant do two nodes accept client writes. Records
/// every overlap with the writes each node accepted during it. It only observes.
struct WritablePrimaryChecker {
    private var overlapStart: SimInstant?
    private var overlapNodes: [NodeID] = []
    private var writesDuringOverlap: [Int]
    private(set) var violations: [Violation] = []

    init(nodeCount: Int) {
        writesDuringOverlap = Array(repeating: 0, count: nodeCount)
    }

    /// Updates which nodes accept writes. Returns the nodes of an overlap that starts now.
    mutating func update(writable: [Bool], at time: SimInstant, names: [String]) -> [NodeID]? {
        let nodes = writable.indices.filter { writable[$0] }.map(NodeID.init)
        if nodes.count >= 2 {
            if overlapStart == nil {
                overlapStart = time
                overlapNodes = nodes
                writesDuringOverlap = Array(repeating: 0, count: writable.count)
                return nodes
            }
            for node in nodes where !overlapNodes.contains(node) { overlapNodes.append(node) }
        } else if overlapStart != nil {
            close(at: time, names: names)
        }
        return nil
    }

    /// A node accepted a client write.
    mutating func writeAccepted(by node: NodeID) {
        if overlapStart != nil { writesDuringOverlap[node] += 1 }
    }

    /// Closes a window still open at the end of the run (its `until` stays nil).
    mutating func finish(names: [String]) {
        if overlapStart != nil { close(at: nil, names: names) }
    }

    private mutating func close(at time: SimInstant?, names: [String]) {
        guard let start = overlapStart else { return }
        defer {
            overlapStart = nil
            overlapNodes = []
        }
        // Two events of one instant (a promotion, then the old primary's stop) open and close
        // an empty window in which no write can land: not an overlap.
        if time == start && writesDuringOverlap.allSatisfy({ $0 == 0 }) { return }
        let nodes = overlapNodes.sorted()
        let accepted = nodes.map { "\(names[$0]) accepted \(writesDuringOverlap[$0]) writes" }.joined(separator: ", ")
        violations.append(Violation(
            invariant: .singleWritablePrimary, at: start, until: time, nodes: nodes.map { names[$0] },
            detail: "\(nodes.count) nodes accepted writes at once; \(accepted)"))
    }
}
