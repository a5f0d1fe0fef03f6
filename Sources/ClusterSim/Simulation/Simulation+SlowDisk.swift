extension Simulation {
    /// Whether `node`'s disk is slowed down now (a `slow-disk` fault in force).
    func diskIsSlow(_ node: Int) -> Bool {
        nodeFaults[node].diskFactor(at: now) > 1
    }

    /// The walreceiver of a node with a slow disk got WAL up to `lsn`: the disk writes it at
    /// `wal_write_bytes_per_second / factor`, at most one second's worth at a time; until
    /// written, it is neither received (flushed) nor replayed, so the replica's lag grows.
    func writeOnSlowDisk(_ node: Int, lsn: Int64) {
        nodeFaults[node].offeredLSN = max(nodeFaults[node].offeredLSN, lsn)
        if nodeFaults[node].writingGeneration != postgres[node].generation {
            writeNextChunk(node)
        }
    }

    /// Starts writing the next chunk of offered WAL, or stops when all is written.
    private func writeNextChunk(_ node: Int) {
        let rate = max(1, options.postgres.walWriteBytesPerSecond / nodeFaults[node].diskFactor(at: now))
        let target = min(nodeFaults[node].offeredLSN, postgres[node].lsn + rate)
        guard target > postgres[node].lsn else {
            nodeFaults[node].writingGeneration = nil
            return
        }
        nodeFaults[node].writingGeneration = postgres[node].generation
        let micros = transferMicroseconds(bytes: target - postgres[node].lsn, bytesPerSecond: rate)
        env.scheduler.schedule(.postgresStep(node: node, generation: postgres[node].generation, .walWritten(lsn: target)),
                           after: SimDuration(microseconds: micros))
    }

    /// A chunk is on disk: the replica has it. If the connection broke meanwhile, the rest
    /// of the offered WAL stayed with the upstream and is forgotten.
    func slowWriteDone(_ node: Int, lsn: Int64) {
        nodeFaults[node].writingGeneration = nil
        guard postgres[node].state == .running, case .streaming = postgres[node].receiver else {
            nodeFaults[node].offeredLSN = postgres[node].lsn
            return
        }
        writeWAL(node, to: lsn)
        if diskIsSlow(node) {
            writeNextChunk(node)
        } else {
            finishSlowWrite(node)
        }
    }

    /// The disk is healthy again: what was offered is written at once.
    func finishSlowWrite(_ node: Int) {
        guard postgres[node].state == .running, case .streaming = postgres[node].receiver,
              nodeFaults[node].offeredLSN > postgres[node].lsn else { return }
        writeWAL(node, to: nodeFaults[node].offeredLSN)
    }
}
