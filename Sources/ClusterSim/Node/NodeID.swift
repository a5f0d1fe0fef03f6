/// A Patroni/PostgreSQL node: its position in the cluster's node list (scenario order).
/// Nodes are the first hosts of the layout, so a node's host has the same position.
public struct NodeID: DenseID {
    /// The position in the node list.
    public let index: Int

    /// The node at position `index`.
    public init(_ index: Int) { self.index = index }
}

extension HostLayout {
    /// The host of `node`.
    public func host(of node: NodeID) -> HostID { HostID(node.index) }
    /// The node on `host`, if it is one.
    public func node(on host: HostID) -> NodeID? { isNode(host) ? NodeID(host.index) : nil }
    /// The node called `name`, if any.
    public func node(named name: String) -> NodeID? { nodeNames.firstIndex(of: name).map(NodeID.init) }
    /// The name of `node`.
    public func name(of node: NodeID) -> String { names[node.index] }
    /// Every node, in order (computed as it is walked: the WAL path loops over it for every
    /// write, so it allocates no array).
    public var nodes: LazyMapCollection<Range<Int>, NodeID> { (0..<nodeCount).lazy.map(NodeID.init) }
}
