/// One entry of an etcd member's raft log.
///
/// Entries up to the cluster's commit index are the same on every member that has
/// them (raft's log matching); the ones after it may differ and may be discarded.
struct RaftEntry: Sendable, Equatable {
    /// The leader's term when it appended the entry.
    var term: Int64
    /// What applying the entry does to the key-value store.
    var command: RaftCommand
}

/// What a committed raft entry does when it is applied.
enum RaftCommand: Sendable, Equatable {
    /// The empty entry a new leader appends; applying it promotes the leader's lessor.
    case noop
    /// A client write (lease grant, put, transaction), answered by the member that received it.
    /// Boxed, so that log entries copy as one reference.
    indirect case request(EtcdRequest, origin: EtcdOrigin)
    /// The leader's lessor revokes expired leases (in lease-ID order).
    case revoke([Int64])
}

/// Who is waiting for the answer to a client request: the member the client is
/// connected to (in one incarnation of that process) and the client call's identity.
struct EtcdOrigin: Sendable, Equatable {
    /// The member that received the request.
    var member: MemberID
    /// The incarnation of that member: a restarted member no longer answers.
    var memberGeneration: UInt64
    /// The host whose client sent it (a node's Patroni or its REST API).
    var client: HostID
    /// The client call.
    var callID: UInt64
    /// The HTTP attempt of the call.
    var attempt: UInt64
    /// The Patroni process generation.
    var generation: UInt64
}

/// What applying one committed entry produced, kept per log index so that every
/// member applying the entry later streams the same watch events.
struct AppliedEntry: Sendable {
    /// The entry's term (checked against each member's copy when it applies it).
    var term: Int64
    /// The answer for the entry's origin, if it has one.
    var response: EtcdResponse?
    /// The watch events the entry caused.
    var events: [WatchEvent]
}
