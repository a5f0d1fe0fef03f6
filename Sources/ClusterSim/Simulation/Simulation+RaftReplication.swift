extension Simulation {
    /// The most entries one append carries; a follower further behind catches up over several.
    static let maxEntriesPerAppend = 64

    /// Leader `leader` appends a command to its log and replicates it; it is applied
    /// (and answered) once a quorum has it. With one member that happens at once.
    func propose(_ command: RaftCommand, at leader: Int) {
        members[leader].log.append(RaftEntry(term: members[leader].term, command: command))
        members[leader].matchIndex[leader] = members[leader].lastIndex
        sendAppends(leader)
        advanceCommit(leader)
    }

    /// Sends an append to every other member.
    func sendAppends(_ leader: Int) {
        for peer in members.indices where peer != leader { sendAppend(leader, to: peer) }
    }

    /// Sends `peer` the entries from its next index on (optimistically assuming they arrive).
    /// It reads the leader's state in place: copying the member would copy its log and arrays.
    private func sendAppend(_ leader: Int, to peer: Int) {
        let prevIndex = max(members[leader].nextIndex[peer] - 1, members[leader].log.dropped)
        let last = min(members[leader].lastIndex, prevIndex + Self.maxEntriesPerAppend)
        let entries = members[leader].log.elements(from: prevIndex + 1, through: last)
        members[leader].nextIndex[peer] = last + 1
        let message = RaftMessage.append(term: members[leader].term, prevIndex: prevIndex,
                                         prevTerm: members[leader].term(at: prevIndex) ?? 0,
                                         entries: entries, leaderCommit: members[leader].commitIndex)
        send(.raft(message), from: layout.etcd(leader), to: layout.etcd(peer))
    }

    /// An append from `leader` reaches `member`: it accepts the leader of a term at least
    /// its own, stores the entries if its log matches at `prevIndex`, learns the commit
    /// index and acknowledges after persisting them.
    func appendReceived(at member: Int, from leader: Int, term: Int64, prevIndex: Int, prevTerm: Int64,
                        entries: [RaftEntry], leaderCommit: Int) {
        let host = layout.etcd(member)
        guard term >= members[member].term else {
            send(.raft(.appendReply(term: members[member].term, success: false, match: members[member].lastIndex)),
                 from: host, to: layout.etcd(leader))
            return
        }
        if term > members[member].term || members[member].role != .follower {
            stepDown(member, toTerm: term)
        }
        members[member].leader = leader
        members[member].heardFromLeaderAt = now
        armElection(member)
        guard let localTerm = members[member].term(at: prevIndex), localTerm == prevTerm else {
            let hint = min(members[member].lastIndex, prevIndex - 1)
            send(.raft(.appendReply(term: term, success: false, match: hint)), from: host, to: layout.etcd(leader))
            return
        }
        let match = members[member].store(entries, after: prevIndex)
        members[member].commitIndex = max(members[member].commitIndex, min(leaderCommit, match))
        send(.raft(.appendReply(term: term, success: true, match: match)), from: host, to: layout.etcd(leader),
             extraDelay: entries.isEmpty ? .zero : options.etcd.commitLatency)
        applyCommitted(member)
    }

    /// A follower's answer reaches leader `leader`.
    func appendAnswered(at leader: Int, by peer: Int, term: Int64, success: Bool, match: Int) {
        if term > members[leader].term {
            stepDown(leader, toTerm: term)
            return
        }
        guard members[leader].role == .leader, term == members[leader].term else { return }
        members[leader].lastAck[peer] = now
        if success {
            members[leader].matchIndex[peer] = max(members[leader].matchIndex[peer], match)
            members[leader].nextIndex[peer] = max(members[leader].nextIndex[peer], match + 1)
            advanceCommit(leader)
        } else {
            members[leader].nextIndex[peer] = max(1, min(members[leader].nextIndex[peer] - 1, match + 1))
            sendAppend(leader, to: peer)
        }
    }

    /// Commits the highest index a quorum has, if it is of the leader's term (raft §5.4.2),
    /// applies it, and tells the followers at once.
    func advanceCommit(_ leader: Int) {
        let index = members[leader].quorumMatchIndex(options.etcd.quorum)
        guard index > members[leader].commitIndex, members[leader].term(at: index) == members[leader].term else { return }
        members[leader].commitIndex = index
        applyCommitted(leader)
        if members[leader].role == .leader { sendAppends(leader) }
    }

    /// `member` applies its committed entries in order. The first member to apply an
    /// entry applies it to the store; every member then answers its own clients and
    /// streams the events to its watches. A leader's lessor is promoted when the first
    /// entry of its term is applied: every lease then expires TTL + E from now.
    func applyCommitted(_ member: Int) {
        var storeChanged = false
        while members[member].appliedIndex < members[member].commitIndex {
            let index = members[member].appliedIndex + 1
            let entry = members[member].log[index]
            let output: AppliedEntry
            if index > appliedEntries.count {
                precondition(index == appliedEntries.count + 1, "raft applied entry \(index) after \(appliedEntries.count)")
                output = applyToStore(entry, leader: member)
                appliedEntries.append(output)
                storeChanged = storeChanged || !Self.isSilentRevocation(entry, output)
            } else {
                output = appliedEntries[index]
                precondition(output.term == entry.term, "raft applied different entries at index \(index)")
            }
            members[member].appliedIndex = index
            publishApplied(index, entry: entry, output: output, at: member)
            if members[member].role == .leader, index == members[member].termStartIndex, !members[member].promoted {
                members[member].promoted = true
                etcd.promote(now: now, extend: options.etcd.electionTimeout)
                storeChanged = true
            }
        }
        if storeChanged { observeLeaderKey() }
        compactRaftLogs()
    }

    /// How many entries every member must have applied beyond the last compaction before
    /// the logs are compacted again (amortizes the copy).
    static let compactionBatch = 1024

    /// Drops from every member's log, and from the applied outputs, the entries every
    /// member has applied: nothing reads them again (a member restarts from its applied
    /// index and appends never go below it), so memory does not grow with the run.
    private func compactRaftLogs() {
        var applied = Int.max
        for member in members.indices { applied = min(applied, members[member].appliedIndex) }
        guard applied - appliedEntries.dropped >= Self.compactionBatch else { return }
        for member in members.indices { members[member].compact(through: applied) }
        appliedEntries.drop(through: applied)
    }

    /// Whether applying `entry` revoked leases that held no keys: the store's keys did not
    /// change, so the leader key's coverage need not be looked at again.
    private static func isSilentRevocation(_ entry: RaftEntry, _ output: AppliedEntry) -> Bool {
        if case .revoke = entry.command { return output.events.isEmpty }
        return false
    }

    /// A message between etcd members reaches `member`; a stopped member drops it.
    func raftReceive(_ message: RaftMessage, at member: Int, from host: Int) {
        guard members[member].process == .running else { return }
        let sender = host - layout.etcd(0).index
        switch message {
        case let .append(term, prevIndex, prevTerm, entries, leaderCommit):
            appendReceived(at: member, from: sender, term: term, prevIndex: prevIndex, prevTerm: prevTerm,
                           entries: entries, leaderCommit: leaderCommit)
        case let .appendReply(term, success, match):
            appendAnswered(at: member, by: sender, term: term, success: success, match: match)
        case let .requestVote(term, lastIndex, lastTerm, pre):
            voteRequested(at: member, by: sender, term: term, lastIndex: lastIndex, lastTerm: lastTerm, pre: pre)
        case let .voteReply(term, granted, pre):
            voteAnswered(at: member, by: sender, term: term, granted: granted, pre: pre)
        case let .propose(request, origin):
            if members[member].role == .leader { propose(.request(request, origin: origin), at: member) }
        case let .serve(request, origin):
            if members[member].role == .leader { serve(request, origin: origin, at: member) }
        case let .served(response, origin, index):
            answerServed(response, origin: origin, index: index)
        }
    }
}
