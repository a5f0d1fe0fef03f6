extension Simulation {
    /// A Patroni request reaches etcd member `member` from node `from`.
    ///
    /// A stopped member refuses the connection. Writes (lease grants, puts, transactions)
    /// go through raft: the leader proposes them, a follower forwards them to its leader.
    /// Reads and keep-alives are served by the leader without a log entry (a follower
    /// forwards them): reads are linearizable, a simplification of Patroni's watch-cache
    /// reads that makes a member without a leader unable to answer them. Without a
    /// leader the request is dropped and the client times out.
    func etcdReceive(_ request: EtcdRequest, callID: UInt64, attempt: UInt64, generation: UInt64, from: Int, member: Int) {
        let host = layout.etcd(member)
        guard members[member].process == .running else {
            send(.refused(.etcd(callID: callID, attempt: attempt, generation: generation)), from: host, to: HostID(from))
            return
        }
        let origin = EtcdOrigin(member: member, memberGeneration: members[member].generation, node: from,
                                callID: callID, attempt: attempt, generation: generation)
        let servedByLeader: Bool
        switch request {
        case .rangePrefix, .keepAlive: servedByLeader = true
        default: servedByLeader = false
        }
        if members[member].role == .leader {
            if servedByLeader {
                serve(request, origin: origin, at: member)
            } else {
                propose(.request(request, origin: origin), at: member)
            }
        } else if let leader = members[member].leader {
            let message: RaftMessage = servedByLeader ? .serve(request, origin: origin) : .propose(request, origin: origin)
            send(.raft(message), from: host, to: layout.etcd(leader))
        }
    }

    /// The leader serves a read or a keep-alive, if its lessor is primary and it still
    /// hears from a quorum (etcd checks its leadership before it renews a lease).
    func serve(_ request: EtcdRequest, origin: EtcdOrigin, at leader: Int) {
        guard members[leader].promoted, hasQuorumContact(leader) else { return }
        let (response, _) = etcd.apply(request, now: now)
        if origin.member == leader {
            answerServed(response, origin: origin, index: members[leader].appliedIndex)
        } else {
            send(.raft(.served(response, origin: origin, index: members[leader].appliedIndex)),
                 from: layout.etcd(leader), to: layout.etcd(origin.member))
        }
        observeLeaderKey()
    }

    /// The member a client is connected to answers a served request; a read opens the
    /// node's watch on this member, from the index the read reflected.
    func answerServed(_ response: EtcdResponse, origin: EtcdOrigin, index: Int) {
        guard members[origin.member].process == .running, members[origin.member].generation == origin.memberGeneration else { return }
        if case .range = response, layout.isNode(HostID(origin.node)) {
            watchers[origin.node] = EtcdWatcher(generation: origin.generation, member: origin.member, fromIndex: index)
        }
        send(.etcdResponse(callID: origin.callID, attempt: origin.attempt, generation: origin.generation, response),
             from: layout.etcd(origin.member), to: HostID(origin.node))
    }

    /// Applies one committed entry to the store (once, when the first member applies it).
    func applyToStore(_ entry: RaftEntry, leader: Int) -> AppliedEntry {
        switch entry.command {
        case .noop:
            return AppliedEntry(term: entry.term, response: nil, events: [])
        case let .request(request, origin):
            let (response, events) = etcd.apply(request, now: now)
            observeKeyChanges(events, by: origin.node, member: leader)
            return AppliedEntry(term: entry.term, response: response, events: events)
        case .revoke(let ids):
            let events = etcd.revoke(ids)
            observeKeyChanges(events, by: nil, member: leader)
            return AppliedEntry(term: entry.term, response: nil, events: events)
        }
    }

    /// Member `member` applied entry `index`: it answers the entry's client if that
    /// client is connected to it, and streams the entry's events to its watchers.
    func publishApplied(_ index: Int, entry: RaftEntry, output: AppliedEntry, at member: Int) {
        let delay = output.events.isEmpty ? SimDuration.zero : options.etcd.commitLatency
        if case .request(_, let origin) = entry.command, let response = output.response,
           origin.member == member, origin.memberGeneration == members[member].generation {
            send(.etcdResponse(callID: origin.callID, attempt: origin.attempt, generation: origin.generation, response),
                 from: layout.etcd(member), to: HostID(origin.node), extraDelay: delay)
        }
        broadcast(output.events, from: member, index: index, extraDelay: delay)
    }

    /// The lessor's periodic scan: the primary lessor proposes to revoke expired leases
    /// (deleting their keys when the revocation is applied).
    func lessorScan() {
        if let leader = primaryLessor {
            let expired = etcd.expiredLeases(now: now)
            if !expired.isEmpty { propose(.revoke(expired), at: leader) }
        }
        env.scheduler.schedule(.lessorScan, after: options.etcd.lessorScanInterval)
    }

    /// The leader of the highest term if its lessor is primary and it is not frozen.
    var primaryLessor: Int? {
        guard let leader = currentEtcdLeader, members[leader].isUp, members[leader].promoted else { return nil }
        return leader
    }

    /// Streams the events of entry `index` from `member` to the watches living on it; a
    /// watcher that cannot be reached loses its watch.
    private func broadcast(_ events: [WatchEvent], from member: Int, index: Int, extraDelay: SimDuration) {
        guard !events.isEmpty else { return }
        let host = layout.etcd(member)
        for node in 0..<watchers.count {
            guard let watcher = watchers[node], watcher.member == member, watcher.fromIndex < index else { continue }
            for event in events {
                if !send(.watch(generation: watcher.generation, event), from: host, to: HostID(node), extraDelay: extraDelay) {
                    endWatch(node)
                    break
                }
            }
        }
    }

    /// Ends node `node`'s watch: its Patroni's cache is no longer ready and is reloaded in its next cycle.
    func endWatch(_ node: Int) {
        guard let watcher = watchers[node] else { return }
        watchers[node] = nil
        if agents[node].generation == watcher.generation { agents[node].cacheReady = false }
    }

    /// Records leader-key changes in the timeline and the failover tracker.
    private func observeKeyChanges(_ events: [WatchEvent], by writer: Int?, member: Int) {
        let leaderKey = keys.leader
        for event in events where event.key == leaderKey {
            if let value = event.value {
                guard case .leaderName(let holder) = value, etcd.entries[leaderKey]?.createRevision == event.revision else { continue }
                if let node = nodeIndex(named: holder) {
                    let time = now
                    env.recorder.failovers.newLeaderChosen(node, name: holder, at: time)
                }
            } else {
                let how = writer == nil ? "expired" : "released"
                let time = now
                env.recorder.failovers.leaderKeyGone(at: time, how: how)
                note(layout.etcd(member), "leader-key-\(how)", writer == nil
                     ? "leader key expired (lease revoked)" : "leader key deleted by \(layout.names[writer ?? 0])")
            }
        }
    }
}
