/// One etcd member: its process state and its raft state (role, term, vote, log).
///
/// Term, vote, log, commit and applied index survive a stop (etcd keeps them in its WAL
/// and backend); the role, the known leader, the votes and the leader's view of its
/// followers are volatile and reset by a restart. Log index `i` is `log[i]`; entries every
/// member has applied are compacted away (``compact(through:)``).
struct RaftMember: Sendable {
    /// Whether the etcd process runs.
    enum Process: Equatable, Sendable {
        case running
        case stopped
    }

    /// The member's raft role.
    enum Role: Equatable, Sendable {
        case follower
        /// Asking for pre-votes: would a quorum elect it in the next term?
        case preCandidate
        case candidate
        case leader
    }

    var process: Process = .running
    /// Bumped at every stop and start, so timers and answers of an earlier incarnation are ignored.
    var generation: UInt64 = 0
    /// Until when the process is frozen (SIGSTOP), if it is.
    var frozenUntil: SimInstant?
    var role: Role = .follower
    var term: Int64 = 0
    /// The candidate this member voted for in `term`.
    var votedFor: MemberID?
    var log = CompactedLog<RaftEntry>()
    /// The term of the last compacted entry (0 before any compaction).
    var compactedTerm: Int64 = 0
    /// The highest log index known committed.
    var commitIndex = 0
    /// The highest log index applied (answers sent, watch events streamed).
    var appliedIndex = 0
    /// The leader of `term`, when known.
    var leader: MemberID?
    /// When this member last heard from its leader (a valid append).
    var heardFromLeaderAt: SimInstant?
    /// This term's randomized election timeout, drawn in [E, 2E).
    var electionTimeout: SimDuration = .zero
    /// When the member campaigns unless it hears from a leader first.
    var electionDeadline: SimInstant = .zero
    /// Identifies the pending election check, so that superseded ones are ignored.
    var electionCheck: UInt64 = 0
    /// When the pending election check fires, if one is pending.
    var electionCheckAt: SimInstant?
    /// Votes (or pre-votes) granted to this candidate, by `MemberID`.
    var votes: [Bool] = []
    /// Leader only: the next index to send to each member, by `MemberID`.
    var nextIndex: [Int] = []
    /// Leader only: the highest index known replicated on each member, by `MemberID`.
    var matchIndex: [Int] = []
    /// Leader only: when each member last answered an append (CheckQuorum), by `MemberID`.
    var lastAck: [SimInstant] = []
    /// Leader only: the index of this term's first entry; once applied, the lessor is promoted.
    var termStartIndex = 0
    /// Leader only: the lessor is primary (expires and renews leases).
    var promoted = false

    /// The index of the last log entry (0 when empty).
    var lastIndex: Int { log.count }

    /// The term of the last log entry (0 when empty).
    var lastTerm: Int64 { log.last?.term ?? compactedTerm }

    /// The term of the entry at `index`, 0 for index 0, nil beyond the log; at the
    /// compaction point, the compacted entry's term (nothing asks below it).
    func term(at index: Int) -> Int64? {
        if index == 0 { return 0 }
        if index <= log.dropped { return compactedTerm }
        return index <= log.count ? log[index].term : nil
    }

    /// Leader only: the highest index at least `quorum` members have, i.e. the `quorum`-th
    /// largest match index (0 when fewer members answered). O(members²) without allocating:
    /// a cluster has at most five members, and this runs at every acknowledgement.
    func quorumMatchIndex(_ quorum: Int) -> Int {
        var best = 0
        for candidate in matchIndex where candidate > best {
            var holders = 0
            for index in matchIndex where index >= candidate { holders += 1 }
            if holders >= quorum { best = candidate }
        }
        return best
    }

    /// Drops the log up to `index`, an index every member has applied.
    mutating func compact(through index: Int) {
        guard index > log.dropped else { return }
        compactedTerm = log[index].term
        log.drop(through: index)
    }

    /// Whether a candidate's log (last index and term) is at least as up to date as this one (raft §5.4.1).
    func accepts(lastIndex candidateIndex: Int, lastTerm candidateTerm: Int64) -> Bool {
        candidateTerm > lastTerm || (candidateTerm == lastTerm && candidateIndex >= lastIndex)
    }

    /// Whether the member can act: its process runs and is not frozen.
    var isUp: Bool { process == .running && frozenUntil == nil }

    /// Adopts a newer term as a follower (vote cleared, leader unknown).
    mutating func adopt(term newTerm: Int64) {
        term = newTerm
        votedFor = nil
        leader = nil
        becomeFollower()
    }

    /// Drops the candidate's and leader's volatile state.
    mutating func becomeFollower() {
        role = .follower
        votes = []
        nextIndex = []
        matchIndex = []
        lastAck = []
        promoted = false
        termStartIndex = 0
    }

    /// Stores the leader's entries after `prevIndex` (the caller checked that the logs
    /// match there): a conflicting suffix is cut, missing entries appended.
    /// Returns the index of the last entry the append covered.
    mutating func store(_ entries: [RaftEntry], after prevIndex: Int) -> Int {
        for (offset, entry) in entries.enumerated() {
            let index = prevIndex + 1 + offset
            if index <= log.dropped { continue }
            if index <= log.count {
                if log[index].term == entry.term { continue }
                precondition(index > commitIndex, "raft would cut committed entry \(index) (commit index \(commitIndex))")
                log.removeSuffix(from: index)
            }
            log.append(entry)
        }
        return prevIndex + entries.count
    }
}
