/// Patroni's REST API on the node: HAProxy's `/primary` check, and `POST /switchover` and
/// `POST /failover` (`api.py::do_POST_failover`, PATRONI.md §6.1).
extension Node {
    /// The REST API answers HAProxy's `OPTIONS /primary` (`check`): 200 while Patroni
    /// believes itself leader (PATRONI.md §8.1). Without Patroni, HAProxy's SQL check
    /// asks PostgreSQL whether it is out of recovery.
    func checkReceived(check: UInt64, _ env: inout Environment) {
        let router = layout.router
        if !patroniManaged {
            if postgres.acceptsConnections {
                env.send(.checkResponse(check: check, up: postgres.acceptsWrites), from: host, to: router)
            } else {
                env.send(.refused(.check(check: check)), from: host, to: router)
            }
            return
        }
        guard agent.process == .running else {
            env.send(.refused(.check(check: check)), from: host, to: router)
            return
        }
        let up = agent.isLeader(at: wallClock(at: env.now))
        env.send(.checkResponse(check: check, up: up), from: host, to: router)
    }

    /// The REST handler of a switchover or failover request to `candidate` (nil: the
    /// healthiest), now or at `scheduledAt`. It checks the request against its own view of
    /// the cluster (its watch cache) and, for an immediate request, asks the members that
    /// could take over whether they can (`api.py::is_failover_possible`); it then writes
    /// `/failover` through its own etcd request (see `restWrite`), wakes its HA loop once the
    /// write is done (when its watch delivers the key) and polls for the result. Every
    /// answer is noted with Patroni's status code and wording.
    mutating func failoverRequested(_ kind: ManualFailoverKind, candidate: NodeID?, scheduledAt: SimInstant?,
                                    _ env: inout Environment) {
        let pending = PendingRestRequest(kind: kind, leader: kind == .switchover ? cachedLeader.map(nodeName) : nil,
                                         candidate: candidate, scheduledAt: scheduledAt)
        if let (code, text) = checkFailoverRequest(pending, env) {
            env.note(host, .manualFailover, "POST /\(kind.rawValue): \(code) \(text)")
            return
        }
        guard scheduledAt == nil else {
            writeFailoverRequest(pending, &env)
            return
        }
        switch failoverMembers(pending) {
        case .impossible(let reason):
            env.note(host, .manualFailover, "POST /\(kind.rawValue): 412 \(reason)")
        case .ask(let members):
            probe(members, for: .restRequest(pending), &env)
        }
    }

    /// The handler's checks in Patroni's order, before it asks any member; nil when they
    /// pass, else the status code and text it answers.
    private func checkFailoverRequest(_ request: PendingRestRequest, _ env: borrowing Environment) -> (Int, String)? {
        let candidate = request.candidate.map(nodeName)
        if request.kind == .failover && candidate == nil { return (400, "Failover could be performed only to a specific candidate") }
        if request.kind == .switchover && request.leader == nil {
            return (400, "Switchover could be performed only from a specific leader")
        }
        if let scheduledAt = request.scheduledAt {
            if request.kind == .failover { return (400, "Failover can't be scheduled") }
            if isPaused { return (400, "Can't schedule switchover in the paused state") }
            if scheduledAt < env.now { return (422, "Cannot schedule switchover in the past") }
        }
        if isPaused && candidate == nil {
            return (400, "Switchover is possible only to a specific candidate in a paused state")
        }
        if request.leader != nil && request.leader == candidate { return (400, "Switchover target and source are the same") }
        return nil
    }

    /// Whom `api.py::is_failover_possible` asks, or why no member could take over.
    private enum FailoverMembers {
        /// Probe these members; one able to take over suffices.
        case ask([NodeID])
        /// No member could take over, for this reason.
        case impossible(String)
    }

    /// `api.py::is_failover_possible` up to the probes: the members that could take over.
    private func failoverMembers(_ request: PendingRestRequest) -> FailoverMembers {
        let kind = request.kind
        let clusterLeader = cachedLeader
        if let leader = request.leader, clusterLeader.map(nodeName) != leader { return .impossible("leader name does not match") }
        let sync = synchronousMode ? cachedSync : nil
        let members: [NodeID]
        if let candidate = request.candidate {
            if kind == .switchover, synchronousMode, !(sync?.standbys.contains(candidate) ?? false) {
                return .impossible("candidate name does not match with sync_standby")
            }
            members = cachedMembers.filter { $0 == candidate }
            if members.isEmpty { return .impossible("candidate does not exists") }
        } else if synchronousMode {
            members = cachedMembers.filter { sync?.standbys.contains($0) ?? false }
            if members.isEmpty { return .impossible("\(kind.rawValue) is not possible: can not find sync_standby") }
        } else {
            members = cachedMembers.filter { $0 != clusterLeader }
            if members.isEmpty { return .impossible("\(kind.rawValue) is not possible: cluster does not have members except leader") }
        }
        return .ask(members)
    }

    /// The handler's probes ended: write the request if one member can take over.
    mutating func failoverRequestProbed(_ request: PendingRestRequest, _ probes: ProbeRound, _ env: inout Environment) {
        guard probes.results.contains(where: { failoverLimitation(of: $0.member, answer: $0.answer) == nil }) else {
            env.note(host, .manualFailover,
                     "POST /\(request.kind.rawValue): 412 \(request.kind.rawValue) is not possible: no good candidates have been found")
            return
        }
        writeFailoverRequest(request, &env)
    }

    /// Writes `/failover`, and for an immediate request starts polling for its result.
    private mutating func writeFailoverRequest(_ pending: PendingRestRequest, _ env: inout Environment) {
        let kind = pending.kind
        let candidateName = pending.candidate.map(nodeName)
        let request = FailoverRequest(leader: pending.leader, candidate: candidateName, scheduledAt: pending.scheduledAt)
        guard restWrite(.put(key: keys.failover, value: .failover(request), lease: 0), &env) else {
            env.note(host, .manualFailover, "POST /\(kind.rawValue): 503 failed to write failover key into DCS")
            return
        }
        agent.wakeOnFailoverWrite = true
        if pending.scheduledAt != nil {
            env.note(host, .manualFailover, "POST /\(kind.rawValue): 202 \(kind.title) scheduled")
            return
        }
        env.note(host, .manualFailover, "\(kind.rawValue) requested: leader=\(pending.leader ?? "none") candidate=\(candidateName ?? "none")")
        let limit = 2 * max(10, Int(timers.loopWait.microseconds / 1_000_000))
        let poll = ManualFailoverPoll(handler: id, kind: kind, oldLeader: cachedLeader, candidate: pending.candidate, limit: limit)
        env.scheduler.schedule(.manualFailoverPoll(poll), after: .seconds(1))
    }

    /// `poll_failover_result`: once a second the handler reads its own view of the DCS (its
    /// watch cache): has another node taken the leader key, or has the request been
    /// cleaned up without one?
    func pollFailoverResult(_ poll: ManualFailoverPoll, _ env: inout Environment) {
        guard agent.process == .running else { return }
        var poll = poll
        poll.polls += 1
        let leader = cachedLeader
        let verb = poll.kind.rawValue.dropLast(4)
        var answer: String?
        if let leader, leader != poll.oldLeader {
            answer = poll.candidate == nil || poll.candidate == leader
                ? "200 Successfully \(verb)ed over to \"\(nodeName(leader))\""
                : "200 \(String(verb).capitalizedFirst)ed over to \"\(nodeName(leader))\" instead of \"\(poll.candidate.map(nodeName) ?? "")\""
        } else if cachedFailover == nil {
            answer = "503 \(poll.kind.title) failed"
        } else if poll.polls >= poll.limit {
            answer = "503 \(poll.kind.title) status unknown after \(poll.limit) seconds; operation may still be in progress"
        }
        if let answer {
            env.note(host, .manualFailover, "POST /\(poll.kind.rawValue): \(answer)")
        } else {
            env.scheduler.schedule(.manualFailoverPoll(poll), after: .seconds(1))
        }
    }
}
