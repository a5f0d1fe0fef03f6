/// The client side of the etcd members: requests, answers, watches and the lessor.
extension EtcdCluster {
    /// A client request reaches `member` from host `client`.
    ///
    /// A stopped member refuses the connection. Writes (lease grants, puts, transactions)
    /// go through raft: the leader proposes them, a follower forwards them to its leader.
    /// Reads and keep-alives are served by the leader without a log entry (a follower
    /// forwards them): reads are linearizable, a simplification of Patroni's watch-cache
    /// reads that makes a member without a leader unable to answer them. Without a
    /// leader the request is dropped and the client times out.
    mutating func receive(_ request: EtcdRequest, callID: UInt64, attempt: UInt64, generation: UInt64,
                          from client: HostID, at member: MemberID, _ env: inout Environment) {
        let host = layout.host(of: member)
        guard members[member].process == .running else {
            env.send(.refused(.etcd(callID: callID, attempt: attempt, generation: generation)), from: host, to: client)
            return
        }
        let origin = EtcdOrigin(member: member, memberGeneration: members[member].generation, client: client,
                                callID: callID, attempt: attempt, generation: generation)
        let servedByLeader: Bool
        switch request {
        case .rangePrefix, .keepAlive: servedByLeader = true
        default: servedByLeader = false
        }
        if members[member].role == .leader {
            if servedByLeader {
                serve(request, origin: origin, at: member, &env)
            } else {
                propose(.request(request, origin: origin), at: member, &env)
            }
        } else if let leader = members[member].leader {
            let message: RaftMessage = servedByLeader ? .serve(request, origin: origin) : .propose(request, origin: origin)
            env.send(.raft(message), from: host, to: layout.host(of: leader))
        }
    }

    /// The leader serves a read or a keep-alive, if its lessor is primary and it still
    /// hears from a quorum (etcd checks its leadership before it renews a lease).
    mutating func serve(_ request: EtcdRequest, origin: EtcdOrigin, at leader: MemberID, _ env: inout Environment) {
        guard members[leader].promoted, hasQuorumContact(leader, env.now) else { return }
        let (response, _) = store.apply(request, now: env.now)
        if origin.member == leader {
            answerServed(response, origin: origin, index: members[leader].appliedIndex, &env)
        } else {
            env.send(.raft(.served(response, origin: origin, index: members[leader].appliedIndex)),
                     from: layout.host(of: leader), to: layout.host(of: origin.member))
        }
        reportLeaderKey(&env)
    }

    /// The member a client is connected to answers a served request; a read opens the
    /// node's watch on this member, from the index the read reflected.
    mutating func answerServed(_ response: EtcdResponse, origin: EtcdOrigin, index: Int, _ env: inout Environment) {
        guard members[origin.member].process == .running, members[origin.member].generation == origin.memberGeneration else { return }
        if case .range = response, let node = layout.node(on: origin.client) {
            watchers[node] = EtcdWatcher(generation: origin.generation, member: origin.member, fromIndex: index)
        }
        answer(origin, response, from: origin.member, &env)
    }

    /// Sends `response` to the client of `origin` from `member`, telling it when its watch
    /// broke since its last answer.
    private mutating func answer(_ origin: EtcdOrigin, _ response: EtcdResponse, from member: MemberID,
                                 extraDelay: SimDuration = .zero, _ env: inout Environment) {
        var watchEnded = false
        if let node = layout.node(on: origin.client), brokenWatches[node] == origin.generation {
            brokenWatches[node] = nil
            watchEnded = true
        }
        env.send(.etcdResponse(callID: origin.callID, attempt: origin.attempt, generation: origin.generation, response,
                               watchEnded: watchEnded),
                 from: layout.host(of: member), to: origin.client, extraDelay: extraDelay)
    }

    /// Applies one committed entry to the store (once, when the first member applies it).
    mutating func applyToStore(_ entry: RaftEntry, leader: MemberID, _ env: inout Environment) -> AppliedEntry {
        switch entry.command {
        case .noop:
            return AppliedEntry(term: entry.term, response: nil, events: [])
        case let .request(request, origin):
            let (response, events) = store.apply(request, now: env.now)
            observeKeyChanges(events, by: origin.client, member: leader, &env)
            return AppliedEntry(term: entry.term, response: response, events: events)
        case .revoke(let ids):
            let events = store.revoke(ids)
            observeKeyChanges(events, by: nil, member: leader, &env)
            return AppliedEntry(term: entry.term, response: nil, events: events)
        }
    }

    /// `member` applied entry `index`: it answers the entry's client if that client is
    /// connected to it, and streams the entry's events to its watchers.
    mutating func publishApplied(_ index: Int, entry: RaftEntry, output: AppliedEntry, at member: MemberID,
                                 _ env: inout Environment) {
        let delay = output.events.isEmpty ? SimDuration.zero : options.commitLatency
        if case .request(_, let origin) = entry.command, let response = output.response,
           origin.member == member, origin.memberGeneration == members[member].generation {
            answer(origin, response, from: member, extraDelay: delay, &env)
        }
        broadcast(output.events, from: member, index: index, extraDelay: delay, &env)
    }

    /// The lessor's periodic scan: the primary lessor proposes to revoke expired leases
    /// (deleting their keys when the revocation is applied).
    mutating func lessorScan(_ env: inout Environment) {
        if let leader = primaryLessor {
            let expired = store.expiredLeases(now: env.now)
            if !expired.isEmpty { propose(.revoke(expired), at: leader, &env) }
        }
        env.scheduler.schedule(.lessorScan, after: options.lessorScanInterval)
    }

    /// The leader of the highest term if its lessor is primary and it is not frozen.
    var primaryLessor: MemberID? {
        guard let leader = currentLeaderMember, members[leader].isUp, members[leader].promoted else { return nil }
        return leader
    }

    /// Streams the events of entry `index` from `member` to the watches living on it; a
    /// watcher that cannot be reached loses its watch, and learns so from the next answer
    /// it gets.
    private mutating func broadcast(_ events: [WatchEvent], from member: MemberID, index: Int, extraDelay: SimDuration,
                                    _ env: inout Environment) {
        guard !events.isEmpty else { return }
        let host = layout.host(of: member)
        for node in layout.nodes {
            guard let watcher = watchers[node], watcher.member == member, watcher.fromIndex < index else { continue }
            for event in events {
                if !env.send(.watch(generation: watcher.generation, event), from: host, to: layout.host(of: node), extraDelay: extraDelay) {
                    watchers[node] = nil
                    brokenWatches[node] = watcher.generation
                    break
                }
            }
        }
    }

    /// The Patroni process `generation` of `node` closed its connections: its watch ends.
    mutating func watchClosed(by node: NodeID, generation: UInt64) {
        if watchers[node]?.generation == generation { watchers[node] = nil }
    }

    /// Records leader-key changes in the timeline and the failover tracker.
    private mutating func observeKeyChanges(_ events: [WatchEvent], by writer: HostID?, member: MemberID, _ env: inout Environment) {
        let leaderKey = keys.leader
        for event in events where event.key == leaderKey {
            if let value = event.value {
                guard case .leaderName(let holder) = value, store.entries[leaderKey]?.createRevision == event.revision else { continue }
                if let node = layout.node(named: holder) {
                    let time = env.now
                    env.recorder.failovers.newLeaderChosen(node, name: holder, at: time)
                }
            } else {
                let how = writer == nil ? "expired" : "released"
                let time = env.now
                env.recorder.failovers.leaderKeyGone(at: time, how: how)
                env.note(layout.host(of: member), writer == nil ? .leaderKeyExpired : .leaderKeyReleased, writer.map { "leader key deleted by \(layout.name(of: $0))" }
                         ?? "leader key expired (lease revoked)")
            }
        }
    }
}
