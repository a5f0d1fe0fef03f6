extension Simulation {
    /// Whether pg_rewind can run (`use_pg_rewind`, with `wal_log_hints` assumed on).
    var canRewind: Bool { options.patroni.usePgRewind }

    /// Arms the divergence check (state CHECK) when a rewind is possible.
    func armRewindCheck(_ node: Int) {
        if canRewind && agents[node].rewind != .needed { agents[node].rewind = .check }
    }

    /// `Ha.follow`: a replica points `primary_conninfo` at the leader (or at nobody),
    /// first demoting itself if it still runs as primary, and rewinding if its WAL diverged.
    func follow(_ node: Int, leader: Int?) {
        let pg = postgres[node]
        if isPaused(node), pausedFollow(node, leader: leader) { return }
        if pg.acceptsWrites {
            note(node, "demote", "demoting self because I do not have the lock and I was a leader")
            agents[node].leaderExpiry = nil
            demote(node, .immediateNolock)
            touchMember(node)
            return
        }
        if let leader, timelineNumber(node) < timelineNumber(leader) { armRewindCheck(node) }
        if let leader, agents[node].rewind == .check, startRewindIfNeeded(node, leader: leader) {
            touchMember(node)
            return
        }
        if pg.upstream != leader && pg.state == .running {
            postgres[node].upstream = leader
            if let leader {
                note(node, "following", "following new leader \(name(leader))")
            }
            if options.postgres.version >= 13 {
                restartReceiver(node)
            } else {
                agents[node].action = .restartForConninfo
                note(node, "restart", "changing primary_conninfo and restarting")
                fastStop(node)
            }
        }
        touchMember(node)
    }

    /// Decides whether `node` diverged from `leader` and starts pg_rewind if so.
    /// Returns true when an action started (or must wait for the leader's checkpoint).
    func startRewindIfNeeded(_ node: Int, leader: Int) -> Bool {
        guard postgres[leader].acceptsWrites, cachedMember(node, leader)?.role == "primary" else { return false }
        guard let needed = rewindNeeded(node, leader: leader) else { return false }
        if !needed {
            agents[node].rewind = .notNeeded
            return false
        }
        agents[node].rewind = .needed
        if cachedMember(node, leader)?.checkpointAfterPromote == false {
            noteOnce(node, "rewind-wait", "Waiting for checkpoint on \(name(leader)) before rewind")
            return true
        }
        note(node, "rewind", "running pg_rewind from \(name(leader))")
        agents[node].action = .rewind(from: leader)
        recordStates()
        if postgres[node].processAlive {
            fastStop(node)
        } else {
            runRewind(node, from: leader)
        }
        return true
    }

    /// `Rewind._check_timeline_and_lsn` (PATRONI.md §4.2), comparing timeline numbers and
    /// LSNs as Patroni does. Nil when no decision can be made yet (a crashed primary).
    func rewindNeeded(_ node: Int, leader: Int) -> Bool? {
        let pg = postgres[node]
        let localTL = timelineNumber(node)
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
        let leaderTL = timelineNumber(leader)
        if localTL > leaderTL { return true }
        if localTL == leaderTL { return false }
        for entry in env.timelines.history(of: postgres[leader].branch) {
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

    /// `Ha.recover` for a node that does not hold the lock: crash recovery in single-user
    /// mode if it was a crashed primary, then a rewind or a plain start as a secondary.
    func recover(_ node: Int, leader: Int?) {
        armRewindCheck(node)
        let pg = postgres[node]
        if pg.control == .inProduction && !agents[node].crashRecoveryDone && (leader == nil || canRewind) {
            note(node, "crash-recovery", "doing crash recovery in a single user mode")
            agents[node].crashRecoveryDone = true
            agents[node].action = .crashRecovery
            runCrashRecovery(node)
        } else if let leader, agents[node].rewind == .check, startRewindIfNeeded(node, leader: leader) {
            // the rewind (or the wait for the leader's checkpoint) took over
        } else {
            note(node, "start", "starting as a secondary")
            agents[node].action = .startPostgres
            startPostgres(node, asPrimary: false, upstream: leader)
        }
        touchMember(node)
    }

    /// `Ha.recover` for the lock holder: restart a crashed primary in place, or start
    /// read-only and promote in the next cycle.
    func recoverAsLeader(_ node: Int) {
        if nodeConfigs[node].settings.primaryStartTimeout == 0 && isFailoverPossible(node, nil, excludingCandidate: false) {
            releaseForFailover(node, "Primary crashed. Failing over.")
            return
        }
        agents[node].action = .startPostgres
        agents[node].leaderStartSince = wallNow(node)
        if postgres[node].control == .inProduction {
            note(node, "start", "starting primary after failure")
            startPostgres(node, asPrimary: true, upstream: nil)
        } else {
            note(node, "start", "starting as readonly because i had the session lock")
            startPostgres(node, asPrimary: false, upstream: nil)
        }
        touchMember(node)
    }

    /// The crashed primary released its key (`primary_start_timeout: 0`): it now recovers
    /// as any other node, and the replicas race.
    /// `Ha.handle_starting_instance` for the lock holder, after its lock update: once the
    /// restart has lasted `primary_start_timeout`, it stops PostgreSQL and releases the key
    /// if another member can take over, else it keeps waiting. Returns whether it gave up.
    func startTimedOut(_ node: Int) -> Bool {
        let timeout = nodeConfigs[node].settings.primaryStartTimeout
        guard agents[node].action == .startPostgres, let since = agents[node].leaderStartSince,
              wallNow(node) - since >= .seconds(Int64(timeout)) else { return false }
        guard isFailoverPossible(node, nil, excludingCandidate: false) else {
            noteOnce(node, "start-timeout", "primary start has timed out, but continuing to wait because failover is not possible")
            return false
        }
        agents[node].action = nil
        agents[node].leaderStartSince = nil
        abortStart(node)
        releaseForFailover(node, "Demoting self because PostgreSQL didn't start in \(timeout) seconds")
        return true
    }

    /// `demote('immediate')` of a lock holder whose PostgreSQL is down: the watchdog is
    /// disarmed and the leader key deleted, so that another member takes over.
    private func releaseForFailover(_ node: Int, _ message: String) {
        note(node, "failover", message)
        disarmWatchdog(node)
        agents[node].leaderExpiry = nil
        callEtcd(node, .deleteIfValue(key: keys.leader, expected: .leaderName(name(node))), .releaseAfterCrash, retries: false)
    }

    /// The key release of ``releaseForFailover`` ended: recover as a replica.
    func releasedAfterCrash(_ node: Int, _ result: EtcdCallResult) {
        if result == .answered(.ok) { note(node, "key-released", "leader key released") }
        recover(node, leader: nil)
    }

    /// `Ha.demote`: stop PostgreSQL and restart it as a replica, without releasing the key.
    func demote(_ node: Int, _ mode: DemoteMode) {
        note(node, "demoting", "Demoting self (\(mode.rawValue))")
        disarmWatchdog(node)
        armRewindCheck(node)
        agents[node].action = .demote(mode)
        switch mode {
        case .offline:
            fastStop(node)
        case .immediateNolock:
            immediateStop(node)
            postgres[node].generation += 1
            startPostgres(node, asPrimary: false, upstream: nil)
        case .graceful:
            stopForSwitchover(node)
        }
    }
}
