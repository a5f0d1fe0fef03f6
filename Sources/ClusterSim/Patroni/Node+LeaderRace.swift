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
        if candidates.isEmpty {
            acquireLock(&env)
            return
        }
        let round = agent.nextCallID
        agent.nextCallID += 1
        agent.probes = ProbeRound(id: round, targets: candidates, answers: Array(repeating: nil, count: candidates.count))
        let generation = agent.generation
        for target in candidates {
            env.send(.probeRequest(round: round, generation: generation), from: host, to: layout.host(of: target))
            env.scheduler.schedule(.probeTimeout(node: id, generation: generation, round: round, target: target), after: .seconds(2))
        }
    }

    /// The REST API answers `GET /patroni` from `racer` (or refuses if Patroni is not running).
    func probeReceived(from racer: HostID, round: UInt64, generation: UInt64, _ env: inout Environment) {
        guard agent.process == .running else {
            env.send(.refused(.probe(round: round, generation: generation)), from: host, to: racer)
            return
        }
        env.send(.probeResponse(round: round, generation: generation, statusAnswer), from: host, to: racer)
    }

    /// What the running Patroni answers to `GET /patroni` now.
    var statusAnswer: ProbeAnswer {
        if !postgres.acceptsConnections {
            return .unreachable
        } else if postgres.isPrimary {
            return .primary
        } else {
            return .replica(wal: postgres.lsn, priority: tags.effectivePriority, nofailover: tags.forbidsFailover)
        }
    }

    /// Records one probe's answer; when all are in, decides the race.
    mutating func recordProbe(round: UInt64, target: NodeID, answer: ProbeAnswer, _ env: inout Environment) {
        guard var probes = agent.probes, probes.id == round,
              let slot = probes.targets.firstIndex(of: target), probes.answers[slot] == nil else { return }
        probes.answers[slot] = answer
        agent.probes = probes
        guard probes.answers.allSatisfy({ $0 != nil }) else { return }
        agent.probes = nil
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
        for (target, answer) in zip(probes.targets, probes.answers) {
            switch answer {
            case .primary?:
                return "Primary (\(nodeName(target))) is still alive"
            case let .replica(wal, priority, nofailover)?:
                if nofailover { continue }
                if wal > mine && !(synchronousMode && cachedSync?.leader == target) {
                    return "Wal position of \(nodeName(target)) is ahead of my wal position"
                }
                if wal == mine, wal > 0, priority > myPriority {
                    return "\(nodeName(target)) has equally tolerable WAL position and priority \(priority), while this node has priority \(myPriority)"
                }
            case .unreachable?, nil:
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
