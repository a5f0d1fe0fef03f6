/// The lock holder's cycle (PATRONI.md §1.4-A): `update_lock`, and the leader's duties.
extension Node {
    /// `update_lock`: a forced lease keep-alive (deadline `retry_timeout`), and a re-bind of
    /// the leader key when this process's lease differs from the key's.
    mutating func updateLock(_ env: inout Environment) {
        callEtcd(.keepAlive(lease: agent.lease), .updateLockKeepAlive, &env)
    }

    /// A step of `update_lock` ended.
    mutating func updateLockStep(_ purpose: EtcdCall.Purpose, _ result: EtcdCallResult, _ env: inout Environment) {
        let leaderKey = keys.leader
        switch (purpose, result) {
        case (_, .failed):
            dcsError(&env)
        case (.updateLockKeepAlive, .answered(.keepAliveOK)):
            agent.leaseRefreshedAt = wallClock(at: env.now)
            if agent.cache[.leader]?.lease == agent.lease {
                lockUpdated(&env)
            } else {
                callEtcd(.putIfValueOrAbsent(key: leaderKey, value: .leaderName(name), lease: agent.lease,
                                             expected: .leaderName(name)), .updateLockRebind, &env)
            }
        case (.updateLockKeepAlive, .answered(.leaseNotFound)):
            callEtcd(.grantLease(ttlSeconds: timers.ttl.microseconds / 1_000_000), .updateLockGrant, &env)
        case (.updateLockGrant, .answered(.leaseGranted(let lease, _))):
            agent.lease = lease
            agent.leaseRefreshedAt = wallClock(at: env.now)
            agent.publishedMember = nil
            callEtcd(.putIfValueOrAbsent(key: leaderKey, value: .leaderName(name), lease: lease,
                                         expected: .leaderName(name)), .updateLockRebind, &env)
        case (.updateLockRebind, .answered(.ok)):
            lockUpdated(&env)
        default:
            lockLost(&env)
        }
    }

    /// The CAS failed: someone else holds the key ("failed to update leader lock").
    private mutating func lockLost(_ env: inout Environment) {
        agent.leaderExpiry = nil
        disarmWatchdog(&env)
        if postgres.acceptsWrites && isPaused {
            env.note(host, .lockLost, "continue to run as primary after failing to update leader lock in DCS")
        } else if postgres.acceptsWrites {
            env.note(host, .demote, "demoted self because failed to update leader lock in DCS")
            demote(.immediateNolock, &env)
        } else {
            env.note(host, .lockLost, "failed to update leader lock")
        }
        touchMember(&env)
    }

    /// The lock is ours for another `ttl`: act as the leader.
    private mutating func lockUpdated(_ env: inout Environment) {
        agent.leaderExpiry = wallClock(at: env.now) + timers.ttl
        pingWatchdog(&env)
        if agent.action == nil, postgres.acceptsWrites, manualFailoverFromLeader(&env) { return }
        actAsLeader(&env)
    }

    /// The leader's duties after a successful lock update and any manual-failover handling:
    /// restart a crashed primary, publish the optime and history, promote a read-only lock holder.
    mutating func actAsLeader(_ env: inout Environment) {
        if agent.action != nil {
            if !startTimedOut(&env) { touchMember(&env) }
        } else if !postgres.processAlive {
            recoverAsLeader(&env)
        } else if postgres.acceptsWrites {
            if !postgres.checkpointedSincePromotion { postgres.checkpointedSincePromotion = true }
            createSlots()
            writeStatus(&env)
        } else if postgres.state == .running {
            enforcePrimaryRole(acquired: false, &env)
        } else {
            touchMember(&env)
        }
    }

    /// The leader creates a physical slot for every member it sees (`use_slots`).
    private mutating func createSlots() {
        for member in cachedMembers where member != id {
            postgres.slots[member] = true
        }
    }

    private mutating func writeStatus(_ env: inout Environment) {
        let optime = postgres.lsn
        if agent.publishedOptime == optime {
            writeFailsafe(&env)
        } else {
            agent.publishedOptime = optime
            callEtcd(.put(key: keys.status, value: .status(optime: optime), lease: 0), .writeStatus, retries: false, &env)
        }
    }

    /// Writes a promotion still missing from `history`, then runs synchronous-replication maintenance.
    mutating func writeHistory(_ env: inout Environment) {
        guard let line = agent.pendingHistory else {
            processSyncReplication(&env)
            return
        }
        agent.pendingHistory = nil
        let lines = (cachedHistory ?? []) + [line]
        callEtcd(.put(key: keys.history, value: .history(lines), lease: 0), .writeHistory, retries: false, &env)
    }

    /// The `status` or `history` write ended (a failure is only logged by Patroni).
    mutating func leaderWriteDone(_ purpose: EtcdCall.Purpose, _ result: EtcdCallResult, _ env: inout Environment) {
        if purpose == .writeStatus { writeFailsafe(&env) } else { processSyncReplication(&env) }
    }

    /// `enforce_primary_role` after taking or keeping the lock: promote a replica.
    mutating func enforcePrimaryRole(acquired: Bool, _ env: inout Environment) {
        if postgres.acceptsWrites {
            env.note(host, .lockKept, "acquired session lock as a leader")
            let time = env.now
            let timeline = timelineNumber(env)
            env.recorder.failovers.promoted(id, timeline: timeline, at: time)
        } else if synchronousMode {
            prepareSyncBeforePromotion(&env)
            return
        } else {
            env.note(host, .promote, acquired
                     ? "promoted self to leader by acquiring session lock"
                     : "promoted self to leader because I had the session lock")
            promote(&env)
        }
        touchMember(&env)
    }
}
