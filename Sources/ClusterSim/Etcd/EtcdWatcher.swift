/// A node's watch of the cluster prefix: it lives on the member the node read from and
/// streams the events of the entries that member applies after `fromIndex`.
struct EtcdWatcher: Sendable, Equatable {
    /// The Patroni process generation that opened the watch.
    var generation: UInt64
    /// The etcd member the watch lives on.
    var member: MemberID
    /// The log index the initial read reflected; later entries stream as events.
    var fromIndex: Int
}
