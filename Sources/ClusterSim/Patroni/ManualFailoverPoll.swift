/// The REST handler's polling of a request it wrote (`api.py::poll_failover_result`):
/// once a second, for up to 2 × max(10, `loop_wait`) seconds.
///
/// It travels in a scheduler event, so its fields are laid out to keep events small.
struct ManualFailoverPoll: Equatable {
    /// The node whose REST API handles the request.
    var handler: NodeID
    /// The leader when the request was made, as the handler's cache named it.
    var oldLeader: NodeID?
    /// The node asked for as the candidate.
    var candidate: NodeID?
    /// Polls done so far.
    var polls: Int32 = 0
    /// Polls allowed: 2 × max(10, `loop_wait`).
    var limit: Int32
    /// The endpoint the request went to (after Patroni's failover-to-switchover rewrite).
    var kind: ManualFailoverKind

    /// A request of `kind` handled by `handler`, not polled yet, allowed `limit` polls.
    init(handler: NodeID, kind: ManualFailoverKind, oldLeader: NodeID?, candidate: NodeID?, limit: Int) {
        self.handler = handler
        self.oldLeader = oldLeader
        self.candidate = candidate
        self.limit = Int32(clamping: limit)
        self.kind = kind
    }
}
