/// A host of the simulated network: a Patroni/PostgreSQL node, an etcd member or the
/// client router. Messages travel between hosts; link rules (partitions) name hosts.
///
/// Its `index` is the host's position in `HostLayout.names` and in the network's link
/// table, so that nothing depends on hashing.
public struct HostID: Hashable, Comparable, Sendable {
    /// The position in `HostLayout.names`.
    public let index: Int

    /// The host at position `index` of the layout.
    public init(_ index: Int) { self.index = index }

    /// Orders hosts by their position in the layout.
    public static func < (lhs: HostID, rhs: HostID) -> Bool { lhs.index < rhs.index }
}
