/// A host of the simulated network: a Patroni/PostgreSQL node, an etcd member or the
/// client router. Messages travel between hosts; link rules (partitions) name hosts.
///
/// Its `index` is the host's position in `HostLayout.names` and in the network's link table.
public struct HostID: DenseID {
    /// The position in `HostLayout.names`.
    public let index: Int

    /// The host at position `index` of the layout.
    public init(_ index: Int) { self.index = index }
}
