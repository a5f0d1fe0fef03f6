/// Raft leader election among the etcd members: election timers, pre-votes and votes,
/// heartbeats and CheckQuorum.
extension EtcdCluster {
    /// Draws this term's randomized election timeout in [E, 2E) from the `etcd-raft` stream.
    mutating func drawElectionTimeout(_ member: MemberID) {
        let base = options.electionTimeout.microseconds
        members[member].electionTimeout = SimDuration(microseconds: base + Int64(raftRandom.nextInt(below: UInt64(max(1, base)))))
    }

    /// Restarts the election timer: the member campaigns unless it hears from a leader in time.
    mutating func armElection(_ member: MemberID, _ env: inout Environment) {
        members[member].electionDeadline = env.now + members[member].electionTimeout
        scheduleElectionCheck(member, &env)
    }

    /// Keeps one pending check no later than the deadline; a check that fires early re-arms itself.
    private mutating func scheduleElectionCheck(_ member: MemberID, _ env: inout Environment) {
        let deadline = members[member].electionDeadline
        if let pending = members[member].electionCheckAt, pending <= deadline { return }
        members[member].electionCheck += 1
        members[member].electionCheckAt = deadline
        env.scheduler.schedule(.raftElectionCheck(member: member, generation: members[member].generation,
                                                  check: members[member].electionCheck), at: deadline)
    }

    /// The election timer fired: campaign if the deadline really passed.
    mutating func electionCheckFired(_ member: MemberID, generation: UInt64, check: UInt64, _ env: inout Environment) {
        guard members[member].generation == generation, members[member].electionCheck == check else { return }
        members[member].electionCheckAt = nil
        guard members[member].process == .running, members[member].role != .leader else { return }
        if env.now < members[member].electionDeadline {
            scheduleElectionCheck(member, &env)
        } else {
            campaign(member, &env)
        }
    }

    /// Starts an election: with several members first a pre-vote round (etcd's
    /// `--pre-vote`, on by default since 3.5), so that a member cut off from the others
    /// does not raise its term and depose a healthy leader when it returns.
    private mutating func campaign(_ member: MemberID, _ env: inout Environment) {
        if options.quorum == 1 {
            startElection(member, &env)
            return
        }
        members[member].becomeFollower()
        members[member].role = .preCandidate
        members[member].leader = nil
        members[member].votes = memberIDs.map { $0 == member }
        drawElectionTimeout(member)
        armElection(member, &env)
        askForVotes(member, term: members[member].term + 1, pre: true, &env)
    }

    /// Becomes a candidate of the next term, votes for itself and asks the others.
    private mutating func startElection(_ member: MemberID, _ env: inout Environment) {
        members[member].term += 1
        members[member].becomeFollower()
        members[member].role = .candidate
        members[member].votedFor = member
        members[member].leader = nil
        members[member].votes = memberIDs.map { $0 == member }
        drawElectionTimeout(member)
        armElection(member, &env)
        if options.quorum == 1 {
            becomeLeader(member, &env)
            return
        }
        askForVotes(member, term: members[member].term, pre: false, &env)
    }

    /// Sends every other member a vote request (or pre-vote request) for `term`.
    private func askForVotes(_ member: MemberID, term: Int64, pre: Bool, _ env: inout Environment) {
        let request = RaftMessage.requestVote(term: term, lastIndex: members[member].lastIndex,
                                              lastTerm: members[member].lastTerm, pre: pre)
        for peer in memberIDs where peer != member {
            env.send(.raft(request), from: layout.host(of: member), to: layout.host(of: peer))
        }
    }

    /// A candidate asks `member` for its vote. A member that heard from a live leader
    /// within the election timeout ignores it (etcd's CheckQuorum lease); otherwise it
    /// grants one vote per term, to a candidate whose log is at least as up to date. A
    /// pre-vote is granted on the same conditions but changes neither term nor vote.
    mutating func voteRequested(at member: MemberID, by candidate: MemberID, term: Int64, lastIndex: Int, lastTerm: Int64,
                                pre: Bool, _ env: inout Environment) {
        if term > members[member].term, inLeaderLease(member, env.now) { return }
        let granted: Bool
        if pre {
            granted = term > members[member].term && members[member].accepts(lastIndex: lastIndex, lastTerm: lastTerm)
        } else {
            if term > members[member].term { stepDown(member, toTerm: term, &env) }
            let state = members[member]
            granted = term == state.term && (state.votedFor == nil || state.votedFor == candidate)
                && state.accepts(lastIndex: lastIndex, lastTerm: lastTerm)
            if granted {
                members[member].votedFor = candidate
                armElection(member, &env)
            }
        }
        let answerTerm = pre && granted ? term : members[member].term
        env.send(.raft(.voteReply(term: answerTerm, granted: granted, pre: pre)),
                 from: layout.host(of: member), to: layout.host(of: candidate))
    }

    /// A vote reached candidate `member`; a majority of pre-votes starts the election, a
    /// majority of votes makes it leader.
    mutating func voteAnswered(at member: MemberID, by voter: MemberID, term: Int64, granted: Bool, pre: Bool,
                               _ env: inout Environment) {
        if !granted, term > members[member].term {
            stepDown(member, toTerm: term, &env)
            return
        }
        let expectedRole: RaftMember.Role = pre ? .preCandidate : .candidate
        let expectedTerm = pre ? members[member].term + 1 : members[member].term
        guard granted, members[member].role == expectedRole, term == expectedTerm else { return }
        members[member].votes[voter] = true
        guard members[member].votes.filter({ $0 }).count >= options.quorum else { return }
        if pre {
            startElection(member, &env)
        } else {
            becomeLeader(member, &env)
        }
    }

    /// Wins the election: appends the empty entry of its term and starts heartbeats. Its
    /// lessor becomes primary once that entry is applied.
    private mutating func becomeLeader(_ member: MemberID, _ env: inout Environment) {
        members[member].role = .leader
        members[member].leader = member
        members[member].votes = []
        members[member].nextIndex = Array(repeating: members[member].lastIndex + 1, count: members.count)
        members[member].matchIndex = Array(repeating: 0, count: members.count)
        members[member].lastAck = Array(repeating: env.now, count: members.count)
        members[member].promoted = false
        members[member].log.append(RaftEntry(term: members[member].term, command: .noop))
        members[member].termStartIndex = members[member].lastIndex
        members[member].matchIndex[member] = members[member].lastIndex
        env.note(layout.host(of: member), .etcdLeaderElected, "\(name(of: member)) became the etcd leader in term \(members[member].term)")
        scheduleHeartbeat(member, &env)
        sendAppends(member, &env)
        advanceCommit(member, &env)
    }

    /// Schedules the leader's next heartbeat tick, tied to its incarnation and term.
    private func scheduleHeartbeat(_ member: MemberID, _ env: inout Environment) {
        env.scheduler.schedule(.raftHeartbeat(member: member, generation: members[member].generation, term: members[member].term),
                               after: options.heartbeatInterval)
    }

    /// The leader's heartbeat: step down without a quorum heard from within the election
    /// timeout (CheckQuorum), else send appends to every follower.
    mutating func heartbeatTick(_ member: MemberID, generation: UInt64, term: Int64, _ env: inout Environment) {
        guard members[member].generation == generation, members[member].process == .running,
              members[member].role == .leader, members[member].term == term else { return }
        guard hasQuorumContact(member, env.now) else {
            stepDown(member, toTerm: term, &env)
            return
        }
        sendAppends(member, &env)
        scheduleHeartbeat(member, &env)
    }

    /// Whether leader `member` heard from a quorum (itself included) within the election
    /// timeout before `now`.
    func hasQuorumContact(_ member: MemberID, _ now: SimInstant) -> Bool {
        let since = now - options.electionTimeout
        let heard = memberIDs.filter { $0 == member || members[member].lastAck[$0] >= since }.count
        return heard >= options.quorum
    }

    /// Whether `member` heard from a live leader within the election timeout before `now`
    /// (it is that leader, with a quorum).
    private func inLeaderLease(_ member: MemberID, _ now: SimInstant) -> Bool {
        if members[member].role == .leader { return hasQuorumContact(member, now) }
        guard members[member].leader != nil, let heard = members[member].heardFromLeaderAt else { return false }
        return now - heard < options.electionTimeout
    }

    /// Becomes a follower in `term` (a newer term clears the vote); a leader notes its loss.
    mutating func stepDown(_ member: MemberID, toTerm term: Int64, _ env: inout Environment) {
        if members[member].role == .leader {
            env.note(layout.host(of: member), .etcdLeaderLost, "\(name(of: member)) is no longer the etcd leader (term \(members[member].term))")
        }
        if term > members[member].term {
            members[member].adopt(term: term)
        } else {
            members[member].becomeFollower()
            if members[member].leader == member { members[member].leader = nil }
        }
        drawElectionTimeout(member)
        armElection(member, &env)
    }
}
