/// The REST handler's polling of a request it wrote (`api.py::poll_failover_result`):
/// once a second, for up to 2 × max(10, `loop_wait`) seconds.
struct ManualFailoverPoll: Equatable {
    /// The node whose REST API handles the request.
    var handler: Int
    /// The endpoint the request went to (after Patroni's failover-to-switchover rewrite).
    var kind: ManualFailoverKind
    /// The leader when the request was made, as the handler's cache named it.
    var oldLeader: Int?
    /// The node asked for as the candidate.
    var candidate: Int?
    /// Polls done so far.
    var polls: Int
    /// Polls allowed: 2 × max(10, `loop_wait`).
    var limit: Int
}
