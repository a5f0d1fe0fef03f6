/// A message between etcd members: raft's append and vote RPCs, and the requests a
/// follower forwards to its leader for a client (PATRONI.md §1.7).
enum RaftMessage: Sendable {
    /// The leader's append (also its heartbeat, possibly with no entries).
    case append(term: Int64, prevIndex: Int, prevTerm: Int64, entries: [RaftEntry], leaderCommit: Int)
    /// A follower's answer: `match` is its last matching index on success, or its
    /// last index as a hint on failure.
    case appendReply(term: Int64, success: Bool, match: Int)
    /// A candidate asks for a vote with its log's last index and term; `pre` marks
    /// etcd's pre-vote, which asks for the next term without moving anyone's term.
    case requestVote(term: Int64, lastIndex: Int, lastTerm: Int64, pre: Bool)
    /// The answer to a vote request (`term` is the asked term when granted, else the voter's).
    case voteReply(term: Int64, granted: Bool, pre: Bool)
    /// A follower forwards a client write to the leader to propose it.
    case propose(EtcdRequest, origin: EtcdOrigin)
    /// A follower forwards a read or a lease keep-alive, which the leader serves without a log entry.
    case serve(EtcdRequest, origin: EtcdOrigin)
    /// The leader's answer to a forwarded read or keep-alive; `index` is the leader's
    /// applied index the answer reflects (the watch starts after it).
    case served(EtcdResponse, origin: EtcdOrigin, index: Int)
}
