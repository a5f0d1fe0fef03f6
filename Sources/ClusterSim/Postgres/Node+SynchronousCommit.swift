/// PostgreSQL's side of synchronous replication: commits that wait for the standbys listed
/// in `synchronous_standby_names` to report their flush.
extension Node {
    /// Whether a commit must wait for a standby's flush.
    var commitWaits: Bool {
        if case .none = postgres.synchronousStandbyNames { return false }
        return true
    }

    /// `standby` reported its flush position on its connection `attempt`. A report on a
    /// connection no walsender serves gets a TCP reset, which ends the standby's walreceiver.
    mutating func standbyFlushed(_ standby: NodeID, attempt: UInt64, upTo lsn: Int64, _ env: inout Environment) {
        guard postgres.walSenders[standby]?.session == attempt else {
            env.send(.walClosed(attempt: attempt), from: host, to: layout.host(of: standby))
            return
        }
        postgres.walSenders[standby]?.lastReply = env.now
        postgres.flushedBy[standby] = max(postgres.flushedBy[standby], lsn)
        releaseCommits(&env)
    }

    /// Acknowledges the waiting commits every listed standby has flushed (all of them
    /// once `synchronous_standby_names` is empty).
    mutating func releaseCommits(_ env: inout Environment) {
        let flushed: Int64
        switch postgres.synchronousStandbyNames {
        case .none: flushed = .max
        case .standbys(let standbys): flushed = standbys.map { postgres.flushedBy[$0] }.min() ?? .max
        case let .any(k, standbys): flushed = standbys.map { postgres.flushedBy[$0] }.sorted(by: >)[k - 1]
        case .placeholder: return
        }
        let branch = postgres.branch
        var released = 0
        for commit in postgres.waitingCommits {
            guard commit.lsn <= flushed else { break }
            env.send(.writeResult(id: commit.writeID, .committed(branch: branch, lsn: commit.lsn)), from: host, to: layout.router)
            released += 1
        }
        if released > 0 { postgres.waitingCommits.removeFirst(released) }
    }

    /// Sets `synchronous_standby_names` and releases what no longer has to wait.
    mutating func setSynchronousStandbyNames(_ names: SynchronousStandbyNames, _ env: inout Environment) {
        guard postgres.synchronousStandbyNames != names else { return }
        postgres.synchronousStandbyNames = names
        switch names {
        case .none: env.note(host, .sync, "synchronous_standby_names cleared: commits are asynchronous")
        case .standbys(let standbys) where standbys.count == 1:
            env.note(host, .sync, "synchronous_standby_names = \(nodeName(standbys[0]))")
        case .standbys(let standbys):
            env.note(host, .sync, "synchronous_standby_names = \(standbys.count) (\(standbyList(standbys)))")
        case .placeholder:
            env.note(host, .sync, "synchronous_standby_names = " + (settings.quorumCommit ? "ANY 1 (" : "")
                     + "__patroni_strict_sync_replica_placeholder__" + (settings.quorumCommit ? ")" : ""))
        case let .any(k, standbys): env.note(host, .sync, "synchronous_standby_names = ANY \(k) (\(standbyList(standbys)))")
        }
        releaseCommits(&env)
    }

    /// The postmaster went away: sessions waiting for a synchronous commit lose their connection.
    mutating func dropWaitingCommits(_ env: inout Environment) {
        for commit in postgres.waitingCommits {
            env.send(.writeResult(id: commit.writeID, .rejected(.connectionClosed)), from: host, to: layout.router)
        }
        postgres.waitingCommits.removeAll()
    }

    /// Member names, sorted and comma-joined as Patroni writes them.
    func standbyList(_ nodes: [NodeID]) -> String {
        nodes.map(nodeName).sorted().joined(separator: ",")
    }
}
