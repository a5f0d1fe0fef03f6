/// A set of node indices as a bit mask: plain data, so that an event carrying one stays
/// free of references and the scheduler copies it as a few words.
///
/// It holds node lists sorted by node index (the `/sync` lists), and gives them back in
/// that order, so the round trip through a `NodeSet` is exact.
struct NodeSet: Equatable {
    /// Bit `n` is set when node `n` is in the set.
    private var bits: UInt64

    /// The set of `nodes`, which must be sorted, without repeats, below node 64. O(n).
    init(_ nodes: [NodeID]) {
        var bits: UInt64 = 0
        var previous = -1
        for node in nodes {
            precondition(node.index > previous && node.index < UInt64.bitWidth,
                         "a NodeSet holds distinct nodes below 64 in ascending order, got \(nodes.map(\.index))")
            bits |= 1 << UInt64(node.index)
            previous = node.index
        }
        self.bits = bits
    }

    /// The nodes in the set, sorted. O(64).
    var nodes: [NodeID] {
        (0..<UInt64.bitWidth).filter { bits & (1 << UInt64($0)) != 0 }.map(NodeID.init)
    }
}
