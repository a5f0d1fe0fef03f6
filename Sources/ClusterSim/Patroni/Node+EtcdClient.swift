/// Patroni's etcd client (PATRONI.md §1.5): one call at a time, HTTP attempts with their
/// timeouts over the endpoints, back-off with jitter until the call's `retry_timeout`.
extension Node {
    /// Patroni's timeouts over the etcd endpoints with the node's `retry_timeout` in force
    /// (one endpoint: three attempts of `retry_timeout / 3`).
    var clientTimeouts: EtcdClientTimeouts {
        EtcdClientTimeouts(members: layout.etcdCount, retryTimeout: timers.retryTimeout)
    }

    /// Starts an etcd call, replacing any call in flight.
    mutating func callEtcd(_ request: EtcdRequest, _ purpose: EtcdCall.Purpose, retries: Bool = true, _ env: inout Environment) {
        let callID = agent.nextCallID
        agent.nextCallID += 1
        agent.call = EtcdCall(id: callID, request: request, purpose: purpose,
                              deadline: wallClock(at: env.now) + timers.retryTimeout, retries: retries)
        sendAttempt(&env)
    }

    /// Sends the call's next HTTP attempt to the node's current endpoint, with its timeout.
    private mutating func sendAttempt(_ env: inout Environment) {
        guard var call = agent.call else { return }
        call.attempt += 1
        call.attemptsInRound += 1
        agent.call = call
        let timeout = min(clientTimeouts.perAttempt, call.deadline - wallClock(at: env.now))
        let generation = agent.generation
        env.send(.etcdRequest(callID: call.id, attempt: call.attempt, generation: generation, call.request),
                 from: host, to: layout.host(of: etcdEndpoint))
        env.scheduler.schedule(.callAttemptTimeout(node: id, generation: generation, callID: call.id, attempt: call.attempt),
                               after: timeout)
    }

    /// etcd answered an attempt.
    mutating func etcdAnswered(callID: UInt64, attempt: UInt64, response: EtcdResponse, _ env: inout Environment) {
        guard let call = agent.call, call.id == callID, call.attempt == attempt else { return }
        agent.call = nil
        callEnded(call.purpose, .answered(response), &env)
    }

    /// An attempt timed out or was refused: try again within the deadline (on the next
    /// endpoint once this one had its attempts), or give up. The client stays on the
    /// endpoint that last worked.
    mutating func etcdAttemptFailed(callID: UInt64, attempt: UInt64, _ env: inout Environment) {
        guard var call = agent.call, call.id == callID, call.attempt == attempt else { return }
        let remaining = call.deadline - wallClock(at: env.now)
        let timeouts = clientTimeouts
        if call.attemptsInRound % timeouts.attemptsPerEndpoint == 0 {
            etcdEndpoint = MemberID((etcdEndpoint.index + 1) % layout.etcdCount)
            agent.cacheReady = false
        }
        if remaining <= .zero {
            agent.call = nil
            callFailed(call.purpose, &env)
        } else if call.attemptsInRound < timeouts.attemptsPerRound {
            sendAttempt(&env)
        } else if call.retries {
            let jitter = SimDuration(microseconds: random.nextInt(in: 0...800_000))
            let sleep = call.backoff + jitter
            if sleep >= remaining {
                agent.call = nil
                callFailed(call.purpose, &env)
                return
            }
            call.backoff = min(call.backoff * 2, .seconds(1))
            call.attemptsInRound = 0
            agent.call = call
            env.scheduler.schedule(.callRetry(node: id, generation: agent.generation, callID: callID), after: sleep)
        } else {
            agent.call = nil
            callFailed(call.purpose, &env)
        }
    }

    /// The call failed: Patroni closes its watch stream after any connection-level failure
    /// (`kill_stream`), so the cache is reloaded in the next cycle.
    private mutating func callFailed(_ purpose: EtcdCall.Purpose, _ env: inout Environment) {
        agent.cacheReady = false
        callEnded(purpose, .failed, &env)
    }

    /// A back-off ended: send the next round of attempts.
    mutating func retryEtcdCall(callID: UInt64, _ env: inout Environment) {
        guard let call = agent.call, call.id == callID else { return }
        sendAttempt(&env)
    }

    /// Continues the HA loop step that was waiting for the call.
    private mutating func callEnded(_ purpose: EtcdCall.Purpose, _ result: EtcdCallResult, _ env: inout Environment) {
        switch purpose {
        case .grantLease: startupLeaseAnswered(result, &env)
        case .initialLoad: startupLoadAnswered(result, &env)
        case .reloadCache: cacheReloaded(result, &env)
        case .updateLockKeepAlive, .updateLockGrant, .updateLockRebind: updateLockStep(purpose, result, &env)
        case .writeStatus, .writeHistory: leaderWriteDone(purpose, result, &env)
        case .writeFailsafe: failsafeWritten(result, &env)
        case .touchKeepAlive, .touchGrant, .touchMember: touchMemberStep(purpose, result, &env)
        case .acquireKeepAlive, .acquireGrant, .acquireLock: acquireStep(purpose, result, &env)
        case .initializeRace, .writeInitialize, .writeConfig, .takeLeader: bootstrapStep(purpose, result, &env)
        case .writeSync: syncWritten(result, &env)
        case .prePromoteSync: prePromoteSyncWritten(result, &env)
        case .releaseLeader, .shutdownMember: shutdownStep(purpose, result, &env)
        case .releaseAfterCrash: releasedAfterCrash(result, &env)
        case .writeFailover: failoverWritten(result, &env)
        case .releaseWhilePaused: releasedWhilePaused(result, &env)
        case .releaseAfterFailedStart: touchMember(&env)
        }
    }

    /// A write by the REST API (or `patronictl`) on this node: its own etcd request to the
    /// member this node's client uses, beside the HA loop's call, whose answer the loop
    /// does not wait for (generation 0 matches no running Patroni, so the answer is dropped
    /// on arrival). Returns false when the link to etcd drops it.
    func restWrite(_ request: EtcdRequest, _ env: inout Environment) -> Bool {
        env.send(.etcdRequest(callID: .max, attempt: .max, generation: 0, request), from: host, to: layout.host(of: etcdEndpoint))
    }
}
