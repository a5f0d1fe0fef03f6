/// A node without the lock: following the leader, recovering a stopped PostgreSQL, and
/// the ways a primary steps down (`Ha.follow`, `Ha.recover`, `Ha.demote`).
extension Node {
    /// `Ha.follow`: a replica points `primary_conninfo` at the leader (or at nobody),
    /// first demoting itself if it still runs as primary, and rewinding if its WAL diverged.
    mutating func follow(leader: NodeID?, _ env: inout Environment) {
        if isPaused, pausedFollow(leader: leader, &env) { return }
        if postgres.acceptsWrites {
            env.note(host, .demote, "demoting self because I do not have the lock and I was a leader")
            agent.leaderExpiry = nil
            demote(.immediateNolock, &env)
            touchMember(&env)
            return
        }
        if let leader, let leaderTimeline = cachedMember(leader)?.timeline, timelineNumber(env) < leaderTimeline { armRewindCheck() }
        if let leader {
            switch startRewindIfNeeded(leader: leader, resume: .follow, &env) {
            case .askingLeader: return
            case .tookOver:
                touchMember(&env)
                return
            case .goOn: break
            }
        }
        if postgres.upstream != leader && postgres.state == .running {
            postgres.upstream = leader
            if let leader {
                env.note(host, .following, "following new leader \(nodeName(leader))")
            }
            if options.postgres.version >= 13 {
                restartReceiver(&env)
            } else {
                agent.action = .restartForConninfo
                env.note(host, .restart, "changing primary_conninfo and restarting")
                fastStop(&env)
            }
        }
        touchMember(&env)
    }

    /// `Ha.recover` for a node that does not hold the lock: crash recovery in single-user
    /// mode if it was a crashed primary, then a rewind or a plain start as a secondary.
    mutating func recover(leader: NodeID?, _ env: inout Environment) {
        armRewindCheck()
        if postgres.control == .inProduction && !agent.crashRecoveryDone && (leader == nil || canRewind) {
            env.note(host, .crashRecovery, "doing crash recovery in a single user mode")
            agent.crashRecoveryDone = true
            agent.action = .crashRecovery
            runCrashRecovery(&env)
        } else {
            var progress = RewindProgress.goOn
            if let leader { progress = startRewindIfNeeded(leader: leader, resume: .recover, &env) }
            if progress == .askingLeader { return }
            if progress == .goOn {
                env.note(host, .start, "starting as a secondary")
                agent.action = .startPostgres
                startPostgres(asPrimary: false, upstream: leader, &env)
            }
        }
        touchMember(&env)
    }

    /// `Ha.recover` for the lock holder: restart a crashed primary in place, or start
    /// read-only and promote in the next cycle. With `primary_start_timeout: 0` it first
    /// asks whether another member can take over at once.
    mutating func recoverAsLeader(_ env: inout Environment) {
        if settings.primaryStartTimeout == 0 {
            checkFailoverPossible(.crashedPrimary, nil, excludingCandidate: false, &env)
            return
        }
        restartAsLeader(&env)
    }

    /// The crashed primary's `is_failover_possible` ended: fail over if a member can take
    /// over, else restart in place.
    mutating func crashedPrimaryChecked(possible: Bool, _ env: inout Environment) {
        if possible {
            releaseForFailover("Primary crashed. Failing over.", &env)
        } else {
            restartAsLeader(&env)
        }
    }

    /// The lock holder starts its PostgreSQL again.
    private mutating func restartAsLeader(_ env: inout Environment) {
        agent.action = .startPostgres
        agent.leaderStartSince = wallClock(at: env.now)
        if postgres.control == .inProduction {
            env.note(host, .start, "starting primary after failure")
            startPostgres(asPrimary: true, upstream: nil, &env)
        } else {
            env.note(host, .start, "starting as readonly because i had the session lock")
            startPostgres(asPrimary: false, upstream: nil, &env)
        }
        touchMember(&env)
    }

    /// `Ha.handle_starting_instance` for the lock holder, after its lock update: once the
    /// restart has lasted `primary_start_timeout`, it asks whether another member can take
    /// over. Returns whether that question took the cycle over.
    mutating func startTimedOut(_ env: inout Environment) -> Bool {
        guard agent.action == .startPostgres, let since = agent.leaderStartSince,
              wallClock(at: env.now) - since >= .seconds(Int64(settings.primaryStartTimeout)) else { return false }
        checkFailoverPossible(.startTimeout, nil, excludingCandidate: false, &env)
        return true
    }

    /// The timed-out restart's `is_failover_possible` ended: stop PostgreSQL and release the
    /// key if a member can take over, else keep waiting.
    mutating func startTimeoutChecked(possible: Bool, _ env: inout Environment) {
        guard agent.action == .startPostgres, possible else {
            env.noteOnce(host, .startTimeout, "primary start has timed out, but continuing to wait because failover is not possible")
            touchMember(&env)
            return
        }
        agent.action = nil
        agent.leaderStartSince = nil
        abortStart(&env)
        releaseForFailover("Demoting self because PostgreSQL didn't start in \(settings.primaryStartTimeout) seconds", &env)
    }

    /// `demote('immediate')` of a lock holder whose PostgreSQL is down: the watchdog is
    /// disarmed and the leader key deleted, so that another member takes over.
    private mutating func releaseForFailover(_ message: String, _ env: inout Environment) {
        env.note(host, .failover, message)
        disarmWatchdog(&env)
        agent.leaderExpiry = nil
        callEtcd(.deleteIfValue(key: keys.leader, expected: .leaderName(name)), .releaseAfterCrash, retries: false, &env)
    }

    /// The key release of ``releaseForFailover`` ended: recover as a replica.
    mutating func releasedAfterCrash(_ result: EtcdCallResult, _ env: inout Environment) {
        if result == .answered(.ok) { env.note(host, .keyReleased, "leader key released") }
        recover(leader: nil, &env)
    }

    /// `Ha.demote`: stop PostgreSQL and restart it as a replica, without releasing the key.
    mutating func demote(_ mode: DemoteMode, _ env: inout Environment) {
        env.note(host, .demoting, "Demoting self (\(mode.rawValue))")
        disarmWatchdog(&env)
        armRewindCheck()
        agent.action = .demote(mode)
        switch mode {
        case .offline:
            fastStop(&env)
        case .immediateNolock:
            immediateStop(&env)
            postgres.generation += 1
            startPostgres(asPrimary: false, upstream: nil, &env)
        case .graceful:
            stopForSwitchover(&env)
        }
    }

    /// `Ha.post_recover` after a failed start: the lock holder demotes (role `demoted`,
    /// `on_role_change` fires) and deletes the leader key; others only say so
    /// (PATRONI.md §7.2 F; `ha.py::Ha.post_recover`).
    mutating func postRecover(leader: NodeID?, _ env: inout Environment) {
        agent.startFailed = false
        disarmWatchdog(&env)
        guard leader == id else {
            env.note(host, .startFailed, "failed to start postgres")
            touchMember(&env)
            return
        }
        agent.leaderExpiry = nil
        if postgres.control == .inProduction {
            env.note(host, .roleChange, "on_role_change demoted \(options.scope)")
        }
        env.note(host, .keyReleased, "removed leader key after trying and failing to start postgres")
        callEtcd(.deleteIfValue(key: keys.leader, expected: .leaderName(name)), .releaseAfterFailedStart, retries: false, &env)
    }
}
