extension Simulation {
    /// A node's PostgreSQL handles a write: commit on a primary, an error elsewhere.
    func writeReceived(at node: Int, id: UInt64) {
        switch postgres[node].state {
        case .stopped, .crashed:
            send(.refused(.write(id: id)), from: HostID(node), to: layout.router)
        case .starting:
            send(.writeResult(id: id, .rejected(.startingUp)), from: HostID(node), to: layout.router)
        case .stopping:
            send(.writeResult(id: id, .rejected(.shuttingDown)), from: HostID(node), to: layout.router)
        case .running, .promoting:
            // `acceptsWrites`, read field by field: calling a computed property on an
            // element of `postgres` copies the whole instance, arrays and all.
            guard postgres[node].state == .running, postgres[node].isPrimary else {
                send(.writeResult(id: id, .rejected(.readOnly)), from: HostID(node), to: layout.router)
                return
            }
            extendWAL(node, to: postgres[node].lsn + options.postgres.walBytesPerWrite)
            env.recorder.writablePrimary.writeAccepted(by: node)
            env.recorder.fencedPrimary.writeAccepted(by: node)
            if commitWaits(on: node) {
                postgres[node].waitingCommits.append(WaitingCommit(writeID: id, lsn: postgres[node].lsn))
                releaseCommits(node)
            } else {
                send(.writeResult(id: id, .committed(branch: postgres[node].branch, lsn: postgres[node].lsn)), from: HostID(node), to: layout.router)
            }
        }
    }

    /// Patroni's REST API answers `/primary`: 200 while it believes itself leader (PATRONI.md §8.1).
    func answerCheck(at node: Int, check: UInt64) {
        if !patroniManaged {
            if postgres[node].acceptsConnections {
                send(.checkResponse(check: check, up: postgres[node].acceptsWrites), from: HostID(node), to: layout.router)
            } else {
                send(.refused(.check(check: check)), from: HostID(node), to: layout.router)
            }
            return
        }
        guard agents[node].process == .running else {
            send(.refused(.check(check: check)), from: HostID(node), to: layout.router)
            return
        }
        send(.checkResponse(check: check, up: agents[node].isLeader(at: wallNow(node))), from: HostID(node), to: layout.router)
    }
}
