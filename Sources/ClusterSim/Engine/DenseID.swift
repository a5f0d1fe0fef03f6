/// An identifier that is a position in the array of its kind: a node, an etcd member or a
/// host. Arrays of per-entity state are indexed by it directly, so lookups are array
/// accesses and nothing depends on hashing; the type keeps node, member and host
/// positions from being mixed up.
public protocol DenseID: Hashable, Comparable, Sendable {
    /// The position in the array of its kind.
    var index: Int { get }
    /// The identifier at position `index`.
    init(_ index: Int)
}

extension DenseID {
    /// Orders identifiers by position.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.index < rhs.index }

    /// The identifiers of the first `count` positions, in order.
    static func all(_ count: Int) -> [Self] { (0..<count).map(Self.init) }
}

extension Array {
    /// The element at the position `id` names. O(1), in place when mutated.
    subscript<ID: DenseID>(_ id: ID) -> Element {
        @inline(__always) _read { yield self[id.index] }
        @inline(__always) _modify { yield &self[id.index] }
    }
}
