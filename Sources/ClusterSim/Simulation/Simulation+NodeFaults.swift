extension Simulation {
    /// Applies a per-node fault or operator action (`break-postgres`, `fix-postgres`,
    /// `slow-disk`, `fast-disk`, `reinit`) to `node`.
    func applyNodeFault(_ action: FaultAction, to node: Int) {
        switch action {
        case .breakPostgres:
            nodeFaults[node].postgresBroken = true
            note(node, "postgres-broken", "PostgreSQL will fail to start")
        case .fixPostgres:
            nodeFaults[node].postgresBroken = false
            note(node, "postgres-fixed", "PostgreSQL can start again")
        case let .slowDisk(_, factor, duration):
            nodeFaults[node].diskFactor = factor
            nodeFaults[node].diskSlowUntil = duration.map { now + $0 }
            note(node, "disk-slow", "disk \(factor) times slower" + (duration.map { " for \($0)" } ?? ""))
        case .fastDisk:
            nodeFaults[node].diskFactor = 1
            nodeFaults[node].diskSlowUntil = nil
            note(node, "disk-fast", "disk back to its healthy speed")
            finishSlowWrite(node)
        case .reinit:
            reinitialize(node)
        default:
            preconditionFailure("applyNodeFault is only called with a per-node fault, got \(action.label)")
        }
    }

    /// A start of the broken PostgreSQL: `pg_ctl start` waits for the postmaster, which
    /// exits during start-up, so the start fails after the usual start time.
    func failStart(_ node: Int) {
        postgres[node].state = .starting
        env.scheduler.schedule(.postgresStep(node: node, generation: postgres[node].generation, .startFailed),
                           after: options.postgres.start)
    }

    /// The postmaster exited during start-up. If Patroni was recovering (`Ha.recover`), its
    /// next cycle runs `post_recover`.
    func startFailed(_ node: Int) {
        postgres[node].state = .crashed
        postgres[node].upstream = nil
        note(node, "start-failed", "PostgreSQL failed to start")
        observeClusterChange()
        if agents[node].action == .startPostgres { agents[node].startFailed = true }
        actionFinished(node)
    }

    /// `kill-postgres`: the postmaster dies. One that was starting for Patroni's
    /// `Ha.recover` makes that start fail, so the next cycle runs `post_recover`.
    func killPostgres(_ node: Int) {
        let starting = postgres[node].state == .starting
        crashPostgres(node)
        if starting && agents[node].action == .startPostgres {
            agents[node].startFailed = true
            actionFinished(node)
        }
    }

    /// `Ha.post_recover` after a failed start: the lock holder demotes (role `demoted`,
    /// `on_role_change` fires) and deletes the leader key; others only say so
    /// (PATRONI.md §7.2 F; `ha.py::Ha.post_recover`).
    func postRecover(_ node: Int, leader: Int?) {
        agents[node].startFailed = false
        disarmWatchdog(node)
        guard leader == node else {
            note(node, "start-failed", "failed to start postgres")
            touchMember(node)
            return
        }
        agents[node].leaderExpiry = nil
        if postgres[node].control == .inProduction {
            note(node, "role-change", "on_role_change demoted \(options.scope)")
        }
        note(node, "key-released", "removed leader key after trying and failing to start postgres")
        callEtcd(node, .deleteIfValue(key: keys.leader, expected: .leaderName(name(node))), .releaseAfterFailedStart, retries: false)
    }

    /// `patronictl reinit` (`Ha.reinitialize`, `Ha._do_reinitialize`): refused on the leader
    /// and without a leader; otherwise PostgreSQL stops at once, the data directory is
    /// removed and a base backup from the leader clones it again.
    func reinitialize(_ node: Int) {
        guard agents[node].process == .running else {
            note(node, "no-op", "reinit ignored: Patroni is not running")
            return
        }
        let leader = cachedLeader(node)
        if leader == node {
            note(node, "reinit-refused", "I am the leader, can not reinitialize")
            return
        }
        guard let leader else {
            note(node, "reinit-refused", "Cluster has no leader, can not reinitialize")
            return
        }
        if agents[node].action != nil {
            note(node, "reinit-refused", "\(agents[node].action?.label ?? "action") already in progress")
            return
        }
        note(node, "reinit", "reinitialize requested: removing the data directory")
        postgres[node].generation += 1
        if postgres[node].processAlive { immediateStop(node) }
        postgres[node].hasData = false
        postgres[node].control = .shutDown
        agents[node].rewind = .initial
        agents[node].crashRecoveryDone = false
        startBasebackup(node, from: leader)
    }
}
