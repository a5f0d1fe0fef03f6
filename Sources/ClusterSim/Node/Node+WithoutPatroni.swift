/// The node without Patroni (`"ha": "none"` or `"manual"`): set up by hand, and on the
/// standby of `"ha": "none"` the naive failover script that promotes it when the primary
/// looks dead (the lab's comparison table).
extension Node {
    /// What the failover script on this standby remembers between its checks.
    struct FailoverScript {
        /// Since when the watched primary has failed every check, if it does.
        var failingSince: SimInstant?
        /// Whether the script already promoted its standby (it never acts twice).
        var promoted = false
        /// Checks in flight, by token (looked up, never iterated).
        var pendingChecks: Set<UInt64> = []
        /// The next check's token.
        var nextToken: UInt64 = 0
    }

    /// The first node runs `initdb` and starts as primary.
    mutating func initdbWithoutPatroni(_ env: inout Environment) {
        env.note(host, .initdb, "initdb and start as primary (no coordinator)")
        env.scheduler.schedule(.postgresStep(node: id, generation: postgres.generation, .initdbDone), after: options.postgres.initdb)
    }

    /// Every other node is cloned from the first by the administrator's script, which runs
    /// `pg_basebackup` every second until the first node answers (`basebackupArrived`
    /// starts PostgreSQL as its replica).
    mutating func cloneWithoutPatroni(from primary: NodeID, _ env: inout Environment) {
        env.note(host, .basebackup, "pg_basebackup from \(nodeName(primary))")
        requestTransfer(.basebackup, from: primary, &env)
    }

    /// The operator runs `pg_ctl promote`, which only a running replica obeys.
    mutating func operatorPromotes(_ env: inout Environment) {
        guard postgres.state == .running, !postgres.isPrimary else { return }
        promote(&env)
    }

    /// The operator points this replica's `primary_conninfo` at `primary` and reloads it.
    mutating func repoint(to primary: NodeID, _ env: inout Environment) {
        guard postgres.state == .running, !postgres.isPrimary else { return }
        postgres.upstream = primary
        restartReceiver(&env)
    }

    // MARK: The failover script of `"ha": "none"`

    /// The script checks the primary its standby follows, every `check_interval`.
    mutating func runScriptCheck(_ env: inout Environment) {
        guard case .none(let settings) = options.ha, !script.promoted else { return }
        env.scheduler.schedule(.scriptCheck(node: id), after: settings.checkInterval)
        guard postgres.state == .running, !postgres.isPrimary, let primary = postgres.upstream else { return }
        let token = script.nextToken
        script.nextToken += 1
        script.pendingChecks.insert(token)
        env.send(.pgPing(token: token), from: host, to: layout.host(of: primary))
        env.scheduler.schedule(.pingTimeout(host: host, token: token), after: settings.checkInterval)
    }

    /// A check ended: answered (reachable, and whether primary), refused or timed out.
    /// After `promote_after` of failed checks the script promotes its standby; nothing
    /// demotes the old primary.
    mutating func scriptCheckAnswered(token: UInt64, primaryHealthy: Bool, _ env: inout Environment) {
        guard script.pendingChecks.remove(token) != nil else { return }
        guard case .none(let settings) = options.ha, !script.promoted else { return }
        if primaryHealthy {
            script.failingSince = nil
            return
        }
        let since = script.failingSince ?? env.now
        script.failingSince = since
        guard env.now - since >= settings.promoteAfter, postgres.state == .running, !postgres.isPrimary else { return }
        script.promoted = true
        env.note(host, .promote, "failover script: primary unreachable for \(env.now - since), promoting \(name)")
        let time = env.now
        env.recorder.failovers.newLeaderChosen(id, name: name, at: time)
        promote(&env)
    }
}
