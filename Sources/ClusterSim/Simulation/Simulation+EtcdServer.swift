extension Simulation {
    /// etcd applies a request and answers; writes also stream watch events.
    func etcdReceive(_ request: EtcdRequest, callID: UInt64, attempt: UInt64, generation: UInt64, from: Int) {
        let etcdHost = layout.etcd(0)
        let (response, events) = etcd.apply(request, now: now)
        let isWrite = !events.isEmpty
        let commit = isWrite ? options.etcd.commitLatency : .zero
        if case .rangePrefix = request, layout.isNode(from) {
            watchers[from] = generation
        }
        send(.etcdResponse(callID: callID, attempt: attempt, generation: generation, response),
             from: etcdHost, to: from, extraDelay: commit)
        observeKeyChanges(events, by: from)
        broadcast(events, extraDelay: commit)
        observeLeaderKey()
    }

    /// The lessor's periodic scan: revoke expired leases and delete their keys.
    func lessorScan() {
        let (events, _) = etcd.revokeExpired(now: now)
        if !events.isEmpty {
            observeKeyChanges(events, by: nil)
            broadcast(events, extraDelay: options.etcd.commitLatency)
            observeLeaderKey()
        }
        scheduler.schedule(.lessorScan, after: options.etcd.lessorScanInterval)
    }

    /// Streams watch events to every watcher; a watcher that cannot be reached loses its watch.
    func broadcast(_ events: [WatchEvent], extraDelay: SimDuration) {
        let etcdHost = layout.etcd(0)
        for node in 0..<watchers.count {
            guard let generation = watchers[node] else { continue }
            for event in events {
                if !send(.watch(generation: generation, event), from: etcdHost, to: node, extraDelay: extraDelay) {
                    watchers[node] = nil
                    if agents[node].generation == generation { agents[node].cacheReady = false }
                    break
                }
            }
        }
    }

    /// Records leader-key changes in the timeline and the failover tracker.
    private func observeKeyChanges(_ events: [WatchEvent], by writer: Int?) {
        let leaderKey = keys.leader
        for event in events where event.key == leaderKey {
            if let value = event.value {
                guard case .leaderName(let holder) = value, etcd.entries[leaderKey]?.createRevision == event.revision else { continue }
                if let node = nodeIndex(named: holder) {
                    failovers.newLeaderChosen(node, name: holder, at: now)
                }
            } else {
                let how = writer == nil ? "expired" : "released"
                failovers.leaderKeyGone(at: now, how: how)
                note(layout.etcd(0), "leader-key-\(how)", writer == nil
                     ? "leader key expired (lease revoked)" : "leader key deleted by \(layout.names[writer ?? 0])")
            }
        }
    }

    /// The key's name relative to the cluster prefix.
    func relativeKey(_ key: String) -> String {
        String(key.dropFirst(keys.prefix.count))
    }
}
