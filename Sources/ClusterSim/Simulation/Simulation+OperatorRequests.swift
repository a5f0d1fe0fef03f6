extension Simulation {
    // MARK: `POST /switchover` and `POST /failover` (`api.py::do_POST_failover`, PATRONI.md §6.1)

    /// An operator's switchover or failover request. Like `patronictl`, it goes to the REST
    /// API of the node the leader key names, or of the candidate when there is no leader.
    /// That node's handler checks the request against its own view of the cluster (its watch
    /// cache), writes `/failover` through its own etcd request (see `restWrite`) and wakes its
    /// HA loop once the write is done (when its watch delivers the key); the answer is noted in the timeline with Patroni's status code and wording.
    func requestManualFailover(_ fault: Fault, kind: ManualFailoverKind, candidate: FaultTarget?, scheduledAt: SimInstant?) {
        let candidateNode: Int? = {
            if case .node(let index, _)? = candidate { return index }
            return nil
        }()
        let handler = currentLeader ?? candidateNode
        recordFault(fault, node: handler)
        note(nil, "fault", "fault: \(fault.action.label)")
        guard let handler, agents[handler].process == .running, frozenUntil[handler] == nil else {
            note(nil, "manual-failover", "POST /\(kind.rawValue): no answer, the REST API \(handler.map { "of \(name($0)) " } ?? "")is not running")
            return
        }
        let leaderName = kind == .switchover ? cachedLeader(handler).map(name) : nil
        let candidateName = candidateNode.map(name)
        let answer = checkManualFailover(handler, kind: kind, leader: leaderName, candidate: candidateName, scheduledAt: scheduledAt)
        if let (code, text) = answer {
            note(handler, "manual-failover", "POST /\(kind.rawValue): \(code) \(text)")
            return
        }
        let request = FailoverRequest(leader: leaderName, candidate: candidateName, scheduledAt: scheduledAt)
        guard restWrite(.put(key: keys.failover, value: .failover(request), lease: 0), from: handler) else {
            note(handler, "manual-failover", "POST /\(kind.rawValue): 503 failed to write failover key into DCS")
            return
        }
        agents[handler].wakeOnFailoverWrite = true
        if scheduledAt != nil {
            note(handler, "manual-failover", "POST /\(kind.rawValue): 202 \(kind.title) scheduled")
        } else {
            note(handler, "manual-failover", "\(kind.rawValue) requested: leader=\(leaderName ?? "none") candidate=\(candidateName ?? "none")")
            let limit = 2 * max(10, Int(timers(of: handler).loopWait.microseconds / 1_000_000))
            let poll = ManualFailoverPoll(handler: handler, kind: kind, oldLeader: cachedLeader(handler),
                                          candidate: candidateNode, limit: limit)
            env.scheduler.schedule(.manualFailoverPoll(poll), after: .seconds(1))
        }
    }

    /// The handler's checks in Patroni's order; nil when the request is accepted, else the
    /// status code and text it answers.
    private func checkManualFailover(_ handler: Int, kind: ManualFailoverKind, leader: String?, candidate: String?,
                                     scheduledAt: SimInstant?) -> (Int, String)? {
        if kind == .failover && candidate == nil { return (400, "Failover could be performed only to a specific candidate") }
        if kind == .switchover && leader == nil { return (400, "Switchover could be performed only from a specific leader") }
        if let scheduledAt {
            if kind == .failover { return (400, "Failover can't be scheduled") }
            if isPaused(handler) { return (400, "Can't schedule switchover in the paused state") }
            if scheduledAt < now { return (422, "Cannot schedule switchover in the past") }
        }
        if isPaused(handler) && candidate == nil {
            return (400, "Switchover is possible only to a specific candidate in a paused state")
        }
        if leader != nil && leader == candidate { return (400, "Switchover target and source are the same") }
        if scheduledAt == nil, let reason = failoverImpossibleReason(handler, kind: kind, leader: leader, candidate: candidate) {
            return (412, reason)
        }
        return nil
    }

    /// `api.py::is_failover_possible`: why no member could take over, or nil.
    private func failoverImpossibleReason(_ handler: Int, kind: ManualFailoverKind, leader: String?, candidate: String?) -> String? {
        let clusterLeader = cachedLeader(handler)
        if let leader, clusterLeader.map(name) != leader { return "leader name does not match" }
        let sync = synchronousMode ? cachedSync(handler) : nil
        let members: [Int]
        if let candidate {
            if kind == .switchover, synchronousMode, !(sync?.standbys.map(name).contains(candidate) ?? false) {
                return "candidate name does not match with sync_standby"
            }
            members = cachedMembers(handler).filter { name($0) == candidate }
            if members.isEmpty { return "candidate does not exists" }
        } else if synchronousMode {
            members = cachedMembers(handler).filter { sync?.standbys.contains($0) ?? false }
            if members.isEmpty { return "\(kind.rawValue) is not possible: can not find sync_standby" }
        } else {
            members = cachedMembers(handler).filter { $0 != clusterLeader }
            if members.isEmpty { return "\(kind.rawValue) is not possible: cluster does not have members except leader" }
        }
        if members.contains(where: { failoverLimitation(of: $0, seenFrom: handler) == nil }) { return nil }
        return "\(kind.rawValue) is not possible: no good candidates have been found"
    }

    /// `poll_failover_result`: once a second, has another node taken the leader key, or has
    /// the request been cleaned up without one?
    func pollManualFailover(_ poll: ManualFailoverPoll) {
        var poll = poll
        poll.polls += 1
        let leader = currentLeader
        let verb = poll.kind.rawValue.dropLast(4)
        var answer: String?
        if let leader, leader != poll.oldLeader {
            answer = poll.candidate == nil || poll.candidate == leader
                ? "200 Successfully \(verb)ed over to \"\(name(leader))\""
                : "200 \(String(verb).capitalizedFirst)ed over to \"\(name(leader))\" instead of \"\(poll.candidate.map(name) ?? "")\""
        } else if currentFailoverRequest == nil {
            answer = "503 \(poll.kind.title) failed"
        } else if poll.polls >= poll.limit {
            answer = "503 \(poll.kind.title) status unknown after \(poll.limit) seconds; operation may still be in progress"
        }
        if let answer {
            note(poll.handler, "manual-failover", "POST /\(poll.kind.rawValue): \(answer)")
        } else {
            env.scheduler.schedule(.manualFailoverPoll(poll), after: .seconds(1))
        }
    }

    /// The request in etcd's `/failover` key now, unless it is absent or `{}`.
    var currentFailoverRequest: FailoverRequest? {
        guard case .failover(let request)? = etcd.store.entries[keys.failover]?.value, !request.isEmpty else { return nil }
        return request
    }

    // MARK: `patronictl pause` / `resume` (`ctl.py::toggle_pause`, `api.py::do_PATCH_config`)

    /// Sets or clears `pause` in `/config`. `patronictl` reads the cluster from etcd, refuses
    /// if nothing would change, and PATCHes `/config` on the leader's REST API (or the first
    /// member whose API answers), whose handler writes the key; the watch event on `/config`
    /// wakes every node, the handler's too (its own `wakeup()` comes at the same moment).
    func requestPause(_ fault: Fault, paused: Bool) {
        let handler = operatorHost
        recordFault(fault, node: handler)
        note(nil, "fault", "fault: \(fault.action.label)")
        guard case var .config(config)? = etcd.store.entries[keys.config]?.value else {
            note(nil, "manual-failover", "Error: the cluster has no configuration yet")
            return
        }
        if config.pause == paused {
            note(nil, "manual-failover", "Error: Cluster is \(paused ? "already" : "not") paused")
            return
        }
        config.pause = paused
        guard let handler, restWrite(.put(key: keys.config, value: .config(config), lease: 0), from: handler) else {
            note(nil, "manual-failover", "Error: Can not find accessible cluster member")
            return
        }
        note(handler, "manual-failover", "Success: cluster management is \(paused ? "paused" : "resumed")")
    }

    /// Where `patronictl` reaches the cluster: the leader's node, or the first member whose
    /// Patroni runs (not frozen); nil when none does.
    var operatorHost: Int? {
        currentLeader.flatMap { agents[$0].process == .running && frozenUntil[$0] == nil ? $0 : nil }
            ?? agents.indices.first { agents[$0].process == .running && frozenUntil[$0] == nil }
    }

    /// A write by a REST API handler (or `patronictl`) on `handler`: its own etcd request to
    /// the member that node's client uses, beside the HA loop's call, whose answer the loop
    /// does not wait for (generation 0 matches no running Patroni, so the answer is dropped
    /// on arrival). Returns false when the link to etcd drops it.
    func restWrite(_ request: EtcdRequest, from handler: Int) -> Bool {
        send(.etcdRequest(callID: .max, attempt: .max, generation: 0, request), from: HostID(handler),
             to: layout.host(of: etcdEndpoints[handler]))
    }
}
