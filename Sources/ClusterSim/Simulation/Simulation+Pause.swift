extension Simulation {
    /// `is_paused()`: the `pause` flag of the `/config` key in `node`'s cache (maintenance mode).
    func isPaused(_ node: Int) -> Bool {
        guard case .config(let config)? = agents[node].cache[.config]?.value else { return false }
        return config.pause
    }

    /// Paused with PostgreSQL not running (`_run_cycle`): Patroni does not start it; a lock
    /// holder removes its key ("removed leader lock because postgres is not running").
    func pausedWithoutPostgres(_ node: Int, leader: Int?) {
        if leader == node {
            note(node, "paused", "removed leader lock because postgres is not running")
            agents[node].leaderExpiry = nil
            callEtcd(node, .deleteIfValue(key: keys.leader, expected: .leaderName(name(node))), .releaseWhilePaused, retries: false)
        } else {
            notePaused(node, "PAUSE: postgres is not running")
            touchMember(node)
        }
    }

    /// Paused lock holder whose PostgreSQL runs read-only (`process_healthy_cluster`): the
    /// candidate of a switchover in pause waits for its promotion; anyone else removes the key.
    func pausedLeaderNotPrimary(_ node: Int) {
        if cachedFailover(node)?.candidate == name(node) {
            notePaused(node, "PAUSE: waiting to become primary after promote...")
            touchMember(node)
        } else {
            note(node, "paused", "removed leader lock because postgres is not running as primary")
            agents[node].leaderExpiry = nil
            callEtcd(node, .deleteIfValue(key: keys.leader, expected: .leaderName(name(node))), .releaseWhilePaused, retries: false)
        }
    }

    /// The paused node's key deletion was answered; the cycle ends.
    func releasedWhilePaused(_ node: Int, _ result: EtcdCallResult) {
        if result == .answered(.ok) { note(node, "key-released", "leader key released") }
        touchMember(node)
    }

    /// `Ha.follow` while paused: a primary without the lock keeps running as primary, and
    /// with no leader nothing is repointed. Returns true when the cycle was ended here.
    func pausedFollow(_ node: Int, leader: Int?) -> Bool {
        if postgres[node].acceptsWrites {
            notePaused(node, "PAUSE: continue to run as primary without lock")
        } else if leader == nil {
            notePaused(node, "PAUSE: no action. I am (\(name(node)))")
        } else {
            return false
        }
        touchMember(node)
        return true
    }

    /// Notes a paused node's cycle message unless it is the node's last paused message
    /// (Patroni repeats it every cycle; the timeline keeps the first).
    private func notePaused(_ node: Int, _ message: String) {
        let host = layout.names[node]
        if env.recorder.lastEntry(on: host, kind: "paused")?.message == message { return }
        note(node, "paused", message)
    }

    /// SIGTERM while paused (`Ha.shutdown`): PostgreSQL keeps running and nothing is
    /// released; the leader and member keys expire with the lease.
    func stopPatroniInPause(_ node: Int) {
        note(node, "shutdown", "received SIGTERM, shutting down")
        note(node, "paused", "Leader key is not deleted and Postgresql is not stopped due paused state")
        disarmWatchdog(node)
        stopAgentProcess(node)
        note(node, "patroni-stopped", "Patroni stopped")
        observeClusterChange()
    }
}
