/// An etcd member: its position in the cluster's member list (`etcd`, or `etcd1`...).
public struct MemberID: DenseID {
    /// The position in the member list.
    public let index: Int

    /// The member at position `index`.
    public init(_ index: Int) { self.index = index }
}
