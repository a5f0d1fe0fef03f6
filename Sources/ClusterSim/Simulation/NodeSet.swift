/// A set of node indices as a bit mask: plain data, so that an event carrying one stays
/// free of references and the scheduler copies it as a few words.
///
/// It holds node lists sorted by node index (the `/sync` lists), and gives them back in
/// that order, so the round trip through a `NodeSet` is exact.
struct NodeSet: Equatable {
    /// Bit `n` is set when node `n` is in the set.
    private var bits: UInt64

    /// The set of `nodes`, which must be sorted by node index, without repeats, below 64. O(n).
    init(_ nodes: [Int]) {
        var bits: UInt64 = 0
        var previous = -1
        for node in nodes {
            precondition(node > previous && node < UInt64.bitWidth,
                         "a NodeSet holds distinct node indices below 64 in ascending order, got \(nodes)")
            bits |= 1 << UInt64(node)
            previous = node
        }
        self.bits = bits
    }

    /// The nodes in the set, sorted by node index. O(64).
    var nodes: [Int] {
        (0..<UInt64.bitWidth).filter { bits & (1 << UInt64($0)) != 0 }
    }
}
