/// The pg_rewind decision (`postgresql/rewind.py::Rewind`, PATRONI.md §4.2): whether a
/// former primary's WAL diverged from the new leader's, and starting the rewind.
extension Node {
    /// Whether pg_rewind can run (`use_pg_rewind`, with `wal_log_hints` assumed on).
    var canRewind: Bool { settings.usePgRewind }

    /// Arms the divergence check (state CHECK) when a rewind is possible.
    mutating func armRewindCheck() {
        if canRewind && agent.rewind != .needed { agent.rewind = .check }
    }

    /// Decides whether this node diverged from `leader` and starts pg_rewind if so.
    /// Returns true when an action started (or must wait for the leader's checkpoint).
    mutating func startRewindIfNeeded(leader: NodeID, _ env: inout Environment) -> Bool {
        guard peer(leader, env).acceptsWrites, cachedMember(leader)?.role == .primary else { return false }
        guard let needed = rewindNeeded(leader: leader, env) else { return false }
        if !needed {
            agent.rewind = .notNeeded
            return false
        }
        agent.rewind = .needed
        if cachedMember(leader)?.checkpointAfterPromote == false {
            env.noteOnce(host, .rewindWait, "Waiting for checkpoint on \(nodeName(leader)) before rewind")
            return true
        }
        env.note(host, .rewind, "running pg_rewind from \(nodeName(leader))")
        agent.action = .rewind(from: leader)
        recordStates(&env)
        if postgres.processAlive {
            fastStop(&env)
        } else {
            runRewind(from: leader, &env)
        }
        return true
    }

    /// `Rewind._check_timeline_and_lsn` (PATRONI.md §4.2), comparing timeline numbers and
    /// LSNs as Patroni does. Nil when no decision can be made yet (a crashed primary).
    func rewindNeeded(leader: NodeID, _ env: borrowing Environment) -> Bool? {
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
        let source = peer(leader, env)
        let leaderTL = source.timeline
        if localTL > leaderTL { return true }
        if localTL == leaderTL { return false }
        for entry in env.timelines.history(of: source.branch) {
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
}
