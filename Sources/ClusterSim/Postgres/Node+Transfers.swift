/// Copies of another node's data over a libpq connection: `pg_basebackup` and pg_rewind.
/// The source's WAL position, timeline and system identifier reach the copying node only
/// in the source's answer, so a partition stops the copy: the connection times out after
/// `connect_timeout` (Patroni gives neither tool a timeout of its own).
extension Node {
    /// Asks `source` for a copy of `kind`, starting from this node's end of WAL.
    mutating func requestTransfer(_ kind: TransferKind, from source: NodeID, _ env: inout Environment) {
        postgres.transferAttempts += 1
        let attempt = postgres.transferAttempts
        postgres.transfer = Transfer(kind: kind, source: source, attempt: attempt)
        env.send(.transferRequest(kind, attempt: attempt, branch: postgres.branch, lsn: postgres.lsn), from: host, to: layout.host(of: source))
        env.scheduler.schedule(.transferTimeout(node: id, generation: postgres.generation, attempt: attempt),
                               after: transferDuration(kind, diverged: 0) + options.postgres.connectTimeout)
    }

    /// How long sending a copy takes: the data directory at the base backup rate, or the
    /// diverged WAL at the rewind rate after pg_rewind's fixed cost.
    func transferDuration(_ kind: TransferKind, diverged: Int64) -> SimDuration {
        switch kind {
        case .basebackup:
            return SimDuration(microseconds: Node.transferMicroseconds(bytes: options.postgres.dataSize,
                                                                       bytesPerSecond: options.postgres.basebackupBytesPerSecond))
        case .rewind:
            return SimDuration(microseconds: options.postgres.rewindBase.microseconds
                + Node.transferMicroseconds(bytes: diverged, bytesPerSecond: options.postgres.rewindBytesPerSecond))
        }
    }

    /// The source side: `requester`, whose WAL ends at `lsn` on `branch`, asks for a copy.
    /// A base backup needs a running server; pg_rewind a primary (`target_session_attrs=read-write`).
    func transferRequested(_ kind: TransferKind, by requester: NodeID, attempt: UInt64, branch: Int, lsn: Int64,
                           _ env: inout Environment) {
        let serves = kind == .basebackup ? postgres.acceptsConnections : postgres.acceptsWrites
        guard serves else {
            env.send(.refused(.transfer(kind, attempt: attempt)), from: host, to: layout.host(of: requester))
            return
        }
        let fork = env.timelines.switchPoint(from: branch, toward: postgres.branch) ?? 0
        let duration = transferDuration(kind, diverged: max(0, lsn - fork))
        env.scheduler.schedule(.transferSent(node: id, generation: postgres.generation, requester: requester, kind: kind, attempt: attempt),
                               after: duration)
    }

    /// The source finished sending a copy: its end of WAL goes with it. A postmaster that
    /// went away meanwhile broke the connection instead.
    func transferSent(generation: UInt64, to requester: NodeID, kind: TransferKind, attempt: UInt64, _ env: inout Environment) {
        let requesterHost = layout.host(of: requester)
        guard postgres.generation == generation, postgres.acceptsConnections else {
            env.send(.refused(.transfer(kind, attempt: attempt)), from: host, to: requesterHost)
            return
        }
        env.send(.transferDone(kind, attempt: attempt, lsn: postgres.lsn, systemIdentifier: postgres.systemIdentifier,
                               branch: Int32(truncatingIfNeeded: postgres.branch)), from: host, to: requesterHost)
    }

    /// The copy `attempt` arrived whole: its data is this node's now.
    mutating func transferArrived(_ kind: TransferKind, attempt: UInt64, branch: Int, lsn: Int64, systemIdentifier: UInt64,
                                  _ env: inout Environment) {
        guard let transfer = postgres.transfer, transfer.attempt == attempt, transfer.kind == kind else { return }
        postgres.transfer = nil
        switch kind {
        case .basebackup: basebackupArrived(from: transfer.source, branch: branch, lsn: lsn, systemIdentifier: systemIdentifier, &env)
        case .rewind: rewound(from: transfer.source, branch: branch, lsn: lsn, &env)
        }
    }

    /// The copy `attempt` failed: the source refused or reset the connection (`refused`), or
    /// it did not answer in time.
    mutating func transferFailed(attempt: UInt64, refused: Bool, _ env: inout Environment) {
        guard let transfer = postgres.transfer, transfer.attempt == attempt else { return }
        postgres.transfer = nil
        let tool = transfer.kind == .basebackup ? "pg_basebackup" : "pg_rewind"
        let reason = refused ? "Connection refused" : "Connection timed out"
        if patroniManaged {
            env.note(host, transfer.kind == .basebackup ? .basebackupFailed : .rewindFailed,
                     "\(tool): error: could not connect to the source server \(nodeName(transfer.source)): \(reason)")
        }
        switch transfer.kind {
        case .basebackup: basebackupFailed(from: transfer.source, &env)
        case .rewind: rewindFailed(from: transfer.source, &env)
        }
    }

    /// A copy's timeout fired.
    mutating func transferTimedOut(generation: UInt64, attempt: UInt64, _ env: inout Environment) {
        guard postgres.generation == generation else { return }
        transferFailed(attempt: attempt, refused: false, &env)
    }
}
