/// The hosts of a simulated cluster and their IDs.
///
/// Nodes (Patroni + PostgreSQL) come first in scenario order, then the etcd members,
/// then the client router. IDs index arrays, so nothing depends on hashing.
public struct HostLayout: Sendable, Equatable {
    /// The number of Patroni/PostgreSQL nodes.
    public let nodeCount: Int
    /// The number of etcd members.
    public let etcdCount: Int
    /// The display name of every host, by `HostID.index`.
    public let names: [String]

    /// Creates the layout for `nodeNames` and `etcdMembers` etcd members.
    public init(nodeNames: [String], etcdMembers: Int) {
        nodeCount = nodeNames.count
        etcdCount = etcdMembers
        let etcdNames = etcdMembers == 1 ? ["etcd"] : (1...max(1, etcdMembers)).map { "etcd\($0)" }
        names = nodeNames + etcdNames + ["haproxy"]
    }

    /// The number of hosts.
    public var hostCount: Int { names.count }
    /// The host of etcd member `member`.
    public func host(of member: MemberID) -> HostID { HostID(nodeCount + member.index) }
    /// The etcd member on `host`, if it is one.
    public func member(on host: HostID) -> MemberID? { isEtcd(host) ? MemberID(host.index - nodeCount) : nil }
    /// The host of the client router.
    public var router: HostID { HostID(nodeCount + etcdCount) }
    /// The display name of `host`.
    public func name(of host: HostID) -> String { names[host.index] }
    /// Whether `host` is a Patroni/PostgreSQL node.
    public func isNode(_ host: HostID) -> Bool { host.index < nodeCount }
    /// Whether `host` is an etcd member.
    public func isEtcd(_ host: HostID) -> Bool { host.index >= nodeCount && host.index < nodeCount + etcdCount }
    /// The names of the nodes, in node order.
    public var nodeNames: ArraySlice<String> { names[..<nodeCount] }
    /// The names of the etcd members, in member order.
    public var etcdNames: ArraySlice<String> { names[nodeCount..<(nodeCount + etcdCount)] }
}
