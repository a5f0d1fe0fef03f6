/// A switchover or failover request in the `/failover` key, as the HA loop handles it
/// (`Ha.process_manual_failover_from_leader`, `Ha.manual_failover_process_no_leader`).
extension Node {
    /// The request in the cached `/failover` key, unless there is none or it is `{}`.
    var cachedFailover: FailoverRequest? {
        guard case .failover(let request)? = agent.cache[.failover]?.value, !request.isEmpty else { return nil }
        return request
    }

    /// `_get_failover_action_name`: `switchover` when the request names a leader, else `manual failover`.
    private func actionName(_ request: FailoverRequest) -> String {
        request.leader == nil ? "manual failover" : "switchover"
    }

    // MARK: The leader (`Ha.process_manual_failover_from_leader`, PATRONI.md §6.2)

    /// Runs after every successful lock update of a primary leader. Returns false when there
    /// is nothing to do now (no request, or a scheduled one still more than `loop_wait` away)
    /// and the leader goes on with its cycle; true when this took the cycle over.
    mutating func manualFailoverFromLeader(_ env: inout Environment) -> Bool {
        guard let request = cachedFailover else { return false }
        guard let at = request.scheduledAt else {
            leaderHandlesRequest(request, &env)
            return true
        }
        if isPaused { return false }
        let delta = at - wallClock(at: env.now)
        let bare = actionName(request).replacingManual
        if timers.loopWait < delta {
            let awaiting = "Awaiting \(bare) at \(at)"
            if env.recorder.lastEntry(on: name, kind: .switchoverScheduled)?.message.hasPrefix(awaiting) != true {
                env.note(host, .switchoverScheduled, awaiting + " (in \(Int(delta.seconds.rounded())) seconds)")
            }
            return false
        }
        let staleAfter = SimDuration.seconds(timers.loopWait.microseconds * 3 / 2 / 1_000_000)
        if delta < .zero - staleAfter {
            env.note(host, .switchover, "Found a stale \(bare) value, cleaning up: \(at)")
            writeFailover(.cleared, then: .leaderDuties, &env)
        } else if .zero < delta {
            env.scheduler.schedule(.agentResume(node: id, generation: agent.generation, .scheduledFailover), after: delta)
        } else {
            env.note(host, .switchover, "Manual scheduled \(bare) at \(at)")
            leaderHandlesRequest(request, &env)
        }
        return true
    }

    /// The leader slept until the scheduled moment (`time.sleep(delta)`), then acts on the request.
    mutating func runScheduledFailover(_ env: inout Environment) {
        guard let request = cachedFailover, let at = request.scheduledAt, postgres.acceptsWrites else {
            actAsLeader(&env)
            return
        }
        env.note(host, .switchover, "Manual scheduled \(actionName(request).replacingManual) at \(at)")
        leaderHandlesRequest(request, &env)
    }

    /// Demote gracefully if the request is for this leader and a member can take over;
    /// otherwise log why not and clean the key up. Whether a member can take over is asked
    /// of the members themselves (`is_failover_possible`), so the cycle waits for them.
    private mutating func leaderHandlesRequest(_ request: FailoverRequest, _ env: inout Environment) {
        let action = actionName(request)
        let bare = action.replacingManual
        let me = name
        if let leader = request.leader, leader != me {
            env.note(host, .switchoverRefused, "\(action): leader name does not match: \(leader) != \(me)")
        } else if request.candidate == me {
            env.note(host, .switchoverRefused, "\(action): I am already the leader, no need to \(bare)")
        } else if request.candidate == nil && isPaused {
            env.note(host, .switchoverRefused, "\(action.capitalizedFirst) is possible only to a specific candidate in a paused state")
        } else {
            checkFailoverPossible(.leaderRequest, request, excludingCandidate: false, &env)
            return
        }
        cleanUpRequest(&env)
    }

    /// The leader's `is_failover_possible` for `request` ended.
    private mutating func leaderRequestChecked(_ request: FailoverRequest, possible: Bool, _ env: inout Environment) {
        let action = actionName(request)
        guard possible else {
            env.note(host, .switchoverRefused, "\(action): no healthy members found, \(action.replacingManual) is not possible")
            cleanUpRequest(&env)
            return
        }
        env.note(host, .switchover, "\(action): demoting myself")
        let time = env.now
        env.recorder.failovers.faultHitLeader(action + (request.candidate.map { " to \($0)" } ?? ""), oldLeader: name, at: time)
        demote(.graceful, &env)
    }

    /// The leader cleans the key up and goes on with its duties.
    private mutating func cleanUpRequest(_ env: inout Environment) {
        env.note(host, .switchover, "Cleaning up failover key")
        writeFailover(.cleared, then: .leaderDuties, &env)
    }

    // MARK: `Ha.is_failover_possible`

    /// Starts `is_failover_possible` for the HA loop's step `check`: the members that could
    /// take over (`failoverCandidates`) are probed, and `failoverCheckEnded` goes on.
    mutating func checkFailoverPossible(_ check: FailoverCheck, _ request: FailoverRequest?, excludingCandidate: Bool,
                                        _ env: inout Environment) {
        probe(failoverCandidates(request, excludingCandidate: excludingCandidate),
              for: .failoverPossible(check, request, excludingCandidate: excludingCandidate), &env)
    }

    /// `get_failover_candidates`: the members other than this node that may take over, by
    /// their member keys and tags: only the candidate if one is named and not excluded,
    /// in synchronous mode only `/sync` members (except for a failover), never `nofailover`.
    func failoverCandidates(_ request: FailoverRequest?, excludingCandidate: Bool) -> [NodeID] {
        let candidate = request?.candidate.flatMap(layout.node(named:))
        let sync = synchronousMode ? cachedSync : nil
        return cachedMembers.filter { member in
            if member == id || options.nodes[member].forbidsFailover { return false }
            if let sync, sync.leader != nil, !sync.standbys.contains(member), request?.leader != nil || request == nil { return false }
            if excludingCandidate, member == candidate { return false }
            return excludingCandidate || request?.candidate == nil || member == candidate
        }
    }

    /// Whether a probed member can take over: it answered as a replica, is not `nofailover`,
    /// lags at most `maximum_lag_on_failover` behind the published optime and, with
    /// `check_timeline`, is not behind the cluster timeline.
    func anyCanTakeOver(_ probes: ProbeRound) -> Bool {
        let optime = cachedOptime ?? 0
        let clusterTL = clusterTimeline
        return probes.results.contains { _, answer in
            guard case let .replica(wal, timeline, _, nofailover) = answer, !nofailover else { return false }
            if optime - wal > settings.maximumLagOnFailover { return false }
            return !settings.checkTimeline || Int(timeline) >= clusterTL
        }
    }

    /// `is_failover_possible` for the step `check` ended with `possible`.
    mutating func failoverCheckEnded(_ check: FailoverCheck, _ request: FailoverRequest?, possible: Bool, _ env: inout Environment) {
        switch check {
        case .leaderRequest:
            if let request { leaderRequestChecked(request, possible: possible, &env) }
        case .crashedPrimary:
            crashedPrimaryChecked(possible: possible, &env)
        case .startTimeout:
            startTimeoutChecked(possible: possible, &env)
        case .formerLeader:
            if let request { formerLeaderChecked(request, possible: possible, &env) }
        }
    }

    /// `_MemberStatus.failover_limitation`: why the member that gave `answer` may not be
    /// promoted, or nil. Like `Tags.nofailover`, a `failover_priority` of 0 without a
    /// `nofailover` tag forbids it too.
    func failoverLimitation(of member: NodeID, answer: ProbeAnswer) -> String? {
        if answer == .unreachable { return "not reachable" }
        if options.nodes[member].forbidsFailover { return "not allowed to promote" }
        return nil
    }

    // MARK: Everyone else (`Ha.manual_failover_process_no_leader`, PATRONI.md §6.4)

    /// The leader race while a request is pending. Returns false only when the paused
    /// rule of `is_healthiest_node` leaves the decision to the ordinary checks.
    mutating func manualFailoverRace(_ request: FailoverRequest, _ env: inout Environment) -> Bool {
        if !isPaused, request.leader != nil, synchronousMode, let sync = cachedSync, sync.leader != nil,
           sync.leader != id, !sync.standbys.contains(id) {
            env.noteOnce(host, .notHealthiest, "not a member of /sync: only synchronous members race in a switchover")
            follow(leader: nil, &env)
            return true
        }
        let action = actionName(request)
        let me = name
        if let candidateName = request.candidate {
            if candidateName == me {
                acquireLock(&env)
                return true
            }
            let candidate = layout.node(named: candidateName)
            if isPaused {
                if candidate.map({ cachedMember($0) == nil }) ?? true, postgres.acceptsWrites {
                    env.note(host, .switchover, "\(action): removing failover key because failover candidate is not running")
                    writeFailover(.cleared, then: .race, &env)
                    return true
                }
                yieldToCandidate(&env)
                return true
            }
            if synchronousMode, let sync = cachedSync, sync.leader != id, !sync.standbys.contains(id) {
                yieldToCandidate(&env)
                return true
            }
            if let candidate, cachedMember(candidate) != nil {
                probe([candidate], for: .candidate(request), &env)
                return true
            }
        } else if isPaused {
            follow(leader: cachedLeader, &env)
            return true
        }
        raceWithoutCandidate(request, &env)
        return true
    }

    /// The named candidate answered (or not): yield to it if it can be promoted, else race
    /// without it.
    mutating func candidateProbed(_ request: FailoverRequest, _ probes: ProbeRound, _ env: inout Environment) {
        guard let (candidate, answer) = probes.results.first, let candidateName = request.candidate else { return }
        let action = actionName(request)
        if let limitation = failoverLimitation(of: candidate, answer: answer) {
            env.noteOnce(host, .switchover, "\(action): member \(candidateName) is \(limitation)")
            raceWithoutCandidate(request, &env)
        } else {
            env.noteOnce(host, .switchover, "\(action): to \(candidateName), i am \(name)")
            yieldToCandidate(&env)
        }
    }

    /// The race while a request is pending and its candidate does not take over: the former
    /// leader steps aside if another member can take over, everyone else races without
    /// checking replication lag and without the former leader.
    private mutating func raceWithoutCandidate(_ request: FailoverRequest, _ env: inout Environment) {
        if request.leader == name {
            checkFailoverPossible(.formerLeader, request, excludingCandidate: request.candidate != nil, &env)
            return
        }
        healthiestRace(excluding: request.leader.flatMap(layout.node(named:)), checkLag: false, &env)
    }

    /// The former leader's `is_failover_possible` ended: yield to the candidate (or follow)
    /// if a member can take over, else take the lock back.
    private mutating func formerLeaderChecked(_ request: FailoverRequest, possible: Bool, _ env: inout Environment) {
        if possible {
            if request.candidate != nil { yieldToCandidate(&env) } else { follow(leader: cachedLeader, &env) }
        } else {
            acquireLock(&env)
        }
    }

    /// Not the healthiest while a candidate is named: arm the rewind check and "give a time
    /// to somebody to take the leader lock" (2 s) before following.
    private mutating func yieldToCandidate(_ env: inout Environment) {
        armRewindCheck()
        env.scheduler.schedule(.agentResume(node: id, generation: agent.generation, .followAfterYield), after: .seconds(2))
    }

    /// The race winner cleans the key up (`{}`), or in pause rewrites it without the leader
    /// so the candidate recognises itself, then promotes.
    mutating func cleanUpFailoverAfterAcquire(_ env: inout Environment) {
        guard let request = cachedFailover else {
            enforcePrimaryRole(acquired: true, &env)
            return
        }
        if isPaused, request.leader != nil, request.candidate != nil {
            env.note(host, .switchover, "Updating failover key after acquiring leader lock...")
            writeFailover(FailoverRequest(leader: nil, candidate: request.candidate, scheduledAt: request.scheduledAt),
                          then: .promoteWinner, &env)
        } else {
            env.note(host, .switchover, "Cleaning up failover key after acquiring leader lock...")
            writeFailover(.cleared, then: .promoteWinner, &env)
        }
    }

    /// `dcs.manual_failover(...)` from the HA loop: an unretried put of `/failover`.
    private mutating func writeFailover(_ value: FailoverRequest, then next: AfterFailoverWrite, _ env: inout Environment) {
        agent.failoverWrite = PendingFailoverWrite(value: value, then: next)
        callEtcd(.put(key: keys.failover, value: .failover(value), lease: 0), .writeFailover, retries: false, &env)
    }

    /// The write of `/failover` was answered (or failed, which Patroni only logs): the cache
    /// holds the new value, as after Patroni's reload, and the loop goes on.
    mutating func failoverWritten(_ result: EtcdCallResult, _ env: inout Environment) {
        guard let pending = agent.failoverWrite else { return }
        agent.failoverWrite = nil
        if result == .answered(.ok) {
            agent.cache[.failover] = CachedKey(value: .failover(pending.value), lease: 0)
        }
        switch pending.then {
        case .leaderDuties: actAsLeader(&env)
        case .promoteWinner: enforcePrimaryRole(acquired: true, &env)
        case .race: acquireLock(&env)
        }
    }
}
