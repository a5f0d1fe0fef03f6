extension Simulation {
    /// Re-evaluates what the checkers watch after a change of PostgreSQL state or streaming.
    func observeClusterChange() {
        safety.update(writable: postgres.map(\.acceptsWrites), at: now, names: options.nodes.map(\.name))
        guard let leader = failovers.leaderAwaitingReplicas else { return }
        let branch = postgres[leader].branch
        let following = postgres.indices.allSatisfy { node in
            node == leader || agents[node].process != .running || !postgres[node].hasData
                || (postgres[node].state == .running && postgres[node].receiver == .streaming(upstream: leader)
                    && postgres[node].branch == branch)
        }
        if following {
            failovers.replicasFollowing(at: now)
            note(nil, "replicas-following", "every member with a running Patroni streams from \(name(leader)) on timeline \(timelineNumber(leader))")
        }
    }
}
