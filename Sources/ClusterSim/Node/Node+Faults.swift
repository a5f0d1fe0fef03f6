/// Faults and operator actions run on the host: a broken or killed PostgreSQL, a slow disk,
/// `patronictl reinit`.
extension Node {
    /// Applies a per-node fault or operator action (`break-postgres`, `fix-postgres`,
    /// `slow-disk`, `fast-disk`, `reinit`).
    mutating func applyNodeFault(_ action: FaultAction, _ env: inout Environment) {
        switch action {
        case .breakPostgres:
            faults.postgresBroken = true
            env.note(host, .postgresBroken, "PostgreSQL will fail to start")
        case .fixPostgres:
            faults.postgresBroken = false
            env.note(host, .postgresFixed, "PostgreSQL can start again")
        case let .slowDisk(_, factor, duration):
            faults.diskFactor = factor
            faults.diskSlowUntil = duration.map { env.now + $0 }
            env.note(host, .diskSlow, "disk \(factor) times slower" + (duration.map { " for \($0)" } ?? ""))
        case .fastDisk:
            faults.diskFactor = 1
            faults.diskSlowUntil = nil
            env.note(host, .diskFast, "disk back to its healthy speed")
            finishSlowWrite(&env)
        case .reinit:
            reinitialize(&env)
        default:
            preconditionFailure("applyNodeFault is only called with a per-node fault, got \(action.label)")
        }
    }

    /// A start of the broken PostgreSQL: `pg_ctl start` waits for the postmaster, which
    /// exits during start-up, so the start fails after the usual start time.
    mutating func failStart(_ env: inout Environment) {
        postgres.state = .starting
        env.scheduler.schedule(.postgresStep(node: id, generation: postgres.generation, .startFailed), after: options.postgres.start)
    }

    /// The postmaster exited during start-up. If Patroni was recovering (`Ha.recover`), its
    /// next cycle runs `post_recover`.
    mutating func startFailed(_ env: inout Environment) {
        postgres.state = .crashed
        postgres.upstream = nil
        env.note(host, .startFailed, "PostgreSQL failed to start")
        observeClusterChange(&env)
        if agent.action == .startPostgres { agent.startFailed = true }
        actionFinished(&env)
    }

    /// `kill-postgres`: the postmaster dies. One that was starting for Patroni's
    /// `Ha.recover` makes that start fail, so the next cycle runs `post_recover`.
    mutating func killPostgres(_ env: inout Environment) {
        guard postgres.processAlive else {
            env.note(host, .noOp, "kill-postgres ignored: PostgreSQL is not running")
            return
        }
        let starting = postgres.state == .starting
        crashPostgres(&env)
        if starting && agent.action == .startPostgres {
            agent.startFailed = true
            actionFinished(&env)
        }
    }

    /// `patronictl reinit` (`Ha.reinitialize`, `Ha._do_reinitialize`): refused on the leader
    /// and without a leader; otherwise PostgreSQL stops at once, the data directory is
    /// removed and a base backup from the leader clones it again.
    mutating func reinitialize(_ env: inout Environment) {
        guard agent.process == .running else {
            env.note(host, .noOp, "reinit ignored: Patroni is not running")
            return
        }
        let leader = cachedLeader
        if leader == id {
            env.note(host, .reinitRefused, "I am the leader, can not reinitialize")
            return
        }
        guard let leader else {
            env.note(host, .reinitRefused, "Cluster has no leader, can not reinitialize")
            return
        }
        if let action = agent.action {
            env.note(host, .reinitRefused, "\(action.label) already in progress")
            return
        }
        env.note(host, .reinit, "reinitialize requested: removing the data directory")
        postgres.generation += 1
        if postgres.processAlive { immediateStop(&env) }
        postgres.hasData = false
        postgres.control = .shutDown
        agent.rewind = .initial
        agent.crashRecoveryDone = false
        startBasebackup(from: leader, &env)
    }
}
