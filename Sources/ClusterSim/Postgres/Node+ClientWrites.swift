/// PostgreSQL's answers to the clients: writes and `pg_isready`-style checks.
extension Node {
    /// A client write arrives: commit on a primary, an error elsewhere.
    mutating func writeReceived(id write: UInt64, _ env: inout Environment) {
        switch postgres.state {
        case .stopped, .crashed:
            env.send(.refused(.write(id: write)), from: host, to: layout.router)
        case .starting:
            env.send(.writeResult(id: write, .rejected(.startingUp)), from: host, to: layout.router)
        case .stopping:
            env.send(.writeResult(id: write, .rejected(.shuttingDown)), from: host, to: layout.router)
        case .running, .promoting:
            guard postgres.state == .running, postgres.isPrimary else {
                env.send(.writeResult(id: write, .rejected(.readOnly)), from: host, to: layout.router)
                return
            }
            extendWAL(to: postgres.lsn + options.postgres.walBytesPerWrite, &env)
            env.recorder.writablePrimary.writeAccepted(by: id)
            env.recorder.fencedPrimary.writeAccepted(by: id)
            if commitWaits {
                postgres.waitingCommits.append(WaitingCommit(writeID: write, lsn: postgres.lsn))
                releaseCommits(&env)
            } else {
                env.send(.writeResult(id: write, .committed(branch: postgres.branch, lsn: postgres.lsn)), from: host, to: layout.router)
            }
        }
    }

    /// A `pg_isready`-style check from `asker` with `token`: PostgreSQL answers whether it
    /// is out of recovery and where its WAL ends, or refuses when it does not accept connections.
    func pingReceived(token: UInt64, from asker: HostID, _ env: inout Environment) {
        if postgres.acceptsConnections {
            env.send(.pgPong(token: token, primary: postgres.acceptsWrites, lsn: postgres.lsn), from: host, to: asker)
        } else {
            env.send(.refused(.ping(token: token)), from: host, to: asker)
        }
    }
}
