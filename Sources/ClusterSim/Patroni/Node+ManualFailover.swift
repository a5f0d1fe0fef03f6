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
    /// otherwise log why not and clean the key up.
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
        } else if isFailoverPossible(request, excludingCandidate: false, env) {
            env.note(host, .switchover, "\(action): demoting myself")
            let time = env.now
            env.recorder.failovers.faultHitLeader(action + (request.candidate.map { " to \($0)" } ?? ""), oldLeader: me, at: time)
            demote(.graceful, &env)
            return
        } else {
            env.note(host, .switchoverRefused, "\(action): no healthy members found, \(bare) is not possible")
        }
        env.note(host, .switchover, "Cleaning up failover key")
        writeFailover(.cleared, then: .leaderDuties, &env)
    }

    /// `Ha.is_failover_possible`: some member other than `node` (only the candidate, if one is
    /// named and not excluded; in synchronous mode only `/sync` members, except for a failover)
    /// is reachable, not `nofailover` (nor priority 0), not lagging more than `maximum_lag_on_failover` behind
    /// the published optime, and, with `check_timeline`, not behind the cluster timeline.
    func isFailoverPossible(_ request: FailoverRequest?, excludingCandidate: Bool, _ env: borrowing Environment) -> Bool {
        let candidate = request?.candidate.flatMap(layout.node(named:))
        let sync = synchronousMode ? cachedSync : nil
        let optime = cachedOptime ?? 0
        let clusterTL = clusterTimeline
        return cachedMembers.contains { member in
            if member == id || options.nodes[member].forbidsFailover { return false }
            if let sync, sync.leader != nil, !sync.standbys.contains(member), request?.leader != nil || request == nil { return false }
            if excludingCandidate, member == candidate { return false }
            if !excludingCandidate, request?.candidate != nil, member != candidate { return false }
            guard case .replica(let wal, _, _) = memberStatus(of: member, env) else { return false }
            if optime - wal > settings.maximumLagOnFailover { return false }
            return !settings.checkTimeline || peer(member, env).timeline >= clusterTL
        }
    }

    /// What `GET /patroni` on `target` tells this node now: unreachable if its Patroni is down
    /// or frozen, or a link between them drops traffic. The request's few milliseconds are not
    /// modelled (a simplification of `fetch_node_status` where the caller waits for the answer).
    func memberStatus(of target: NodeID, _ env: borrowing Environment) -> ProbeAnswer {
        let status = peer(target, env)
        let targetHost = layout.host(of: target)
        guard status.agentRuns, !status.frozen,
              env.network.isOpen(from: host, to: targetHost), env.network.isOpen(from: targetHost, to: host) else { return .unreachable }
        if !status.acceptsConnections { return .unreachable }
        if status.isPrimary { return .primary }
        let tags = options.nodes[target]
        return .replica(wal: status.lsn, priority: tags.effectivePriority, nofailover: tags.forbidsFailover)
    }

    /// `_MemberStatus.failover_limitation`: why `target` may not be promoted, or nil. Like
    /// `Tags.nofailover`, a `failover_priority` of 0 without a `nofailover` tag forbids it too.
    func failoverLimitation(of target: NodeID, _ env: borrowing Environment) -> String? {
        if memberStatus(of: target, env) == .unreachable { return "not reachable" }
        if options.nodes[target].forbidsFailover { return "not allowed to promote" }
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
                if let limitation = failoverLimitation(of: candidate, env) {
                    env.noteOnce(host, .switchover, "\(action): member \(candidateName) is \(limitation)")
                } else {
                    env.noteOnce(host, .switchover, "\(action): to \(candidateName), i am \(me)")
                    yieldToCandidate(&env)
                    return true
                }
            }
        } else if isPaused {
            follow(leader: cachedLeader, &env)
            return true
        }
        if request.leader == me {
            if isFailoverPossible(request, excludingCandidate: request.candidate != nil, env) {
                if request.candidate != nil { yieldToCandidate(&env) } else { follow(leader: cachedLeader, &env) }
            } else {
                acquireLock(&env)
            }
            return true
        }
        healthiestRace(excluding: request.leader.flatMap(layout.node(named:)), checkLag: false, &env)
        return true
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
