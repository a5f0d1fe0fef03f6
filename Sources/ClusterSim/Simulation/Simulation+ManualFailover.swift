extension Simulation {
    /// The request in `node`'s cached `/failover` key, unless there is none or it is `{}`.
    func cachedFailover(_ node: Int) -> FailoverRequest? {
        guard case .failover(let request)? = agents[node].cache[.failover]?.value, !request.isEmpty else { return nil }
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
    func manualFailoverFromLeader(_ node: Int) -> Bool {
        guard let request = cachedFailover(node) else { return false }
        guard let at = request.scheduledAt else {
            leaderHandlesRequest(node, request)
            return true
        }
        if isPaused(node) { return false }
        let delta = at - wallNow(node)
        let bare = actionName(request).replacingManual
        if timers(of: node).loopWait < delta {
            let awaiting = "Awaiting \(bare) at \(at)"
            let host = layout.names[node]
            if env.recorder.lastEntry(on: host, kind: "switchover-scheduled")?.message.hasPrefix(awaiting) != true {
                note(node, "switchover-scheduled", awaiting + " (in \(Int(delta.seconds.rounded())) seconds)")
            }
            return false
        }
        let staleAfter = SimDuration.seconds(timers(of: node).loopWait.microseconds * 3 / 2 / 1_000_000)
        if delta < .zero - staleAfter {
            note(node, "switchover", "Found a stale \(bare) value, cleaning up: \(at)")
            writeFailover(node, .cleared, then: .leaderDuties)
        } else if .zero < delta {
            env.scheduler.schedule(.agentResume(node: node, generation: agents[node].generation, .scheduledFailover), after: delta)
        } else {
            note(node, "switchover", "Manual scheduled \(bare) at \(at)")
            leaderHandlesRequest(node, request)
        }
        return true
    }

    /// The leader slept until the scheduled moment (`time.sleep(delta)`), then acts on the request.
    func runScheduledFailover(_ node: Int) {
        guard let request = cachedFailover(node), let at = request.scheduledAt, postgres[node].acceptsWrites else {
            actAsLeader(node)
            return
        }
        note(node, "switchover", "Manual scheduled \(actionName(request).replacingManual) at \(at)")
        leaderHandlesRequest(node, request)
    }

    /// Demote gracefully if the request is for this leader and a member can take over;
    /// otherwise log why not and clean the key up.
    private func leaderHandlesRequest(_ node: Int, _ request: FailoverRequest) {
        let action = actionName(request)
        let bare = action.replacingManual
        let me = name(node)
        if let leader = request.leader, leader != me {
            note(node, "switchover-refused", "\(action): leader name does not match: \(leader) != \(me)")
        } else if request.candidate == me {
            note(node, "switchover-refused", "\(action): I am already the leader, no need to \(bare)")
        } else if request.candidate == nil && isPaused(node) {
            note(node, "switchover-refused", "\(action.capitalizedFirst) is possible only to a specific candidate in a paused state")
        } else if isFailoverPossible(node, request, excludingCandidate: false) {
            note(node, "switchover", "\(action): demoting myself")
            let time = now
            env.recorder.failovers.faultHitLeader(action + (request.candidate.map { " to \($0)" } ?? ""), oldLeader: me, at: time)
            demote(node, .graceful)
            return
        } else {
            note(node, "switchover-refused", "\(action): no healthy members found, \(bare) is not possible")
        }
        note(node, "switchover", "Cleaning up failover key")
        writeFailover(node, .cleared, then: .leaderDuties)
    }

    /// `Ha.is_failover_possible`: some member other than `node` (only the candidate, if one is
    /// named and not excluded; in synchronous mode only `/sync` members, except for a failover)
    /// is reachable, not `nofailover` (nor priority 0), not lagging more than `maximum_lag_on_failover` behind
    /// the published optime, and, with `check_timeline`, not behind the cluster timeline.
    func isFailoverPossible(_ node: Int, _ request: FailoverRequest?, excludingCandidate: Bool) -> Bool {
        let candidate = request?.candidate.flatMap(nodeIndex(named:))
        let sync = synchronousMode ? cachedSync(node) : nil
        let optime = cachedOptime(node) ?? 0
        let clusterTL = clusterTimeline(node)
        return cachedMembers(node).contains { member in
            if member == node || options.nodes[member].forbidsFailover { return false }
            if let sync, sync.leader != nil, !sync.standbys.contains(member), request?.leader != nil || request == nil { return false }
            if excludingCandidate, member == candidate { return false }
            if !excludingCandidate, request?.candidate != nil, member != candidate { return false }
            guard case .replica(let wal, _, _) = memberStatus(of: member, seenFrom: node) else { return false }
            if optime - wal > nodeConfigs[node].settings.maximumLagOnFailover { return false }
            return !nodeConfigs[node].settings.checkTimeline || timelineNumber(member) >= clusterTL
        }
    }

    /// What `GET /patroni` on `target` tells `observer` now: unreachable if its Patroni is down
    /// or frozen, or a link between them drops traffic. The request's few milliseconds are not
    /// modelled (a simplification of `fetch_node_status` where the caller waits for the answer).
    func memberStatus(of target: Int, seenFrom observer: Int) -> ProbeAnswer {
        guard agents[target].process == .running, frozenUntil[target] == nil,
              env.network.isOpen(from: HostID(observer), to: HostID(target)),
              env.network.isOpen(from: HostID(target), to: HostID(observer)) else { return .unreachable }
        return statusAnswer(of: target)
    }

    /// `_MemberStatus.failover_limitation`: why `target` may not be promoted, or nil. Like
    /// `Tags.nofailover`, a `failover_priority` of 0 without a `nofailover` tag forbids it too.
    func failoverLimitation(of target: Int, seenFrom observer: Int) -> String? {
        if memberStatus(of: target, seenFrom: observer) == .unreachable { return "not reachable" }
        if options.nodes[target].forbidsFailover { return "not allowed to promote" }
        return nil
    }

    // MARK: Everyone else (`Ha.manual_failover_process_no_leader`, PATRONI.md §6.4)

    /// The leader race while a request is pending. Returns false only when the paused
    /// rule of `is_healthiest_node` leaves the decision to the ordinary checks.
    func manualFailoverRace(_ node: Int, _ request: FailoverRequest) -> Bool {
        if !isPaused(node), request.leader != nil, synchronousMode, let sync = cachedSync(node), sync.leader != nil,
           sync.leader != node, !sync.standbys.contains(node) {
            noteOnce(node, "not-healthiest", "not a member of /sync: only synchronous members race in a switchover")
            follow(node, leader: nil)
            return true
        }
        let action = actionName(request)
        let me = name(node)
        if let candidateName = request.candidate {
            if candidateName == me {
                acquireLock(node)
                return true
            }
            let candidate = nodeIndex(named: candidateName)
            if isPaused(node) {
                if candidate.map({ cachedMember(node, $0) == nil }) ?? true, postgres[node].acceptsWrites {
                    note(node, "switchover", "\(action): removing failover key because failover candidate is not running")
                    writeFailover(node, .cleared, then: .race)
                    return true
                }
                yieldToCandidate(node)
                return true
            }
            if synchronousMode, let sync = cachedSync(node), sync.leader != node, !sync.standbys.contains(node) {
                yieldToCandidate(node)
                return true
            }
            if let candidate, cachedMember(node, candidate) != nil {
                if let limitation = failoverLimitation(of: candidate, seenFrom: node) {
                    noteOnce(node, "switchover", "\(action): member \(candidateName) is \(limitation)")
                } else {
                    noteOnce(node, "switchover", "\(action): to \(candidateName), i am \(me)")
                    yieldToCandidate(node)
                    return true
                }
            }
        } else if isPaused(node) {
            follow(node, leader: cachedLeader(node))
            return true
        }
        if request.leader == me {
            if isFailoverPossible(node, request, excludingCandidate: request.candidate != nil) {
                if request.candidate != nil { yieldToCandidate(node) } else { follow(node, leader: cachedLeader(node)) }
            } else {
                acquireLock(node)
            }
            return true
        }
        healthiestRace(node, excluding: request.leader.flatMap(nodeIndex(named:)), checkLag: false)
        return true
    }

    /// Not the healthiest while a candidate is named: arm the rewind check and "give a time
    /// to somebody to take the leader lock" (2 s) before following.
    private func yieldToCandidate(_ node: Int) {
        armRewindCheck(node)
        env.scheduler.schedule(.agentResume(node: node, generation: agents[node].generation, .followAfterYield), after: .seconds(2))
    }

    /// The race winner cleans the key up (`{}`), or in pause rewrites it without the leader
    /// so the candidate recognises itself, then promotes.
    func cleanUpFailoverAfterAcquire(_ node: Int) {
        guard let request = cachedFailover(node) else {
            enforcePrimaryRole(node, acquired: true)
            return
        }
        if isPaused(node), request.leader != nil, request.candidate != nil {
            note(node, "switchover", "Updating failover key after acquiring leader lock...")
            writeFailover(node, FailoverRequest(leader: nil, candidate: request.candidate, scheduledAt: request.scheduledAt),
                          then: .promoteWinner)
        } else {
            note(node, "switchover", "Cleaning up failover key after acquiring leader lock...")
            writeFailover(node, .cleared, then: .promoteWinner)
        }
    }

    /// `dcs.manual_failover(...)` from the HA loop: an unretried put of `/failover`.
    private func writeFailover(_ node: Int, _ value: FailoverRequest, then next: AfterFailoverWrite) {
        agents[node].failoverWrite = PendingFailoverWrite(value: value, then: next)
        callEtcd(node, .put(key: keys.failover, value: .failover(value), lease: 0), .writeFailover, retries: false)
    }

    /// The write of `/failover` was answered (or failed, which Patroni only logs): the cache
    /// holds the new value, as after Patroni's reload, and the loop goes on.
    func failoverWritten(_ node: Int, _ result: EtcdCallResult) {
        guard let pending = agents[node].failoverWrite else { return }
        agents[node].failoverWrite = nil
        if result == .answered(.ok) {
            agents[node].cache[.failover] = CachedKey(value: .failover(pending.value), lease: 0)
        }
        switch pending.then {
        case .leaderDuties: actAsLeader(node)
        case .promoteWinner: enforcePrimaryRole(node, acquired: true)
        case .race: acquireLock(node)
        }
    }
}
