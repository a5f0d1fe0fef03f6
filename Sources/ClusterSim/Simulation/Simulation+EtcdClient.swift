extension Simulation {
    /// Patroni's timeouts over the etcd endpoints with `node`'s `retry_timeout` in force
    /// (one endpoint: three attempts of `retry_timeout / 3`).
    func clientTimeouts(_ node: Int) -> EtcdClientTimeouts {
        EtcdClientTimeouts(members: layout.etcdCount, retryTimeout: timers(of: node).retryTimeout)
    }

    /// Starts an etcd call for `node`'s Patroni, replacing any call in flight.
    func callEtcd(_ node: Int, _ request: EtcdRequest, _ purpose: EtcdCall.Purpose, retries: Bool = true) {
        let id = agents[node].nextCallID
        agents[node].nextCallID += 1
        agents[node].call = EtcdCall(id: id, request: request, purpose: purpose,
                                     deadline: wallNow(node) + timers(of: node).retryTimeout, retries: retries)
        sendAttempt(node)
    }

    /// Sends the call's next HTTP attempt to the node's current endpoint, with its timeout.
    private func sendAttempt(_ node: Int) {
        guard var call = agents[node].call else { return }
        call.attempt += 1
        call.attemptsInRound += 1
        agents[node].call = call
        let timeout = min(clientTimeouts(node).perAttempt, call.deadline - wallNow(node))
        let generation = agents[node].generation
        send(.etcdRequest(callID: call.id, attempt: call.attempt, generation: generation, call.request),
             from: HostID(node), to: layout.host(of: etcdEndpoints[node]))
        env.scheduler.schedule(.callAttemptTimeout(node: node, generation: generation, callID: call.id, attempt: call.attempt),
                           after: timeout)
    }

    /// etcd answered an attempt.
    func etcdAnswered(_ node: Int, callID: UInt64, attempt: UInt64, response: EtcdResponse) {
        guard let call = agents[node].call, call.id == callID, call.attempt == attempt else { return }
        agents[node].call = nil
        callEnded(node, call.purpose, .answered(response))
    }

    /// An attempt timed out or was refused: try again within the deadline (on the next
    /// endpoint once this one had its attempts), or give up. The client stays on the
    /// endpoint that last worked.
    func etcdAttemptFailed(_ node: Int, callID: UInt64, attempt: UInt64) {
        guard var call = agents[node].call, call.id == callID, call.attempt == attempt else { return }
        let remaining = call.deadline - wallNow(node)
        let timeouts = clientTimeouts(node)
        if call.attemptsInRound % timeouts.attemptsPerEndpoint == 0 {
            etcdEndpoints[node] = MemberID((etcdEndpoints[node].index + 1) % layout.etcdCount)
        }
        if remaining <= .zero {
            agents[node].call = nil
            callEnded(node, call.purpose, .failed)
        } else if call.attemptsInRound < timeouts.attemptsPerRound {
            sendAttempt(node)
        } else if call.retries {
            let jitter = SimDuration(microseconds: agentRandom[node].nextInt(in: 0...800_000))
            let sleep = call.backoff + jitter
            if sleep >= remaining {
                agents[node].call = nil
                callEnded(node, call.purpose, .failed)
                return
            }
            call.backoff = min(call.backoff * 2, .seconds(1))
            call.attemptsInRound = 0
            agents[node].call = call
            env.scheduler.schedule(.callRetry(node: node, generation: agents[node].generation, callID: callID), after: sleep)
        } else {
            agents[node].call = nil
            callEnded(node, call.purpose, .failed)
        }
    }

    /// A back-off ended: send the next round of attempts.
    func retryEtcdCall(_ node: Int, callID: UInt64) {
        guard let call = agents[node].call, call.id == callID else { return }
        sendAttempt(node)
    }

    /// Continues the HA loop step that was waiting for the call.
    func callEnded(_ node: Int, _ purpose: EtcdCall.Purpose, _ result: EtcdCallResult) {
        switch purpose {
        case .grantLease: startupLeaseAnswered(node, result)
        case .initialLoad: startupLoadAnswered(node, result)
        case .reloadCache: cacheReloaded(node, result)
        case .updateLockKeepAlive, .updateLockGrant, .updateLockRebind: updateLockStep(node, purpose, result)
        case .writeStatus, .writeHistory: leaderWriteDone(node, purpose, result)
        case .writeFailsafe: failsafeWritten(node, result)
        case .touchKeepAlive, .touchGrant, .touchMember: touchMemberStep(node, purpose, result)
        case .acquireKeepAlive, .acquireGrant, .acquireLock: acquireStep(node, purpose, result)
        case .initializeRace, .writeInitialize, .writeConfig, .takeLeader: bootstrapStep(node, purpose, result)
        case .writeSync: syncWritten(node, result)
        case .prePromoteSync: prePromoteSyncWritten(node, result)
        case .releaseLeader, .shutdownMember: shutdownStep(node, purpose, result)
        case .releaseAfterCrash: releasedAfterCrash(node, result)
        case .writeFailover: failoverWritten(node, result)
        case .releaseWhilePaused: releasedWhilePaused(node, result)
        case .releaseAfterFailedStart: touchMember(node)
        }
    }
}
