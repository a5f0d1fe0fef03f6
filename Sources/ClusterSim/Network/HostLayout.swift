/// The hosts of a simulated cluster and their integer IDs.
///
/// Nodes (Patroni + PostgreSQL) come first in scenario order, then the etcd members,
/// then the client router. IDs index arrays, so nothing depends on hashing.
public struct HostLayout: Sendable, Equatable {
    /// The number of Patroni/PostgreSQL nodes.
    public let nodeCount: Int
    /// The number of etcd members.
    public let etcdCount: Int
    /// The display name of every host, by ID.
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
    /// The host ID of etcd member `index`.
    public func etcd(_ index: Int) -> Int { nodeCount + index }
    /// The host ID of the client router.
    public var router: Int { nodeCount + etcdCount }
    /// Whether `host` is a Patroni/PostgreSQL node.
    public func isNode(_ host: Int) -> Bool { host < nodeCount }
    /// Whether `host` is an etcd member.
    public func isEtcd(_ host: Int) -> Bool { host >= nodeCount && host < nodeCount + etcdCount }
}
