/// A slow disk under the walreceiver (`slow-disk`): received WAL is written at a reduced rate.
extension Node {
    /// Whether the disk is slowed down at `now` (a `slow-disk` fault in force).
    func diskIsSlow(_ now: SimInstant) -> Bool {
        faults.diskFactor(at: now) > 1
    }

    /// The walreceiver got WAL up to `lsn` on a slow disk: the disk writes it at
    /// `wal_write_bytes_per_second / factor`, at most one second's worth at a time; until
    /// written, it is neither received (flushed) nor replayed, so the replica's lag grows.
    mutating func writeOnSlowDisk(lsn: Int64, _ env: inout Environment) {
        faults.offeredLSN = max(faults.offeredLSN, lsn)
        if faults.writingGeneration != postgres.generation {
            writeNextChunk(&env)
        }
    }

    /// Starts writing the next chunk of offered WAL, or stops when all is written.
    private mutating func writeNextChunk(_ env: inout Environment) {
        let rate = max(1, options.postgres.walWriteBytesPerSecond / faults.diskFactor(at: env.now))
        let target = min(faults.offeredLSN, postgres.lsn + rate)
        guard target > postgres.lsn else {
            faults.writingGeneration = nil
            return
        }
        faults.writingGeneration = postgres.generation
        let micros = Node.transferMicroseconds(bytes: target - postgres.lsn, bytesPerSecond: rate)
        env.scheduler.schedule(.postgresStep(node: id, generation: postgres.generation, .walWritten(lsn: target)),
                               after: SimDuration(microseconds: micros))
    }

    /// A chunk is on disk: the replica has it. If the connection broke meanwhile, the rest
    /// of the offered WAL stayed with the upstream and is forgotten.
    mutating func slowWriteDone(lsn: Int64, _ env: inout Environment) {
        faults.writingGeneration = nil
        guard postgres.state == .running, case .streaming = postgres.receiver else {
            faults.offeredLSN = postgres.lsn
            return
        }
        writeWAL(to: lsn, &env)
        if diskIsSlow(env.now) {
            writeNextChunk(&env)
        } else {
            finishSlowWrite(&env)
        }
    }

    /// The disk is healthy again: what was offered is written at once.
    mutating func finishSlowWrite(_ env: inout Environment) {
        guard postgres.state == .running, case .streaming = postgres.receiver, faults.offeredLSN > postgres.lsn else { return }
        writeWAL(to: faults.offeredLSN, &env)
    }
}
