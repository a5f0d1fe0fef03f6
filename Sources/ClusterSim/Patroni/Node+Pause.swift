/// Maintenance mode (`patronictl pause`): what the HA loop does differently while paused.
extension Node {
    /// Paused with PostgreSQL not running (`_run_cycle`): Patroni does not start it; a lock
    /// holder removes its key ("removed leader lock because postgres is not running").
    mutating func pausedWithoutPostgres(leader: NodeID?, _ env: inout Environment) {
        if leader == id {
            env.note(host, .paused, "removed leader lock because postgres is not running")
            agent.leaderExpiry = nil
            callEtcd(.deleteIfValue(key: keys.leader, expected: .leaderName(name)), .releaseWhilePaused, retries: false, &env)
        } else {
            notePaused("PAUSE: postgres is not running", &env)
            touchMember(&env)
        }
    }

    /// Paused lock holder whose PostgreSQL runs read-only (`process_healthy_cluster`): the
    /// candidate of a switchover in pause waits for its promotion; anyone else removes the key.
    mutating func pausedLeaderNotPrimary(_ env: inout Environment) {
        if cachedFailover?.candidate == name {
            notePaused("PAUSE: waiting to become primary after promote...", &env)
            touchMember(&env)
        } else {
            env.note(host, .paused, "removed leader lock because postgres is not running as primary")
            agent.leaderExpiry = nil
            callEtcd(.deleteIfValue(key: keys.leader, expected: .leaderName(name)), .releaseWhilePaused, retries: false, &env)
        }
    }

    /// The paused node's key deletion was answered; the cycle ends.
    mutating func releasedWhilePaused(_ result: EtcdCallResult, _ env: inout Environment) {
        if result == .answered(.ok) { env.note(host, .keyReleased, "leader key released") }
        touchMember(&env)
    }

    /// `Ha.follow` while paused: a primary without the lock keeps running as primary, and
    /// with no leader nothing is repointed. Returns true when the cycle was ended here.
    mutating func pausedFollow(leader: NodeID?, _ env: inout Environment) -> Bool {
        if postgres.acceptsWrites {
            notePaused("PAUSE: continue to run as primary without lock", &env)
        } else if leader == nil {
            notePaused("PAUSE: no action. I am (\(name))", &env)
        } else {
            return false
        }
        touchMember(&env)
        return true
    }

    /// Notes a paused node's cycle message unless it is the node's last paused message
    /// (Patroni repeats it every cycle; the timeline keeps the first).
    private func notePaused(_ message: String, _ env: inout Environment) {
        if env.recorder.lastEntry(on: name, kind: .paused)?.message == message { return }
        env.note(host, .paused, message)
    }

    /// SIGTERM while paused (`Ha.shutdown`): PostgreSQL keeps running and nothing is
    /// released; the leader and member keys expire with the lease.
    mutating func stopPatroniInPause(_ env: inout Environment) {
        env.note(host, .shutdown, "received SIGTERM, shutting down")
        env.note(host, .paused, "Leader key is not deleted and Postgresql is not stopped due paused state")
        disarmWatchdog(&env)
        stopAgentProcess(&env)
        env.note(host, .patroniStopped, "Patroni stopped")
        observeClusterChange(&env)
    }
}
