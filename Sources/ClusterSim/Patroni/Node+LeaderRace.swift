/// The leader race (PATRONI.md §2.2-§2.3): with no leader key, each node checks whether it
/// is the healthiest by probing the others' REST API, and the first to create the key wins.
extension Node {
    /// `process_unhealthy_cluster`: no leader key, so check whether this node is the
    /// healthiest and race for the lock if it is.
    mutating func race(_ env: inout Environment) {
        if isPaused, !tags.forbidsFailover, let request = cachedFailover, request.scheduledAt == nil,
           manualFailoverRace(request, &env) {
            return
        }
        if postgres.acceptsWrites && isPaused {
            acquireLock(&env)
            return
        }
        if postgres.acceptsWrites {
            let clusterTL = clusterTimeline
            let timeline = timelineNumber(env)
            if timeline < clusterTL {
                env.noteOnce(host, .notHealthiest, "My timeline \(timeline) is behind last known cluster timeline \(clusterTL)")
                follow(leader: nil, &env)
            } else {
                acquireLock(&env)
            }
            return
        }
        guard postgres.state == .running, !isPaused else {
            follow(leader: nil, &env)
            return
        }
        if tags.forbidsFailover {
            env.noteOnce(host, .notAllowed, "following a different leader because I am not allowed to promote")
            armRewindCheck()
            env.scheduler.schedule(.agentResume(node: id, generation: agent.generation, .followAfterYield), after: .seconds(2))
            return
        }
        if let request = cachedFailover, manualFailoverRace(request, &env) {
            return
        }
        if settings.watchdog.mode == .required && !watchdogUsable {
            env.noteOnce(host, .notHealthiest, "Watchdog device is not usable")
            follow(leader: nil, &env)
            return
        }
        if failsafeExcludes {
            env.noteOnce(host, .notHealthiest, "not listed in /failsafe: following a different leader because i am not the healthiest node")
            follow(leader: nil, &env)
            return
        }
        if let syncMembers = syncRaceMembers, !syncMembers.contains(id), !settings.quorumCommit {
            env.noteOnce(host, .notHealthiest, "not a member of /sync: only the synchronous standby may be promoted")
            follow(leader: nil, &env)
            return
        }
        healthiestRace(&env)
    }

    /// `_is_healthiest_node`: the lag check (unless a manual failover skips it), the timeline
    /// check, then the parallel probes of every other member but `excluded` (the former
    /// leader of a manual failover).
    mutating func healthiestRace(excluding excluded: NodeID? = nil, checkLag: Bool = true, _ env: inout Environment) {
        if checkLag, let optime = cachedOptime, optime - walPosition > settings.maximumLagOnFailover {
            env.noteOnce(host, .notHealthiest, "My wal position exceeds maximum replication lag")
            follow(leader: nil, &env)
            return
        }
        if settings.checkTimeline, timelineNumber(env) < clusterTimeline {
            let message = "My timeline \(timelineNumber(env)) is behind last known cluster timeline \(clusterTimeline)"
            env.noteOnce(host, .notHealthiest, message)
            follow(leader: nil, &env)
            return
        }
        var candidates = agent.oldClusterMembers
        for member in failsafeMembers where !candidates.contains(member) { candidates.append(member) }
        for member in cachedMembers where !candidates.contains(member) { candidates.append(member) }
        candidates = candidates.filter { $0 != id && $0 != excluded }.sorted()
        if let syncMembers = syncRaceMembers { candidates = candidates.filter(syncMembers.contains) }
        probe(candidates, for: .race, &env)
    }

    /// The race's probes ended: race for the lock unless a member is healthier.
    mutating func raceProbed(_ probes: ProbeRound, _ env: inout Environment) {
        if let reason = reasonNotHealthiest(probes) ?? quorumShortfall(probes) {
            env.noteOnce(host, .notHealthiest, reason)
            follow(leader: cachedLeader, &env)
        } else {
            acquireLock(&env)
        }
    }

    /// The first rule of `_is_healthiest_node` that another member's answer breaks, if any.
    private func reasonNotHealthiest(_ probes: ProbeRound) -> String? {
        let mine = walPosition
        let myPriority = tags.effectivePriority
        for (target, answer) in probes.results {
            switch answer {
            case .primary:
                return "Primary (\(nodeName(target))) is still alive"
            case let .replica(wal, _, priority, nofailover):
                if nofailover { continue }
                if wal > mine && !(synchronousMode && cachedSync?.leader == target) {
                    return "Wal position of \(nodeName(target)) is ahead of my wal position"
                }
                if wal == mine, wal > 0, priority > myPriority {
                    return "\(nodeName(target)) has equally tolerable WAL position and priority \(priority), while this node has priority \(myPriority)"
                }
            case .unreachable:
                continue
            }
        }
        return nil
    }

    /// `attempt_to_acquire_leader`: refresh the lease if needed, then the create-if-absent transaction.
    mutating func acquireLock(_ env: inout Environment) {
        if let refreshed = agent.leaseRefreshedAt, wallClock(at: env.now) - refreshed < timers.loopWait {
            sendAcquire(&env)
        } else {
            callEtcd(.keepAlive(lease: agent.lease), .acquireKeepAlive, &env)
        }
    }

    private mutating func sendAcquire(_ env: inout Environment) {
        callEtcd(.createIfAbsent(key: keys.leader, value: .leaderName(name), lease: agent.lease), .acquireLock, &env)
    }

    /// A step of `attempt_to_acquire_leader` ended.
    mutating func acquireStep(_ purpose: EtcdCall.Purpose, _ result: EtcdCallResult, _ env: inout Environment) {
        switch (purpose, result) {
        case (_, .failed):
            dcsError(&env)
        case (.acquireKeepAlive, .answered(.keepAliveOK)):
            agent.leaseRefreshedAt = wallClock(at: env.now)
            sendAcquire(&env)
        case (.acquireKeepAlive, .answered(.leaseNotFound)), (.acquireLock, .answered(.leaseNotFound)):
            callEtcd(.grantLease(ttlSeconds: timers.ttl.microseconds / 1_000_000), .acquireGrant, &env)
        case (.acquireGrant, .answered(.leaseGranted(let lease, _))):
            agent.lease = lease
            agent.leaseRefreshedAt = wallClock(at: env.now)
            agent.publishedMember = nil
            sendAcquire(&env)
        case (.acquireLock, .answered(.ok)):
            agent.leaderExpiry = wallClock(at: env.now) + timers.ttl
            pingWatchdog(&env)
            agent.cache[.leader] = CachedKey(value: .leaderName(name), lease: agent.lease)
            env.note(host, .lockAcquired, "acquired the leader lock")
            cleanUpFailoverAfterAcquire(&env)
        default:
            env.note(host, .lockRaceLost, "Could not take out TTL lock")
            if postgres.acceptsWrites {
                env.note(host, .demote, "demoted self after trying and failing to obtain lock")
                demote(.immediateNolock, &env)
                touchMember(&env)
            } else {
                follow(leader: cachedLeader, &env)
            }
        }
    }
}
