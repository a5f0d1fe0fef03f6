/// One Patroni + PostgreSQL node of the cluster.
public struct NodeOptions: Sendable, Equatable {
    /// The member name (Patroni's `name`), also the host name.
    public var name: String
    /// `tags.nofailover`: the node never becomes leader automatically; nil when the tag is not given.
    public var nofailover: Bool? = nil
    /// `tags.failover_priority`: breaks ties between candidates at equal WAL (0 means never,
    /// unless `nofailover: false` is given).
    public var failoverPriority: Int = 1
    /// The node's wall clock at the start of the run (offset and drift).
    public var clock = NodeClock()
    /// `tags.nosync`: the node never becomes a synchronous standby; nil when the tag is not given.
    public var nosync: Bool? = nil
    /// `tags.sync_priority`: higher is preferred as a synchronous standby (0 means never, unless `nosync: false`).
    public var syncPriority: Int = 1

    /// Creates a node named `name` with default tags.
    public init(name: String) { self.name = name }

    /// The priority the leader race uses: 0 when `nofailover` is set (PATRONI.md §2.3;
    /// `tags.py::Tags.failover_priority`).
    public var effectivePriority: Int { nofailover == true ? 0 : failoverPriority }

    /// Whether Patroni may not promote the node (`tags.py::Tags.nofailover`): the
    /// `nofailover` tag when given, else a `failover_priority` of 0 or less.
    public var forbidsFailover: Bool { nofailover ?? (failoverPriority <= 0) }
}
