extension Simulation {
    /// Who asked for a `pg_isready`-style check.
    enum PingAsker: Equatable {
        /// The failover script on this standby (`"ha": "none"`).
        case script(Int)
        /// The operator's monitoring (`"ha": "manual"`).
        case monitoring
    }

    /// Sends a check from `from` to `target`'s PostgreSQL, answered or timed out within `timeout`.
    func ping(_ target: Int, from: HostID, asker: PingAsker, timeout: SimDuration) {
        let token = nextPingToken
        nextPingToken += 1
        pendingPings[token] = asker
        send(.pgPing(token: token), from: from, to: HostID(target))
        env.scheduler.schedule(.pingTimeout(token: token), after: timeout)
    }

    /// A check ended: answered (reachable, and whether primary), refused or timed out.
    func pingAnswered(_ token: UInt64, reachable: Bool, primary: Bool) {
        guard let asker = pendingPings.removeValue(forKey: token) else { return }
        switch asker {
        case .script(let node): scriptChecked(node, primaryHealthy: reachable && primary)
        case .monitoring: monitoringChecked(primaryHealthy: reachable && primary)
        }
    }
}
