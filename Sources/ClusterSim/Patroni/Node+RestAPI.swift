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
    /// the cluster (its watch cache), writes `/failover` through its own etcd request (see
    /// `restWrite`) and wakes its HA loop once the write is done (when its watch delivers
    /// the key); the answer is noted with Patroni's status code and wording. Returns the
    /// polling of the result for an immediate request that was written.
    mutating func failoverRequested(_ kind: ManualFailoverKind, candidate: NodeID?, scheduledAt: SimInstant?,
                                    _ env: inout Environment) -> ManualFailoverPoll? {
        let leaderName = kind == .switchover ? cachedLeader.map(nodeName) : nil
        let candidateName = candidate.map(nodeName)
        let answer = checkFailoverRequest(kind, leader: leaderName, candidate: candidateName, scheduledAt: scheduledAt, env)
        if let (code, text) = answer {
            env.note(host, .manualFailover, "POST /\(kind.rawValue): \(code) \(text)")
            return nil
        }
        let request = FailoverRequest(leader: leaderName, candidate: candidateName, scheduledAt: scheduledAt)
        guard restWrite(.put(key: keys.failover, value: .failover(request), lease: 0), &env) else {
            env.note(host, .manualFailover, "POST /\(kind.rawValue): 503 failed to write failover key into DCS")
            return nil
        }
        agent.wakeOnFailoverWrite = true
        if scheduledAt != nil {
            env.note(host, .manualFailover, "POST /\(kind.rawValue): 202 \(kind.title) scheduled")
            return nil
        }
        env.note(host, .manualFailover, "\(kind.rawValue) requested: leader=\(leaderName ?? "none") candidate=\(candidateName ?? "none")")
        let limit = 2 * max(10, Int(timers.loopWait.microseconds / 1_000_000))
        return ManualFailoverPoll(handler: id, kind: kind, oldLeader: cachedLeader, candidate: candidate, limit: limit)
    }

    /// The handler's checks in Patroni's order; nil when the request is accepted, else the
    /// status code and text it answers.
    private func checkFailoverRequest(_ kind: ManualFailoverKind, leader: String?, candidate: String?,
                                      scheduledAt: SimInstant?, _ env: borrowing Environment) -> (Int, String)? {
        if kind == .failover && candidate == nil { return (400, "Failover could be performed only to a specific candidate") }
        if kind == .switchover && leader == nil { return (400, "Switchover could be performed only from a specific leader") }
        if let scheduledAt {
            if kind == .failover { return (400, "Failover can't be scheduled") }
            if isPaused { return (400, "Can't schedule switchover in the paused state") }
            if scheduledAt < env.now { return (422, "Cannot schedule switchover in the past") }
        }
        if isPaused && candidate == nil {
            return (400, "Switchover is possible only to a specific candidate in a paused state")
        }
        if leader != nil && leader == candidate { return (400, "Switchover target and source are the same") }
        if scheduledAt == nil, let reason = failoverImpossibleReason(kind, leader: leader, candidate: candidate, env) {
            return (412, reason)
        }
        return nil
    }

    /// `api.py::is_failover_possible`: why no member could take over, or nil.
    private func failoverImpossibleReason(_ kind: ManualFailoverKind, leader: String?, candidate: String?,
                                          _ env: borrowing Environment) -> String? {
        let clusterLeader = cachedLeader
        if let leader, clusterLeader.map(nodeName) != leader { return "leader name does not match" }
        let sync = synchronousMode ? cachedSync : nil
        let members: [NodeID]
        if let candidate {
            if kind == .switchover, synchronousMode, !(sync?.standbys.map(nodeName).contains(candidate) ?? false) {
                return "candidate name does not match with sync_standby"
            }
            members = cachedMembers.filter { nodeName($0) == candidate }
            if members.isEmpty { return "candidate does not exists" }
        } else if synchronousMode {
            members = cachedMembers.filter { sync?.standbys.contains($0) ?? false }
            if members.isEmpty { return "\(kind.rawValue) is not possible: can not find sync_standby" }
        } else {
            members = cachedMembers.filter { $0 != clusterLeader }
            if members.isEmpty { return "\(kind.rawValue) is not possible: cluster does not have members except leader" }
        }
        if members.contains(where: { failoverLimitation(of: $0, env) == nil }) { return nil }
        return "\(kind.rawValue) is not possible: no good candidates have been found"
    }
}
