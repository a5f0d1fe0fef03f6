/// The node's PostgreSQL as a process: start, stop, crash, promotion, crash recovery and
/// pg_rewind, each taking the time `PostgresSettings` gives it.
extension Node {
    /// Fast shutdown: a primary writes the shutdown checkpoint, its walsenders ship it,
    /// and the postmaster is gone after `fast_stop`.
    mutating func fastStop(_ env: inout Environment) {
        if postgres.acceptsWrites {
            postgres.checkpointLSN = postgres.lsn
            extendWAL(to: postgres.lsn + options.postgres.checkpointRecordBytes, &env)
        } else {
            postgres.checkpointLSN = postgres.lsn
        }
        postgres.state = .stopping
        observeClusterChange(&env)
        env.scheduler.schedule(.postgresStep(node: id, generation: postgres.generation, .fastStopDone), after: options.postgres.fastStop)
    }

    /// Immediate shutdown: no checkpoint; the next start needs crash recovery.
    mutating func immediateStop(_ env: inout Environment) {
        postgres.control = postgres.isPrimary ? .inProduction : .inArchiveRecovery
        postgresGone(becoming: .stopped, &env)
    }

    /// `pg_ctl stop -m immediate` of a postmaster that is still starting: the start is
    /// forgotten and the control file keeps the state the start began from.
    mutating func abortStart(_ env: inout Environment) {
        postgres.generation += 1
        postgresGone(becoming: .stopped, &env)
    }

    /// The postmaster dies (kill): like an immediate stop, and pending steps are forgotten.
    mutating func crashPostgres(_ env: inout Environment) {
        postgres.generation += 1
        postgres.control = postgres.isPrimary ? .inProduction : .inArchiveRecovery
        env.note(host, .postgresCrashed, "PostgreSQL terminated without a clean shutdown")
        postgresGone(becoming: .crashed, &env)
    }

    /// Common part of every way the postmaster goes away: the kernel closes the walsenders'
    /// connections after the WAL already sent, so downstream walreceivers get that WAL, then
    /// lose their connection and retry later.
    private mutating func postgresGone(becoming state: PostgresInstance.State, _ env: inout Environment) {
        dropWaitingCommits(&env)
        postgres.synchronousStandbyNames = .none
        stopReceiver(&env)
        postgres.isPrimary = false
        postgres.state = state
        for standby in layout.nodes {
            guard let sender = postgres.walSenders[standby] else { continue }
            env.send(.walClosed(attempt: sender.session), from: host, to: layout.host(of: standby), extraDelay: options.network.jitter)
            postgres.walSenders[standby] = nil
        }
        observeClusterChange(&env)
    }

    /// Starts the postmaster; crash recovery adds to the start after an unclean stop.
    mutating func startPostgres(asPrimary: Bool, upstream: NodeID?, _ env: inout Environment) {
        if faults.postgresBroken {
            failStart(&env)
            return
        }
        var duration = options.postgres.start
        if postgres.control == .inProduction || postgres.state == .crashed { duration = duration + options.postgres.crashRecovery }
        postgres.state = .starting
        postgres.upstream = asPrimary ? nil : upstream
        env.scheduler.schedule(.postgresStep(node: id, generation: postgres.generation, .startDone(asPrimary: asPrimary)),
                               after: duration)
    }

    /// `pg_ctl promote`: read-write after `promote`, on a new timeline.
    mutating func promote(_ env: inout Environment) {
        agent.failsafe.forgetLeader()
        agent.action = .promote
        postgres.state = .promoting
        env.scheduler.schedule(.postgresStep(node: id, generation: postgres.generation, .promoteDone), after: options.postgres.promote)
    }

    /// Single-user crash recovery: replays the WAL and writes an end-of-recovery checkpoint.
    mutating func runCrashRecovery(_ env: inout Environment) {
        env.scheduler.schedule(.postgresStep(node: id, generation: postgres.generation, .crashRecoveryDone),
                               after: options.postgres.crashRecovery)
    }

    /// A PostgreSQL step that took time is over.
    mutating func finishPostgresStep(_ step: PostgresStep, _ env: inout Environment) {
        switch step {
        case .initdbDone:
            postgres.hasData = true
            postgres.branch = 0
            postgres.lsn = 0x0300_0000
            postgres.control = .shutDown
            var random = RandomStream(seed: options.seed, stream: "sysid")
            postgres.systemIdentifier = 1_000_000_000_000_000_00 as UInt64 + random.nextInt(below: 8_999_999_999_999_999_99)
            env.recorder.systemIdentifier = "7" + String(postgres.systemIdentifier)
            startPostgres(asPrimary: true, upstream: nil, &env)
        case .startDone(let asPrimary):
            postgresStarted(asPrimary: asPrimary, &env)
        case .promoteDone:
            promoted(&env)
        case .fastStopDone:
            fastStopped(&env)
        case .crashRecoveryDone:
            postgres.state = .stopped
            postgres.control = .shutDown
            postgres.checkpointLSN = postgres.lsn
            postgres.lsn += options.postgres.checkpointRecordBytes
            actionFinished(&env)
        case .startFailed:
            startFailed(&env)
        case .walWritten(let lsn):
            slowWriteDone(lsn: lsn, &env)
        }
    }

    private mutating func postgresStarted(asPrimary: Bool, _ env: inout Environment) {
        postgres.state = .running
        postgres.isPrimary = asPrimary
        postgres.control = asPrimary ? .inProduction : .inArchiveRecovery
        if asPrimary {
            env.note(host, .postgresPrimary, "PostgreSQL started as primary on timeline \(timelineNumber(env))")
        } else {
            env.note(host, .postgresReplica, "PostgreSQL started as replica" + (postgres.upstream.map { " of \(nodeName($0))" } ?? " without upstream"))
            restartReceiver(&env)
        }
        observeClusterChange(&env)
        if agent.action == .initdb {
            agent.postBootstrapPending = true
        }
        actionFinished(&env)
    }

    private mutating func promoted(_ env: inout Environment) {
        let oldBranch = postgres.branch
        let fork = postgres.lsn
        postgres.branch = env.timelines.fork(from: oldBranch, at: fork)
        writeEndOfRecoveryRecord(&env)
        stopReceiver(&env)
        postgres.upstream = nil
        postgres.isPrimary = true
        postgres.state = .running
        postgres.control = .inProduction
        postgres.checkpointedSincePromotion = false
        postgres.slots = Array(repeating: false, count: options.nodes.count)
        let time = env.now
        let timeline = timelineNumber(env)
        agent.pendingHistory = HistoryLine(timeline: env.timelines.number(of: oldBranch), switchLSN: fork,
                                           reason: "no recovery target specified", at: time, newLeader: name)
        env.note(host, .promoted, "PostgreSQL promoted: read-write on timeline \(timeline)")
        env.recorder.failovers.promoted(id, timeline: timeline, at: time)
        observePromotion(&env)
        observeClusterChange(&env)
        actionFinished(&env)
    }

    /// The end of recovery writes its checkpoint record, the first WAL of the new timeline, and
    /// the walsenders ship it: standbys that were already connected while this node was one
    /// itself reach the end of the old timeline and, following the latest timeline, go on
    /// streaming on the new one without waiting for a client write. The standbys whose
    /// connection was just accepted are included; the jitter keeps the record behind that answer.
    private mutating func writeEndOfRecoveryRecord(_ env: inout Environment) {
        let lsn = postgres.lsn + options.postgres.checkpointRecordBytes
        postgres.lsn = lsn
        let branch = postgres.branch
        for standby in layout.nodes where postgres.walSenders[standby] != nil {
            env.send(.walData(branch: branch, lsn: lsn), from: host, to: layout.host(of: standby), extraDelay: options.network.jitter)
        }
    }

    private mutating func fastStopped(_ env: inout Environment) {
        postgres.control = postgres.isPrimary ? .shutDown : .shutDownInRecovery
        postgresGone(becoming: .stopped, &env)
        switch agent.action {
        case .demote(let mode)? where mode != .graceful:
            startPostgres(asPrimary: false, upstream: mode == .offline ? nil : cachedLeader, &env)
        case .rewind(let source)?:
            executeRewind(from: source, &env)
        case .restartForConninfo?:
            startPostgres(asPrimary: false, upstream: postgres.upstream, &env)
        default:
            break
        }
    }

    /// The async executor's action ended: the loop wakes at once (PATRONI.md §1.2).
    mutating func actionFinished(_ env: inout Environment) {
        agent.action = nil
        wakeUp(&env)
    }

    /// The node's timeline number.
    func timelineNumber(_ env: borrowing Environment) -> Int { env.timelines.number(of: postgres.branch) }

    /// How long moving `bytes` at `bytesPerSecond` takes, in microseconds, without overflow
    /// (capped at a year: anything longer ends the run first).
    static func transferMicroseconds(bytes: Int64, bytesPerSecond: Int64) -> Int64 {
        let year: Int64 = 365 * 86_400 * 1_000_000
        let product = max(0, bytes).multipliedReportingOverflow(by: 1_000_000)
        guard !product.overflow else { return year }
        return min(product.partialValue / max(1, bytesPerSecond), year)
    }
}
