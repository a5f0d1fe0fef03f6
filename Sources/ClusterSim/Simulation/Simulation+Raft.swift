extension Simulation {
    /// Starts the etcd members: one member leads from time zero (no election, no timer,
    /// no random draw); several members start as followers of term 0 and elect a leader.
    func bootEtcdMembers() {
        precondition(!members.isEmpty, "a cluster needs at least one etcd member (ClusterOptions.etcd.members was \(members.count))")
        if members.count == 1 {
            members[0].term = 1
            members[0].role = .leader
            members[0].leader = 0
            members[0].nextIndex = [1]
            members[0].matchIndex = [0]
            members[0].lastAck = [.zero]
            members[0].promoted = true
            return
        }
        for member in members.indices {
            drawElectionTimeout(member)
            armElection(member)
        }
    }

    /// The name of etcd member `member` (`etcd`, or `etcd1`...).
    func memberName(_ member: Int) -> String { layout.name(of: layout.etcd(member)) }

    /// Draws this term's randomized election timeout in [E, 2E) from the `etcd-raft` stream.
    func drawElectionTimeout(_ member: Int) {
        let base = options.etcd.electionTimeout.microseconds
        members[member].electionTimeout = SimDuration(microseconds: base + Int64(raftRandom.nextInt(below: UInt64(max(1, base)))))
    }

    /// Restarts the election timer: the member campaigns unless it hears from a leader in time.
    func armElection(_ member: Int) {
        members[member].electionDeadline = now + members[member].electionTimeout
        scheduleElectionCheck(member)
    }

    /// Keeps one pending check no later than the deadline; a check that fires early re-arms itself.
    private func scheduleElectionCheck(_ member: Int) {
        let deadline = members[member].electionDeadline
        if let pending = members[member].electionCheckAt, pending <= deadline { return }
        members[member].electionCheck += 1
        members[member].electionCheckAt = deadline
        env.scheduler.schedule(.raftElectionCheck(member: member, generation: members[member].generation,
                                              check: members[member].electionCheck), at: deadline)
    }

    /// The election timer fired: campaign if the deadline really passed.
    func electionCheckFired(_ member: Int, generation: UInt64, check: UInt64) {
        guard members[member].generation == generation, members[member].electionCheck == check else { return }
        members[member].electionCheckAt = nil
        guard members[member].process == .running, members[member].role != .leader else { return }
        if now < members[member].electionDeadline {
            scheduleElectionCheck(member)
        } else {
            campaign(member)
        }
    }

    /// Starts an election: with several members first a pre-vote round (etcd's
    /// `--pre-vote`, on by default since 3.5), so that a member cut off from the others
    /// does not raise its term and depose a healthy leader when it returns.
    private func campaign(_ member: Int) {
        if options.etcd.quorum == 1 {
            startElection(member)
            return
        }
        members[member].becomeFollower()
        members[member].role = .preCandidate
        members[member].leader = nil
        members[member].votes = members.indices.map { $0 == member }
        drawElectionTimeout(member)
        armElection(member)
        askForVotes(member, term: members[member].term + 1, pre: true)
    }

    /// Becomes a candidate of the next term, votes for itself and asks the others.
    private func startElection(_ member: Int) {
        members[member].term += 1
        members[member].becomeFollower()
        members[member].role = .candidate
        members[member].votedFor = member
        members[member].leader = nil
        members[member].votes = members.indices.map { $0 == member }
        drawElectionTimeout(member)
        armElection(member)
        if options.etcd.quorum == 1 {
            becomeLeader(member)
            return
        }
        askForVotes(member, term: members[member].term, pre: false)
    }

    /// Sends every other member a vote request (or pre-vote request) for `term`.
    private func askForVotes(_ member: Int, term: Int64, pre: Bool) {
        let request = RaftMessage.requestVote(term: term, lastIndex: members[member].lastIndex,
                                              lastTerm: members[member].lastTerm, pre: pre)
        for peer in members.indices where peer != member {
            send(.raft(request), from: layout.etcd(member), to: layout.etcd(peer))
        }
    }

    /// A candidate asks `member` for its vote. A member that heard from a live leader
    /// within the election timeout ignores it (etcd's CheckQuorum lease); otherwise it
    /// grants one vote per term, to a candidate whose log is at least as up to date. A
    /// pre-vote is granted on the same conditions but changes neither term nor vote.
    func voteRequested(at member: Int, by candidate: Int, term: Int64, lastIndex: Int, lastTerm: Int64, pre: Bool) {
        if term > members[member].term, inLeaderLease(member) { return }
        let granted: Bool
        if pre {
            granted = term > members[member].term && members[member].accepts(lastIndex: lastIndex, lastTerm: lastTerm)
        } else {
            if term > members[member].term { stepDown(member, toTerm: term) }
            let state = members[member]
            granted = term == state.term && (state.votedFor == nil || state.votedFor == candidate)
                && state.accepts(lastIndex: lastIndex, lastTerm: lastTerm)
            if granted {
                members[member].votedFor = candidate
                armElection(member)
            }
        }
        let answerTerm = pre && granted ? term : members[member].term
        send(.raft(.voteReply(term: answerTerm, granted: granted, pre: pre)), from: layout.etcd(member), to: layout.etcd(candidate))
    }

    /// A vote reached candidate `member`; a majority of pre-votes starts the election, a
    /// majority of votes makes it leader.
    func voteAnswered(at member: Int, by voter: Int, term: Int64, granted: Bool, pre: Bool) {
        if !granted, term > members[member].term {
            stepDown(member, toTerm: term)
            return
        }
        let expectedRole: RaftMember.Role = pre ? .preCandidate : .candidate
        let expectedTerm = pre ? members[member].term + 1 : members[member].term
        guard granted, members[member].role == expectedRole, term == expectedTerm else { return }
        members[member].votes[voter] = true
        guard members[member].votes.filter({ $0 }).count >= options.etcd.quorum else { return }
        if pre {
            startElection(member)
        } else {
            becomeLeader(member)
        }
    }

    /// Wins the election: appends the empty entry of its term and starts heartbeats. Its
    /// lessor becomes primary once that entry is applied.
    private func becomeLeader(_ member: Int) {
        members[member].role = .leader
        members[member].leader = member
        members[member].votes = []
        members[member].nextIndex = Array(repeating: members[member].lastIndex + 1, count: members.count)
        members[member].matchIndex = Array(repeating: 0, count: members.count)
        members[member].lastAck = Array(repeating: now, count: members.count)
        members[member].promoted = false
        members[member].log.append(RaftEntry(term: members[member].term, command: .noop))
        members[member].termStartIndex = members[member].lastIndex
        members[member].matchIndex[member] = members[member].lastIndex
        note(layout.etcd(member), "etcd-leader-elected", "\(memberName(member)) became the etcd leader in term \(members[member].term)")
        scheduleHeartbeat(member)
        sendAppends(member)
        advanceCommit(member)
    }

    /// Schedules the leader's next heartbeat tick, tied to its incarnation and term.
    private func scheduleHeartbeat(_ member: Int) {
        env.scheduler.schedule(.raftHeartbeat(member: member, generation: members[member].generation, term: members[member].term),
                           after: options.etcd.heartbeatInterval)
    }

    /// The leader's heartbeat: step down without a quorum heard from within the election
    /// timeout (CheckQuorum), else send appends to every follower.
    func heartbeatTick(_ member: Int, generation: UInt64, term: Int64) {
        guard members[member].generation == generation, members[member].process == .running,
              members[member].role == .leader, members[member].term == term else { return }
        guard hasQuorumContact(member) else {
            stepDown(member, toTerm: term)
            return
        }
        sendAppends(member)
        scheduleHeartbeat(member)
    }

    /// Whether leader `member` heard from a quorum (itself included) within the election timeout.
    func hasQuorumContact(_ member: Int) -> Bool {
        let since = now - options.etcd.electionTimeout
        let heard = members.indices.filter { $0 == member || members[member].lastAck[$0] >= since }.count
        return heard >= options.etcd.quorum
    }

    /// Whether `member` heard from a live leader within the election timeout (it is that leader, with a quorum).
    private func inLeaderLease(_ member: Int) -> Bool {
        if members[member].role == .leader { return hasQuorumContact(member) }
        guard members[member].leader != nil, let heard = members[member].heardFromLeaderAt else { return false }
        return now - heard < options.etcd.electionTimeout
    }

    /// Becomes a follower in `term` (a newer term clears the vote); a leader notes its loss.
    func stepDown(_ member: Int, toTerm term: Int64) {
        if members[member].role == .leader {
            note(layout.etcd(member), "etcd-leader-lost", "\(memberName(member)) is no longer the etcd leader (term \(members[member].term))")
        }
        if term > members[member].term {
            members[member].adopt(term: term)
        } else {
            members[member].becomeFollower()
            if members[member].leader == member { members[member].leader = nil }
        }
        drawElectionTimeout(member)
        armElection(member)
    }
}
