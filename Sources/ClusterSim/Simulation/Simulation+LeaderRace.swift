extension Simulation {
    /// `process_unhealthy_cluster`: no leader key, so check whether this node is the
    /// healthiest (PATRONI.md §2.2-§2.3) and race for the lock if it is.
    func race(_ node: Int) {
        let pg = postgres[node]
        if isPaused(node), !options.nodes[node].forbidsFailover, let request = cachedFailover(node), request.scheduledAt == nil,
           manualFailoverRace(node, request) {
            return
        }
        if pg.acceptsWrites && isPaused(node) {
            acquireLock(node)
            return
        }
        if pg.acceptsWrites {
            let clusterTL = clusterTimeline(node)
            if timelineNumber(node) < clusterTL {
                noteOnce(node, "not-healthiest", "My timeline \(timelineNumber(node)) is behind last known cluster timeline \(clusterTL)")
                follow(node, leader: nil)
            } else {
                acquireLock(node)
            }
            return
        }
        guard pg.state == .running, !isPaused(node) else {
            follow(node, leader: nil)
            return
        }
        if options.nodes[node].forbidsFailover {
            noteOnce(node, "not-allowed", "following a different leader because I am not allowed to promote")
            armRewindCheck(node)
            env.scheduler.schedule(.agentResume(node: node, generation: agents[node].generation, .followAfterYield), after: .seconds(2))
            return
        }
        if let request = cachedFailover(node), manualFailoverRace(node, request) {
            return
        }
        if options.patroni.watchdog.mode == .required && !watchdogUsable(node) {
            noteOnce(node, "not-healthiest", "Watchdog device is not usable")
            follow(node, leader: nil)
            return
        }
        if failsafeExcludes(node) {
            noteOnce(node, "not-healthiest", "not listed in /failsafe: following a different leader because i am not the healthiest node")
            follow(node, leader: nil)
            return
        }
        if let syncMembers = syncRaceMembers(node), !syncMembers.contains(node), !options.patroni.quorumCommit {
            noteOnce(node, "not-healthiest", "not a member of /sync: only the synchronous standby may be promoted")
            follow(node, leader: nil)
            return
        }
        healthiestRace(node)
    }

    /// `_is_healthiest_node`: the lag check (unless a manual failover skips it), the timeline
    /// check, then the parallel probes of every other member but `excluded` (the former
    /// leader of a manual failover).
    func healthiestRace(_ node: Int, excluding excluded: Int? = nil, checkLag: Bool = true) {
        if checkLag, let optime = cachedOptime(node), optime - walPosition(node) > nodeConfigs[node].settings.maximumLagOnFailover {
            noteOnce(node, "not-healthiest", "My wal position exceeds maximum replication lag")
            follow(node, leader: nil)
            return
        }
        if nodeConfigs[node].settings.checkTimeline, timelineNumber(node) < clusterTimeline(node) {
            noteOnce(node, "not-healthiest", "My timeline \(timelineNumber(node)) is behind last known cluster timeline \(clusterTimeline(node))")
            follow(node, leader: nil)
            return
        }
        var candidates = agents[node].oldClusterMembers
        for member in failsafeMembers(node) where !candidates.contains(member) { candidates.append(member) }
        for member in cachedMembers(node) where !candidates.contains(member) { candidates.append(member) }
        candidates = candidates.filter { $0 != node && $0 != excluded }.sorted()
        if let syncMembers = syncRaceMembers(node) { candidates = candidates.filter(syncMembers.contains) }
        if candidates.isEmpty {
            acquireLock(node)
            return
        }
        let round = agents[node].nextCallID
        agents[node].nextCallID += 1
        agents[node].probes = ProbeRound(id: round, targets: candidates, answers: Array(repeating: nil, count: candidates.count))
        let generation = agents[node].generation
        for target in candidates {
            send(.probeRequest(round: round, generation: generation), from: HostID(node), to: HostID(target))
            env.scheduler.schedule(.probeTimeout(node: node, generation: generation, round: round, target: target), after: .seconds(2))
        }
    }

    /// A member's Patroni answers `GET /patroni` (or refuses if Patroni is not running).
    func answerProbe(at target: Int, from racer: Int, round: UInt64, generation: UInt64) {
        guard agents[target].process == .running else {
            send(.refused(.probe(round: round, generation: generation)), from: HostID(target), to: HostID(racer))
            return
        }
        send(.probeResponse(round: round, generation: generation, statusAnswer(of: target)), from: HostID(target), to: HostID(racer))
    }

    /// What `target`'s running Patroni answers to `GET /patroni` now.
    func statusAnswer(of target: Int) -> ProbeAnswer {
        let pg = postgres[target]
        if !pg.acceptsConnections {
            return .unreachable
        } else if pg.isPrimary {
            return .primary
        } else {
            return .replica(wal: pg.lsn, priority: options.nodes[target].effectivePriority,
                            nofailover: options.nodes[target].forbidsFailover)
        }
    }

    /// Records one probe's answer; when all are in, decides the race.
    func recordProbe(_ node: Int, round: UInt64, target: Int, answer: ProbeAnswer) {
        guard var probes = agents[node].probes, probes.id == round,
              let slot = probes.targets.firstIndex(of: target), probes.answers[slot] == nil else { return }
        probes.answers[slot] = answer
        agents[node].probes = probes
        guard probes.answers.allSatisfy({ $0 != nil }) else { return }
        agents[node].probes = nil
        if let reason = reasonNotHealthiest(node, probes) ?? quorumShortfall(node, probes) {
            noteOnce(node, "not-healthiest", reason)
            follow(node, leader: cachedLeader(node))
        } else {
            acquireLock(node)
        }
    }

    /// The first rule of `_is_healthiest_node` that another member's answer breaks, if any.
    private func reasonNotHealthiest(_ node: Int, _ probes: ProbeRound) -> String? {
        let mine = walPosition(node)
        let myPriority = options.nodes[node].effectivePriority
        for (target, answer) in zip(probes.targets, probes.answers) {
            switch answer {
            case .primary?:
                return "Primary (\(name(target))) is still alive"
            case let .replica(wal, priority, nofailover)?:
                if nofailover { continue }
                if wal > mine && !(synchronousMode && cachedSync(node)?.leader == target) {
                    return "Wal position of \(name(target)) is ahead of my wal position"
                }
                if wal == mine, wal > 0, priority > myPriority {
                    return "\(name(target)) has equally tolerable WAL position and priority \(priority), while this node has priority \(myPriority)"
                }
            case .unreachable?, nil:
                continue
            }
        }
        return nil
    }

    /// `attempt_to_acquire_leader`: refresh the lease if needed, then the create-if-absent transaction.
    func acquireLock(_ node: Int) {
        if let refreshed = agents[node].leaseRefreshedAt, wallNow(node) - refreshed < timers(of: node).loopWait {
            sendAcquire(node)
        } else {
            callEtcd(node, .keepAlive(lease: agents[node].lease), .acquireKeepAlive)
        }
    }

    private func sendAcquire(_ node: Int) {
        callEtcd(node, .createIfAbsent(key: keys.leader, value: .leaderName(name(node)), lease: agents[node].lease),
                 .acquireLock)
    }

    func acquireStep(_ node: Int, _ purpose: EtcdCall.Purpose, _ result: EtcdCallResult) {
        switch (purpose, result) {
        case (_, .failed):
            dcsError(node)
        case (.acquireKeepAlive, .answered(.keepAliveOK)):
            agents[node].leaseRefreshedAt = wallNow(node)
            sendAcquire(node)
        case (.acquireKeepAlive, .answered(.leaseNotFound)), (.acquireLock, .answered(.leaseNotFound)):
            callEtcd(node, .grantLease(ttlSeconds: timers(of: node).ttl.microseconds / 1_000_000), .acquireGrant)
        case (.acquireGrant, .answered(.leaseGranted(let id, _))):
            agents[node].lease = id
            agents[node].leaseRefreshedAt = wallNow(node)
            agents[node].publishedMember = nil
            sendAcquire(node)
        case (.acquireLock, .answered(.ok)):
            agents[node].leaderExpiry = wallNow(node) + timers(of: node).ttl
            pingWatchdog(node)
            agents[node].cache[.leader] = CachedKey(value: .leaderName(name(node)), lease: agents[node].lease)
            note(node, "lock-acquired", "acquired the leader lock")
            cleanUpFailoverAfterAcquire(node)
        default:
            note(node, "lock-race-lost", "Could not take out TTL lock")
            if postgres[node].acceptsWrites {
                note(node, "demote", "demoted self after trying and failing to obtain lock")
                demote(node, .immediateNolock)
                touchMember(node)
            } else {
                follow(node, leader: cachedLeader(node))
            }
        }
    }
}
