extension Simulation {
    /// Fast shutdown: a primary writes the shutdown checkpoint, its walsenders ship it,
    /// and the postmaster is gone after `fast_stop`.
    func fastStop(_ node: Int) {
        if postgres[node].acceptsWrites {
            postgres[node].checkpointLSN = postgres[node].lsn
            extendWAL(node, to: postgres[node].lsn + options.postgres.checkpointRecordBytes)
        } else {
            postgres[node].checkpointLSN = postgres[node].lsn
        }
        postgres[node].state = .stopping
        observeClusterChange()
        env.scheduler.schedule(.postgresStep(node: node, generation: postgres[node].generation, .fastStopDone),
                           after: options.postgres.fastStop)
    }

    /// Immediate shutdown: no checkpoint; the next start needs crash recovery.
    func immediateStop(_ node: Int) {
        postgres[node].control = postgres[node].isPrimary ? .inProduction : .inArchiveRecovery
        postgresGone(node, becoming: .stopped)
    }

    /// `pg_ctl stop -m immediate` of a postmaster that is still starting: the start is
    /// forgotten and the control file keeps the state the start began from.
    func abortStart(_ node: Int) {
        postgres[node].generation += 1
        postgresGone(node, becoming: .stopped)
    }

    /// The postmaster dies (kill): like an immediate stop, and pending steps are forgotten.
    func crashPostgres(_ node: Int) {
        postgres[node].generation += 1
        postgres[node].control = postgres[node].isPrimary ? .inProduction : .inArchiveRecovery
        note(node, "postgres-crashed", "PostgreSQL terminated without a clean shutdown")
        postgresGone(node, becoming: .crashed)
    }

    /// Common part of every way the postmaster goes away: the kernel closes the walsenders'
    /// connections after the WAL already sent, so downstream walreceivers get that WAL, then
    /// lose their connection and retry later.
    private func postgresGone(_ node: Int, becoming state: PostgresInstance.State) {
        dropWaitingCommits(node)
        postgres[node].synchronousStandbyNames = .none
        postgres[node].receiver = .idle
        postgres[node].isPrimary = false
        postgres[node].state = state
        for other in postgres.indices where postgres[other].receiver == .streaming(upstream: node) {
            send(.walClosed, from: HostID(node), to: HostID(other), extraDelay: options.network.jitter)
        }
        observeClusterChange()
    }

    /// Starts the postmaster; crash recovery adds to the start after an unclean stop.
    func startPostgres(_ node: Int, asPrimary: Bool, upstream: Int?) {
        if nodeFaults[node].postgresBroken {
            failStart(node)
            return
        }
        var duration = options.postgres.start
        if postgres[node].control == .inProduction || postgres[node].state == .crashed { duration = duration + options.postgres.crashRecovery }
        postgres[node].state = .starting
        postgres[node].upstream = asPrimary ? nil : upstream
        env.scheduler.schedule(.postgresStep(node: node, generation: postgres[node].generation, .startDone(asPrimary: asPrimary)),
                           after: duration)
    }

    /// `pg_ctl promote`: read-write after `promote`, on a new timeline.
    func promote(_ node: Int) {
        agents[node].failsafe.forgetLeader()
        agents[node].action = .promote
        postgres[node].state = .promoting
        env.scheduler.schedule(.postgresStep(node: node, generation: postgres[node].generation, .promoteDone),
                           after: options.postgres.promote)
    }

    /// Single-user crash recovery: replays the WAL and writes an end-of-recovery checkpoint.
    func runCrashRecovery(_ node: Int) {
        env.scheduler.schedule(.postgresStep(node: node, generation: postgres[node].generation, .crashRecoveryDone),
                           after: options.postgres.crashRecovery)
    }

    /// pg_rewind against `leader`, taking a fixed cost plus the diverged bytes at the rewind rate.
    func runRewind(_ node: Int, from leader: Int) {
        let pg = postgres[node]
        let fork = env.timelines.switchPoint(from: pg.branch, toward: postgres[leader].branch) ?? 0
        let diverged = max(0, pg.lsn - fork)
        let micros = options.postgres.rewindBase.microseconds
            + transferMicroseconds(bytes: diverged, bytesPerSecond: options.postgres.rewindBytesPerSecond)
        env.scheduler.schedule(.postgresStep(node: node, generation: pg.generation, .rewindDone(from: leader)),
                           after: SimDuration(microseconds: micros))
    }

    /// A PostgreSQL step that took time is over.
    func finishPostgresStep(_ node: Int, _ step: PostgresStep) {
        switch step {
        case .initdbDone:
            postgres[node].hasData = true
            postgres[node].branch = 0
            postgres[node].lsn = 0x0300_0000
            postgres[node].control = .shutDown
            var random = RandomStream(seed: options.seed, stream: "sysid")
            systemIdentifier = "7" + String(1_000_000_000_000_000_00 as UInt64 + random.nextInt(below: 8_999_999_999_999_999_99))
            startPostgres(node, asPrimary: true, upstream: nil)
        case .basebackupDone(let source):
            postgres[node].hasData = true
            postgres[node].branch = postgres[source].branch
            postgres[node].lsn = postgres[source].lsn
            postgres[node].control = .inArchiveRecovery
            note(node, "basebackup-done", "replica has been created using basebackup")
            agents[node].action = .startPostgres
            armRewindCheck(node)
            startPostgres(node, asPrimary: false, upstream: cachedLeader(node) ?? source)
        case .startDone(let asPrimary):
            postgresStarted(node, asPrimary: asPrimary)
        case .promoteDone:
            promoted(node)
        case .fastStopDone:
            fastStopped(node)
        case .crashRecoveryDone:
            postgres[node].state = .stopped
            postgres[node].control = .shutDown
            postgres[node].checkpointLSN = postgres[node].lsn
            postgres[node].lsn += options.postgres.checkpointRecordBytes
            actionFinished(node)
        case .rewindDone(let source):
            rewound(node, from: source)
        case .startFailed:
            startFailed(node)
        case .walWritten(let lsn):
            slowWriteDone(node, lsn: lsn)
        }
    }

    private func postgresStarted(_ node: Int, asPrimary: Bool) {
        postgres[node].state = .running
        postgres[node].isPrimary = asPrimary
        postgres[node].control = asPrimary ? .inProduction : .inArchiveRecovery
        if asPrimary {
            note(node, "postgres-primary", "PostgreSQL started as primary on timeline \(timelineNumber(node))")
        } else {
            note(node, "postgres-replica", "PostgreSQL started as replica" + (postgres[node].upstream.map { " of \(name($0))" } ?? " without upstream"))
            restartReceiver(node)
        }
        observeClusterChange()
        if agents[node].action == .initdb {
            agents[node].postBootstrapPending = true
        }
        if asPrimary && !patroniManaged {
            cloneReplicas(from: node)
        }
        actionFinished(node)
    }

    private func promoted(_ node: Int) {
        let oldBranch = postgres[node].branch
        let fork = postgres[node].lsn
        postgres[node].branch = env.timelines.fork(from: oldBranch, at: fork)
        writeEndOfRecoveryRecord(node)
        postgres[node].receiver = .idle
        postgres[node].upstream = nil
        postgres[node].isPrimary = true
        postgres[node].state = .running
        postgres[node].control = .inProduction
        postgres[node].checkpointedSincePromotion = false
        postgres[node].slots = Array(repeating: false, count: options.nodes.count)
        agents[node].pendingHistory = HistoryLine(timeline: env.timelines.number(of: oldBranch), switchLSN: fork,
                                                  reason: "no recovery target specified", at: now, newLeader: name(node))
        note(node, "promoted", "PostgreSQL promoted: read-write on timeline \(timelineNumber(node))")
        let time = now
        let timelineNow = timelineNumber(node)
        env.recorder.failovers.promoted(node, timeline: timelineNow, at: time)
        observePromotion(node)
        observeClusterChange()
        actionFinished(node)
    }

    /// The end of recovery writes its checkpoint record, the first WAL of the new timeline, and
    /// the walsenders ship it: those of standbys that were already connected while this node
    /// was one itself reach the end of the old timeline, and those standbys, following the
    /// latest timeline, go on streaming on the new one without waiting for a client write.
    /// The standbys whose connection is being accepted are included; the jitter keeps the
    /// record behind that answer.
    private func writeEndOfRecoveryRecord(_ node: Int) {
        let lsn = postgres[node].lsn + options.postgres.checkpointRecordBytes
        postgres[node].lsn = lsn
        let branch = postgres[node].branch
        for other in postgres.indices {
            switch postgres[other].receiver {
            case .streaming(upstream: node), .connecting(upstream: node, _):
                send(.walData(branch: branch, lsn: lsn), from: HostID(node), to: HostID(other), extraDelay: options.network.jitter)
            case .streaming, .connecting, .idle, .waitingToRetry:
                break
            }
        }
    }

    private func fastStopped(_ node: Int) {
        postgres[node].control = postgres[node].isPrimary ? .shutDown : .shutDownInRecovery
        postgresGone(node, becoming: .stopped)
        switch agents[node].action {
        case .demote(let mode)? where mode != .graceful:
            startPostgres(node, asPrimary: false, upstream: mode == .offline ? nil : cachedLeader(node))
        case .rewind(let source)?:
            runRewind(node, from: source)
        case .restartForConninfo?:
            startPostgres(node, asPrimary: false, upstream: postgres[node].upstream)
        default:
            break
        }
    }

    private func rewound(_ node: Int, from source: Int) {
        let fork = env.timelines.switchPoint(from: postgres[node].branch, toward: postgres[source].branch) ?? postgres[node].lsn
        postgres[node].branch = postgres[source].branch
        postgres[node].lsn = min(fork, postgres[source].lsn)
        postgres[node].control = .inArchiveRecovery
        agents[node].rewind = .success
        note(node, "rewind-done", "pg_rewind from \(name(source)) done")
        observeTimeline(node)
        startPostgres(node, asPrimary: false, upstream: source)
    }

    /// The async executor's action ended: the loop wakes at once (PATRONI.md §1.2).
    func actionFinished(_ node: Int) {
        agents[node].action = nil
        wakeUp(node)
    }

    /// How long moving `bytes` at `bytesPerSecond` takes, in microseconds, without overflow
    /// (capped at a year: anything longer ends the run first).
    func transferMicroseconds(bytes: Int64, bytesPerSecond: Int64) -> Int64 {
        let year: Int64 = 365 * 86_400 * 1_000_000
        let product = max(0, bytes).multipliedReportingOverflow(by: 1_000_000)
        guard !product.overflow else { return year }
        return min(product.partialValue / max(1, bytesPerSecond), year)
    }
}
