/// Raft log replication among the etcd members: appends, commit, apply and compaction.
extension EtcdCluster {
    /// The most entries one append carries; a follower further behind catches up over several.
    static let maxEntriesPerAppend = 64

    /// Leader `leader` appends a command to its log and replicates it; it is applied
    /// (and answered) once a quorum has it. With one member that happens at once.
    mutating func propose(_ command: RaftCommand, at leader: MemberID, _ env: inout Environment) {
        members[leader].log.append(RaftEntry(term: members[leader].term, command: command))
        members[leader].matchIndex[leader] = members[leader].lastIndex
        sendAppends(leader, &env)
        advanceCommit(leader, &env)
    }

    /// Sends an append to every other member.
    mutating func sendAppends(_ leader: MemberID, _ env: inout Environment) {
        for peer in memberIDs where peer != leader { sendAppend(leader, to: peer, &env) }
    }

    /// Sends `peer` the entries from its next index on (optimistically assuming they arrive).
    /// It reads the leader's state in place: copying the member would copy its log and arrays.
    private mutating func sendAppend(_ leader: MemberID, to peer: MemberID, _ env: inout Environment) {
        let prevIndex = max(members[leader].nextIndex[peer] - 1, members[leader].log.dropped)
        let last = min(members[leader].lastIndex, prevIndex + Self.maxEntriesPerAppend)
        let entries = members[leader].log.elements(from: prevIndex + 1, through: last)
        members[leader].nextIndex[peer] = last + 1
        let message = RaftMessage.append(term: members[leader].term, prevIndex: prevIndex,
                                         prevTerm: members[leader].term(at: prevIndex) ?? 0,
                                         entries: entries, leaderCommit: members[leader].commitIndex)
        env.send(.raft(message), from: layout.host(of: leader), to: layout.host(of: peer))
    }

    /// An append from `leader` reaches `member`: it accepts the leader of a term at least
    /// its own, stores the entries if its log matches at `prevIndex`, learns the commit
    /// index and acknowledges after persisting them.
    mutating func appendReceived(at member: MemberID, from leader: MemberID, term: Int64, prevIndex: Int, prevTerm: Int64,
                                 entries: [RaftEntry], leaderCommit: Int, _ env: inout Environment) {
        let host = layout.host(of: member)
        guard term >= members[member].term else {
            env.send(.raft(.appendReply(term: members[member].term, success: false, match: members[member].lastIndex)),
                     from: host, to: layout.host(of: leader))
            return
        }
        if term > members[member].term || members[member].role != .follower {
            stepDown(member, toTerm: term, &env)
        }
        members[member].leader = leader
        members[member].heardFromLeaderAt = env.now
        armElection(member, &env)
        guard let localTerm = members[member].term(at: prevIndex), localTerm == prevTerm else {
            let hint = min(members[member].lastIndex, prevIndex - 1)
            env.send(.raft(.appendReply(term: term, success: false, match: hint)), from: host, to: layout.host(of: leader))
            return
        }
        let match = members[member].store(entries, after: prevIndex)
        members[member].commitIndex = max(members[member].commitIndex, min(leaderCommit, match))
        env.send(.raft(.appendReply(term: term, success: true, match: match)), from: host, to: layout.host(of: leader),
                 extraDelay: entries.isEmpty ? .zero : options.commitLatency)
        applyCommitted(member, &env)
    }

    /// A follower's answer reaches leader `leader`.
    mutating func appendAnswered(at leader: MemberID, by peer: MemberID, term: Int64, success: Bool, match: Int,
                                 _ env: inout Environment) {
        if term > members[leader].term {
            stepDown(leader, toTerm: term, &env)
            return
        }
        guard members[leader].role == .leader, term == members[leader].term else { return }
        members[leader].lastAck[peer] = env.now
        if success {
            members[leader].matchIndex[peer] = max(members[leader].matchIndex[peer], match)
            members[leader].nextIndex[peer] = max(members[leader].nextIndex[peer], match + 1)
            advanceCommit(leader, &env)
        } else {
            members[leader].nextIndex[peer] = max(1, min(members[leader].nextIndex[peer] - 1, match + 1))
            sendAppend(leader, to: peer, &env)
        }
    }

    /// Commits the highest index a quorum has, if it is of the leader's term (raft §5.4.2),
    /// applies it, and tells the followers at once.
    mutating func advanceCommit(_ leader: MemberID, _ env: inout Environment) {
        let index = members[leader].quorumMatchIndex(options.quorum)
        guard index > members[leader].commitIndex, members[leader].term(at: index) == members[leader].term else { return }
        members[leader].commitIndex = index
        applyCommitted(leader, &env)
        if members[leader].role == .leader { sendAppends(leader, &env) }
    }

    /// `member` applies its committed entries in order. The first member to apply an
    /// entry applies it to the store; every member then answers its own clients and
    /// streams the events to its watches. A leader's lessor is promoted when the first
    /// entry of its term is applied: every lease then expires TTL + E from now.
    mutating func applyCommitted(_ member: MemberID, _ env: inout Environment) {
        var storeChanged = false
        while members[member].appliedIndex < members[member].commitIndex {
            let index = members[member].appliedIndex + 1
            let entry = members[member].log[index]
            let output: AppliedEntry
            if index > appliedEntries.count {
                precondition(index == appliedEntries.count + 1, "raft applied entry \(index) after \(appliedEntries.count)")
                output = applyToStore(entry, leader: member, &env)
                appliedEntries.append(output)
                storeChanged = storeChanged || !Self.isSilentRevocation(entry, output)
            } else {
                output = appliedEntries[index]
                precondition(output.term == entry.term, "raft applied different entries at index \(index)")
            }
            members[member].appliedIndex = index
            publishApplied(index, entry: entry, output: output, at: member, &env)
            if members[member].role == .leader, index == members[member].termStartIndex, !members[member].promoted {
                members[member].promoted = true
                store.promote(now: env.now, extend: options.electionTimeout)
                storeChanged = true
            }
        }
        if storeChanged { reportLeaderKey(&env) }
        compactLogs()
    }

    /// How many entries every member must have applied beyond the last compaction before
    /// the logs are compacted again (amortizes the copy).
    static let compactionBatch = 1024

    /// Drops from every member's log, and from the applied outputs, the entries every
    /// member has applied: nothing reads them again (a member restarts from its applied
    /// index and appends never go below it), so memory does not grow with the run.
    private mutating func compactLogs() {
        var applied = Int.max
        for member in memberIDs { applied = min(applied, members[member].appliedIndex) }
        guard applied - appliedEntries.dropped >= Self.compactionBatch else { return }
        for member in memberIDs { members[member].compact(through: applied) }
        appliedEntries.drop(through: applied)
    }

    /// Whether applying `entry` revoked leases that held no keys: the store's keys did not
    /// change, so the leader key's coverage need not be looked at again.
    private static func isSilentRevocation(_ entry: RaftEntry, _ output: AppliedEntry) -> Bool {
        if case .revoke = entry.command { return output.events.isEmpty }
        return false
    }

    /// A message between etcd members reaches `member` from `sender`; a stopped member drops it.
    mutating func receive(_ message: RaftMessage, at member: MemberID, from sender: MemberID, _ env: inout Environment) {
        guard members[member].process == .running else { return }
        switch message {
        case let .append(term, prevIndex, prevTerm, entries, leaderCommit):
            appendReceived(at: member, from: sender, term: term, prevIndex: prevIndex, prevTerm: prevTerm,
                           entries: entries, leaderCommit: leaderCommit, &env)
        case let .appendReply(term, success, match):
            appendAnswered(at: member, by: sender, term: term, success: success, match: match, &env)
        case let .requestVote(term, lastIndex, lastTerm, pre):
            voteRequested(at: member, by: sender, term: term, lastIndex: lastIndex, lastTerm: lastTerm, pre: pre, &env)
        case let .voteReply(term, granted, pre):
            voteAnswered(at: member, by: sender, term: term, granted: granted, pre: pre, &env)
        case let .propose(request, origin):
            if members[member].role == .leader { propose(.request(request, origin: origin), at: member, &env) }
        case let .serve(request, origin):
            if members[member].role == .leader { serve(request, origin: origin, at: member, &env) }
        case let .served(response, origin, index):
            answerServed(response, origin: origin, index: index, &env)
        }
    }
}
