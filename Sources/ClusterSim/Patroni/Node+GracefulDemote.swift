/// `demote('graceful')` for a switchover (PATRONI.md §6.3).
extension Node {
    /// The graceful demote, on the graceful-shutdown path: CHECKPOINT and fast stop (the
    /// shutdown checkpoint reaches the streaming replicas), the 1 s polls of `pg_control`,
    /// a 1 s sleep once it says "shut down", then the release of the leader key, and
    /// `demoteReleasedKey` after it.
    ///
    /// Simplifications: the model's postmaster is gone when `pg_control` says "shut down", so
    /// Patroni's two release points (during the stop if `is_failover_possible(cluster_lsn)`,
    /// else after it) coincide and the check is not made; `status.optime` is not rewritten;
    /// the demote holds the HA loop's cycle (no `update_lock` during its few seconds).
    mutating func stopForSwitchover(_ env: inout Environment) {
        agent.shutdownReleasesKey = true
        fastStop(&env)
        env.scheduler.schedule(.agentResume(node: id, generation: agent.generation, .shutdownPoll), after: .seconds(1))
    }

    /// The key is released: "Give a time to somebody to take the leader lock" (2 s), then follow.
    mutating func demoteReleasedKey(_ env: inout Environment) {
        agent.shutdownReleasesKey = false
        env.scheduler.schedule(.agentResume(node: id, generation: agent.generation, .demoteFollow), after: .seconds(2))
    }

    /// The demote ends: start as a replica of whoever holds the lock now, or rewind first
    /// (`Ha.recover` decides, as after any stop); the cycle then ends.
    mutating func followAfterDemote(_ env: inout Environment) {
        agent.action = nil
        recover(leader: cachedLeader, &env)
    }
}
