extension Simulation {
    /// `update_lock`: a forced lease keep-alive (deadline `retry_timeout`), and a re-bind of
    /// the leader key when this process's lease differs from the key's (PATRONI.md §1.4-A).
    func updateLock(_ node: Int) {
        callEtcd(node, .keepAlive(lease: agents[node].lease), .updateLockKeepAlive)
    }

    func updateLockStep(_ node: Int, _ purpose: EtcdCall.Purpose, _ result: EtcdCallResult) {
        let leaderKey = keys.leader
        switch (purpose, result) {
        case (_, .failed):
            dcsError(node)
        case (.updateLockKeepAlive, .answered(.keepAliveOK)):
            agents[node].leaseRefreshedAt = wallNow(node)
            if agents[node].cache[.leader]?.lease == agents[node].lease {
                lockUpdated(node)
            } else {
                callEtcd(node, .putIfValueOrAbsent(key: leaderKey, value: .leaderName(name(node)), lease: agents[node].lease,
                                                   expected: .leaderName(name(node))), .updateLockRebind)
            }
        case (.updateLockKeepAlive, .answered(.leaseNotFound)):
            callEtcd(node, .grantLease(ttlSeconds: timers(of: node).ttl.microseconds / 1_000_000), .updateLockGrant)
        case (.updateLockGrant, .answered(.leaseGranted(let id, _))):
            agents[node].lease = id
            agents[node].leaseRefreshedAt = wallNow(node)
            agents[node].publishedMember = nil
            callEtcd(node, .putIfValueOrAbsent(key: leaderKey, value: .leaderName(name(node)), lease: id,
                                               expected: .leaderName(name(node))), .updateLockRebind)
        case (.updateLockRebind, .answered(.ok)):
            lockUpdated(node)
        default:
            lockLost(node)
        }
    }

    /// The CAS failed: someone else holds the key ("failed to update leader lock").
    private func lockLost(_ node: Int) {
        agents[node].leaderExpiry = nil
        disarmWatchdog(node)
        if postgres[node].acceptsWrites && isPaused(node) {
            note(node, "lock-lost", "continue to run as primary after failing to update leader lock in DCS")
        } else if postgres[node].acceptsWrites {
            note(node, "demote", "demoted self because failed to update leader lock in DCS")
            demote(node, .immediateNolock)
        } else {
            note(node, "lock-lost", "failed to update leader lock")
        }
        touchMember(node)
    }

    /// The lock is ours for another `ttl`: act as the leader.
    private func lockUpdated(_ node: Int) {
        agents[node].leaderExpiry = wallNow(node) + timers(of: node).ttl
        pingWatchdog(node)
        if agents[node].action == nil, postgres[node].acceptsWrites, manualFailoverFromLeader(node) { return }
        actAsLeader(node)
    }

    /// The leader's duties after a successful lock update and any manual-failover handling:
    /// restart a crashed primary, publish the optime and history, promote a read-only lock holder.
    func actAsLeader(_ node: Int) {
        let pg = postgres[node]
        if agents[node].action != nil {
            if !startTimedOut(node) { touchMember(node) }
        } else if !pg.processAlive {
            recoverAsLeader(node)
        } else if pg.acceptsWrites {
            if !pg.checkpointedSincePromotion { postgres[node].checkpointedSincePromotion = true }
            createSlots(node)
            writeStatus(node)
        } else if pg.state == .running {
            enforcePrimaryRole(node, acquired: false)
        } else {
            touchMember(node)
        }
    }

    /// The leader creates a physical slot for every member it sees (`use_slots`).
    private func createSlots(_ node: Int) {
        for member in cachedMembers(node) where member != node {
            postgres[node].slots[member] = true
        }
    }

    private func writeStatus(_ node: Int) {
        let optime = postgres[node].lsn
        if agents[node].publishedOptime == optime {
            writeFailsafe(node)
        } else {
            agents[node].publishedOptime = optime
            callEtcd(node, .put(key: keys.status, value: .status(optime: optime), lease: 0),
                     .writeStatus, retries: false)
        }
    }

    /// Writes a promotion still missing from `history`, then runs synchronous-replication maintenance.
    func writeHistory(_ node: Int) {
        guard let line = agents[node].pendingHistory else {
            processSyncReplication(node)
            return
        }
        agents[node].pendingHistory = nil
        let lines = (cachedHistory(node) ?? []) + [line]
        callEtcd(node, .put(key: keys.history, value: .history(lines), lease: 0), .writeHistory, retries: false)
    }

    func leaderWriteDone(_ node: Int, _ purpose: EtcdCall.Purpose, _ result: EtcdCallResult) {
        if purpose == .writeStatus { writeFailsafe(node) } else { processSyncReplication(node) }
    }

    /// `enforce_primary_role` after taking or keeping the lock: promote a replica.
    func enforcePrimaryRole(_ node: Int, acquired: Bool) {
        if postgres[node].acceptsWrites {
            note(node, "lock-kept", "acquired session lock as a leader")
            let time = now
            let timelineNow = timelineNumber(node)
            env.recorder.failovers.promoted(node, timeline: timelineNow, at: time)
        } else if synchronousMode {
            prepareSyncBeforePromotion(node)
            return
        } else {
            note(node, "promote", acquired
                 ? "promoted self to leader by acquiring session lock"
                 : "promoted self to leader because I had the session lock")
            promote(node)
        }
        touchMember(node)
    }
}
