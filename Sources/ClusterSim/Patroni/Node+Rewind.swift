/// The pg_rewind decision (`postgresql/rewind.py::Rewind`, PATRONI.md §4.2): whether a
/// former primary's WAL diverged from the new leader's, and running pg_rewind.
///
/// The check asks the leader's PostgreSQL over the network whether it is a primary and on
/// which timeline; a leader it cannot reach within the connect timeout (3 s) leaves the
/// state at CHECK ("Exception when working with leader"), and the node starts or goes on
/// as a secondary, to be checked again in the next cycle.
extension Node {
    /// Whether pg_rewind can run (`use_pg_rewind`, with `wal_log_hints` assumed on).
    var canRewind: Bool { settings.usePgRewind }

    /// The rewind check's connect timeout (`connect_timeout=3` in Patroni's connection).
    static let rewindCheckTimeout = SimDuration.seconds(3)

    /// Where the rewind decision leaves the HA cycle.
    enum RewindProgress: Equatable {
        /// No rewind now: the cycle goes on.
        case goOn
        /// A rewind (or the wait for the leader's checkpoint) took the cycle over.
        case tookOver
        /// The check asked the leader; the cycle resumes with its answer.
        case askingLeader
    }

    /// Arms the divergence check (state CHECK) when a rewind is possible.
    mutating func armRewindCheck() {
        if canRewind && agent.rewind != .needed { agent.rewind = .check }
    }

    /// Decides whether this node diverged from `leader` and starts pg_rewind if so, for the
    /// cycle step `resume`. A rewind found needed before (and not done) runs again.
    mutating func startRewindIfNeeded(leader: NodeID, resume: RewindCheckResume, _ env: inout Environment) -> RewindProgress {
        guard agent.rewind == .check || agent.rewind == .needed, cachedMember(leader)?.role == .primary else { return .goOn }
        if agent.rewind == .check {
            switch rewindCheck(leader: leader, resume: resume, &env) {
            case .asking: return .askingLeader
            case .undecided: return .goOn
            case .decided(let needed):
                guard needed else {
                    agent.rewind = .notNeeded
                    return .goOn
                }
                agent.rewind = .needed
            }
        }
        env.note(host, .rewind, "running pg_rewind from \(nodeName(leader))")
        agent.action = .rewind(from: leader)
        recordStates(&env)
        if postgres.processAlive {
            fastStop(&env)
        } else {
            executeRewind(from: leader, &env)
        }
        return .tookOver
    }

    /// What the rewind check knows so far.
    private enum CheckResult {
        /// The question to the leader is in flight.
        case asking
        /// No decision can be made now (state stays CHECK).
        case undecided
        /// Whether a rewind is needed.
        case decided(Bool)
    }

    /// `Rewind._check_timeline_and_lsn`: uses the leader's answer if it came, else asks.
    private mutating func rewindCheck(leader: NodeID, resume: RewindCheckResume, _ env: inout Environment) -> CheckResult {
        if !postgres.processAlive && postgres.control == .inProduction { return .undecided }
        if let answer = agent.rewindAnswer, answer.leader == leader {
            agent.rewindAnswer = nil
            guard leaderIsPrimary(leader, answer.reply, &env), let branch = answer.reply?.branch,
                  let needed = rewindNeeded(leaderBranch: branch, env) else { return .undecided }
            return .decided(needed)
        }
        ask(leader, for: resume, &env)
        return .asking
    }

    /// Connects to the leader's PostgreSQL and asks whether it is out of recovery (and on
    /// which timeline); the answer, a refusal or the connect timeout resumes `resume`.
    private mutating func ask(_ leader: NodeID, for resume: RewindCheckResume, _ env: inout Environment) {
        let token = agent.nextCallID
        agent.nextCallID += 1
        agent.rewindQuery = RewindQuery(token: token, leader: leader, resume: resume)
        env.send(.timelineQuery(token: token), from: host, to: layout.host(of: leader))
        env.scheduler.schedule(.rewindCheckTimeout(node: id, generation: agent.generation, token: token), after: Node.rewindCheckTimeout)
    }

    /// The leader's PostgreSQL answers the rewind check's `token` (`answer`), or it failed:
    /// the cycle resumes where it asked.
    mutating func rewindCheckAnswered(token: UInt64, _ answer: LeaderReply?, _ env: inout Environment) {
        guard let query = agent.rewindQuery, query.token == token else { return }
        agent.rewindQuery = nil
        switch query.resume {
        case .follow, .recover:
            agent.rewindAnswer = RewindAnswer(leader: query.leader, reply: answer)
            if query.resume == .follow { follow(leader: query.leader, &env) } else { recover(leader: query.leader, &env) }
        case .beforeRewind:
            guard agent.action == .rewind(from: query.leader) else { return }
            if leaderIsPrimary(query.leader, answer, &env) {
                requestTransfer(.rewind, from: query.leader, &env)
            } else {
                agent.action = nil
            }
        case .afterFailedRewind:
            guard agent.action == .rewind(from: query.leader) else { return }
            if leaderIsPrimary(query.leader, answer, &env) {
                env.note(host, .rewindFailed, "Failed to rewind from healthy primary: \(nodeName(query.leader))")
                agent.rewind = .failed
            } else {
                env.note(host, .rewindFailed, "Failed to rewind because primary \(nodeName(query.leader)) become unreachable")
            }
            actionFinished(&env)
        }
    }

    /// `check_leader_is_not_in_recovery`: true when the leader answered as a primary; logs why not otherwise.
    private func leaderIsPrimary(_ leader: NodeID, _ answer: LeaderReply?, _ env: inout Environment) -> Bool {
        guard let answer else {
            env.note(host, .rewindCheckFailed, "Exception when working with leader \(nodeName(leader))")
            return false
        }
        if !answer.primary {
            env.note(host, .rewindCheckFailed, "Leader is still in_recovery and therefore can't be used for rewind")
        }
        return answer.primary
    }

    /// The rewind check's question `token` got no answer in time.
    mutating func rewindCheckTimedOut(generation: UInt64, token: UInt64, _ env: inout Environment) {
        guard agent.generation == generation else { return }
        rewindCheckAnswered(token: token, nil, &env)
    }

    /// The PostgreSQL side of the rewind check: whether this server is out of recovery, and
    /// its WAL branch; refused when it does not accept connections.
    func timelineQueried(token: UInt64, by asker: HostID, _ env: inout Environment) {
        if postgres.acceptsConnections {
            env.send(.timelineAnswer(token: token, primary: postgres.acceptsWrites, branch: postgres.branch), from: host, to: asker)
        } else {
            env.send(.refused(.timeline(token: token)), from: host, to: asker)
        }
    }

    /// `Rewind._check_timeline_and_lsn` (PATRONI.md §4.2) against a leader on
    /// `leaderBranch`, comparing timeline numbers and LSNs as Patroni does, the leader's
    /// history read from its answer. Nil when no decision can be made.
    func rewindNeeded(leaderBranch: Int, _ env: borrowing Environment) -> Bool? {
        let pg = postgres
        let localTL = timelineNumber(env)
        var localLSN = pg.lsn
        var cleanPrimaryShutdown = false
        if !pg.processAlive {
            switch pg.control {
            case .inProduction: return nil
            case .shutDown:
                localLSN = pg.checkpointLSN
                cleanPrimaryShutdown = true
            case .inArchiveRecovery, .shutDownInRecovery: break
            }
        }
        let leaderTL = env.timelines.number(of: leaderBranch)
        if localTL > leaderTL { return true }
        if localTL == leaderTL { return false }
        for entry in env.timelines.history(of: leaderBranch) {
            if entry.timeline == localTL {
                if cleanPrimaryShutdown {
                    let checkpointEnd = pg.checkpointLSN + options.postgres.checkpointRecordBytes
                    return !(localLSN < entry.switchLSN && checkpointEnd == entry.switchLSN)
                }
                return localLSN > entry.switchLSN
            }
            if entry.timeline > localTL { return true }
        }
        return true
    }

    /// `Rewind.execute` with PostgreSQL stopped: wait for the leader's checkpoint after its
    /// promotion, make sure the leader is a reachable primary, then run pg_rewind (a copy of
    /// what changed since the histories forked). A gate that fails ends the action without
    /// waking the loop; the state stays NEED and the next cycle runs it again.
    mutating func executeRewind(from leader: NodeID, _ env: inout Environment) {
        if cachedMember(leader)?.checkpointAfterPromote == false {
            env.noteOnce(host, .rewindWait, "Waiting for checkpoint on \(nodeName(leader)) before rewind")
            agent.action = nil
            return
        }
        ask(leader, for: .beforeRewind, &env)
    }

    /// pg_rewind finished: the WAL continues on the source's branch from where the
    /// histories forked, and PostgreSQL starts as its replica.
    mutating func rewound(from source: NodeID, branch: Int, lsn: Int64, _ env: inout Environment) {
        let fork = env.timelines.switchPoint(from: postgres.branch, toward: branch) ?? postgres.lsn
        postgres.branch = branch
        postgres.lsn = min(fork, lsn)
        postgres.control = .inArchiveRecovery
        agent.rewind = .success
        env.note(host, .rewindDone, "pg_rewind from \(nodeName(source)) done")
        observeTimeline(&env)
        guard agent.action == .rewind(from: source) else { return }
        startPostgres(asPrimary: false, upstream: source, &env)
    }

    /// pg_rewind could not reach its source: Patroni asks the leader again. Unreachable, the
    /// state stays NEED and PostgreSQL stopped, and the loop, woken at once, tries again; a
    /// reachable primary makes the failure final (FAILED).
    mutating func rewindFailed(from source: NodeID, _ env: inout Environment) {
        guard agent.action == .rewind(from: source) else { return }
        ask(source, for: .afterFailedRewind, &env)
    }
}
