extension Simulation {
    /// The `/sync` key in `node`'s cache: its leader and standbys as nodes (standbys sorted
    /// by node), and its quorum (0 when not given).
    func cachedSync(_ node: Int) -> (leader: Int?, standbys: [Int], quorum: Int)? {
        guard case let .sync(leader, standbys, quorum)? = agents[node].cache[.sync]?.value else { return nil }
        return (nodeIndex(named: leader), standbys.compactMap(nodeIndex(named:)).sorted(), quorum ?? 0)
    }

    // MARK: PostgreSQL: commits waiting for the synchronous standbys

    /// Whether a commit on `node` must wait for a standby's flush.
    func commitWaits(on node: Int) -> Bool {
        if case .none = postgres[node].synchronousStandbyNames { return false }
        return true
    }

    /// A standby reported its flush position to `primary`.
    func standbyFlushed(_ standby: Int, upTo lsn: Int64, at primary: Int) {
        guard postgres[primary].acceptsConnections else { return }
        postgres[primary].flushedBy[standby] = max(postgres[primary].flushedBy[standby], lsn)
        releaseCommits(primary)
    }

    /// Acknowledges the waiting commits every listed standby has flushed (all of them
    /// once `synchronous_standby_names` is empty).
    func releaseCommits(_ primary: Int) {
        let flushed: Int64
        switch postgres[primary].synchronousStandbyNames {
        case .none: flushed = .max
        case .standbys(let standbys): flushed = standbys.map { postgres[primary].flushedBy[$0] }.min() ?? .max
        case let .any(k, standbys): flushed = standbys.map { postgres[primary].flushedBy[$0] }.sorted(by: >)[k - 1]
        case .placeholder: return
        }
        let branch = postgres[primary].branch
        var released = 0
        for commit in postgres[primary].waitingCommits {
            guard commit.lsn <= flushed else { break }
            send(.writeResult(id: commit.writeID, .committed(branch: branch, lsn: commit.lsn)), from: HostID(primary), to: layout.router)
            released += 1
        }
        if released > 0 { postgres[primary].waitingCommits.removeFirst(released) }
    }

    /// Sets `synchronous_standby_names` on `node` and releases what no longer has to wait.
    func setSynchronousStandbyNames(_ node: Int, _ names: SynchronousStandbyNames) {
        guard postgres[node].synchronousStandbyNames != names else { return }
        postgres[node].synchronousStandbyNames = names
        switch names {
        case .none: note(node, "sync", "synchronous_standby_names cleared: commits are asynchronous")
        case .standbys(let standbys) where standbys.count == 1:
            note(node, "sync", "synchronous_standby_names = \(name(standbys[0]))")
        case .standbys(let standbys):
            note(node, "sync", "synchronous_standby_names = \(standbys.count) (\(standbyList(standbys)))")
        case .placeholder:
            note(node, "sync", "synchronous_standby_names = " + (options.patroni.quorumCommit ? "ANY 1 (" : "")
                 + "__patroni_strict_sync_replica_placeholder__" + (options.patroni.quorumCommit ? ")" : ""))
        case let .any(k, standbys): note(node, "sync", "synchronous_standby_names = ANY \(k) (\(standbyList(standbys)))")
        }
        releaseCommits(node)
    }

    /// The postmaster went away: sessions waiting for a synchronous commit lose their connection.
    func dropWaitingCommits(_ node: Int) {
        for commit in postgres[node].waitingCommits {
            send(.writeResult(id: commit.writeID, .rejected(.connectionClosed)), from: HostID(node), to: layout.router)
        }
        postgres[node].waitingCommits.removeAll()
    }

    /// Member names, sorted and comma-joined as Patroni writes them.
    func standbyList(_ nodes: [Int]) -> String {
        nodes.map(name).sorted().joined(separator: ",")
    }

    // MARK: Patroni: `_process_multisync_replication` (PATRONI.md §5.2)

    /// The leader keeps up to `synchronous_node_count` streaming standbys synchronous and
    /// `/sync` in step with them: a standby goes into `synchronous_standby_names` before
    /// `/sync` (and into `/sync` only once confirmed), and leaves `/sync` first.
    func processSyncReplication(_ node: Int) {
        guard synchronousMode, postgres[node].acceptsWrites else {
            touchMember(node)
            return
        }
        if options.patroni.quorumCommit {
            processQuorumReplication(node)
            return
        }
        guard let sync = cachedSync(node), let leader = sync.leader else {
            note(node, "sync", "Enabled synchronous replication")
            writeSync(node, standbys: [], then: .checkConfirmed(voters: []))
            return
        }
        if leader != node {
            note(node, "sync", "Inconsistent state of /sync key detected, leader = \(name(leader)) doesn't match \(name(node)), "
                 + "updating synchronous replication key")
            writeSync(node, standbys: [], then: .checkConfirmed(voters: []))
            return
        }
        continueMultisync(node, .checkConfirmed(voters: sync.standbys))
    }

    /// One step of `_process_multisync_replication`, from `stage` on.
    private func continueMultisync(_ node: Int, _ stage: MultisyncStage) {
        let state = currentSyncState(node)
        switch stage {
        case .checkConfirmed(let voters):
            if state.active == voters && voters != state.confirmed {
                note(node, "sync", "Inconsistent state between synchronous_standby_names = [\(standbyList(state.confirmed))] "
                     + "and /sync = [\(standbyList(voters))] key detected, updating synchronous replication key...")
                writeSync(node, standbys: state.confirmed, then: .pick(voters: state.confirmed))
            } else {
                continueMultisync(node, .pick(voters: voters))
            }
        case .pick(let voters):
            if strictModeHolds(node, voters: voters, state)
                || (state.active == voters && state.names == (voters.isEmpty ? .none : .standbys(voters))) {
                touchMember(node)
                return
            }
            let common = voters.filter(state.confirmed.contains)
            if common != voters {
                note(node, "sync", "Updating /sync key temporarily from [\(standbyList(voters))] to [\(standbyList(common))]")
                writeSync(node, standbys: common, then: .assign(common: common))
            } else {
                continueMultisync(node, .assign(common: common))
            }
        case .assign(let common):
            setSynchronousStandbyNames(node, state.active.isEmpty ? .none : .standbys(state.active))
            if !state.active.isEmpty && state.confirmed != state.active {
                env.scheduler.schedule(.agentResume(node: node, generation: agents[node].generation, .syncSettled(common: NodeSet(common))),
                                   after: .seconds(2))
            } else {
                recordConfirmed(node, state.confirmed, common: common)
            }
        case .done, .quorumWritten:
            touchMember(node)
        }
    }

    /// After the 2 s wait for PostgreSQL to make the new names synchronous.
    func syncSettled(_ node: Int, common: [Int]) {
        guard postgres[node].acceptsWrites else {
            touchMember(node)
            return
        }
        recordConfirmed(node, currentSyncState(node).confirmed, common: common)
    }

    /// Records in `/sync` the standbys `pg_stat_replication` confirms as synchronous.
    private func recordConfirmed(_ node: Int, _ confirmed: [Int], common: [Int]) {
        guard !confirmed.isEmpty, confirmed != common else {
            touchMember(node)
            return
        }
        note(node, "sync", "Synchronous standby status assigned to [\(standbyList(confirmed))]")
        writeSync(node, standbys: confirmed, then: .done)
    }

    /// `_handle_synchronous_strict_mode`: with fewer active standbys than strict mode needs,
    /// `synchronous_standby_names` keeps the `/sync` voters (or the placeholder) and commits
    /// wait; true while that holds. Without strict mode and with nothing to wait for, the
    /// setting is cleared.
    private func strictModeHolds(_ node: Int, voters: [Int], _ state: SyncReplicationState) -> Bool {
        if state.active.count < options.patroni.minimumSynchronousNodes {
            let names: SynchronousStandbyNames = voters.isEmpty ? .placeholder : .standbys(voters)
            let kept = state.names == names && !voters.isEmpty
            if state.names != names { setSynchronousStandbyNames(node, names) }
            if !agents[node].syncHandler.strictActivated {
                note(node, "sync", "No active replication connections from Patroni members and synchronous_mode_strict is requested. "
                     + (kept ? "Continue using old value of synchronous_standby_names=\"\(standbyList(voters))\". " : "")
                     + "Commits will be delayed.")
            }
            agents[node].syncHandler.strictActivated = true
            return true
        }
        if options.patroni.minimumSynchronousNodes == 0 && state.active.isEmpty && voters.isEmpty && state.names != .none {
            setSynchronousStandbyNames(node, .none)
        }
        agents[node].syncHandler.strictActivated = false
        return false
    }

    /// Writes `/sync` with `node` as leader and `standbys`; `next` says where to continue.
    private func writeSync(_ node: Int, standbys: [Int], then next: MultisyncStage) {
        agents[node].syncHandler.next = next
        callEtcd(node, .put(key: keys.sync, value: .sync(leader: name(node), standbys: standbys.map(name).sorted(), quorum: nil), lease: 0),
                 .writeSync, retries: true)
    }

    /// The `/sync` write was answered: continue the cycle where it left off.
    func syncWritten(_ node: Int, _ result: EtcdCallResult) {
        let next = agents[node].syncHandler.next
        agents[node].syncHandler.next = nil
        switch result {
        case .failed: dcsError(node)
        case .answered(.ok) where postgres[node].acceptsWrites:
            if case let .quorumWritten(voters, quorum)? = next {
                continueQuorum(node, voters: voters, quorum: quorum)
            } else {
                continueMultisync(node, next ?? .done)
            }
        default: touchMember(node)
        }
    }

    // MARK: Patroni: `_process_multisync_prepromote`

    /// Before promoting, the winner rewrites `/sync` with itself as leader. In strict mode
    /// the standbys are the old `/sync` members (leader and standbys) minus itself, so
    /// commits wait for the former leader too; otherwise there are none.
    func prepareSyncBeforePromotion(_ node: Int) {
        if options.patroni.quorumCommit {
            prepareQuorumBeforePromotion(node)
            return
        }
        var standbys: [Int] = []
        if options.patroni.minimumSynchronousNodes > 0, let sync = cachedSync(node), let leader = sync.leader {
            for member in [leader] + sync.standbys where member != node && !standbys.contains(member) { standbys.append(member) }
            standbys.sort()
        }
        agents[node].syncNamesAfterWrite = standbys.isEmpty
            ? (options.patroni.synchronousModeStrict ? .placeholder : SynchronousStandbyNames.none)
            : .standbys(standbys)
        callEtcd(node, .put(key: keys.sync, value: .sync(leader: name(node), standbys: standbys.map(name).sorted(), quorum: nil), lease: 0),
                 .prePromoteSync, retries: true)
    }

    /// The `/sync` write before promotion was answered: promote, or postpone the promotion.
    func prePromoteSyncWritten(_ node: Int, _ result: EtcdCallResult) {
        guard result == .answered(.ok) else {
            noteOnce(node, "sync", "Postponing promotion because synchronous replication state was updated by somebody else")
            agents[node].syncNamesAfterWrite = nil
            if case .failed = result { dcsError(node) } else { touchMember(node) }
            return
        }
        if let names = agents[node].syncNamesAfterWrite { postgres[node].synchronousStandbyNames = names }
        agents[node].syncNamesAfterWrite = nil
        note(node, "promote", "promoted self to leader by acquiring session lock")
        promote(node)
        touchMember(node)
    }

    // MARK: The leader race in synchronous mode (PATRONI.md §2.2 step 10)

    /// The `/sync` members (leader and standbys) when synchronous mode is active in
    /// `node`'s view, else nil: only they are raced against, and in priority mode only
    /// they may race.
    func syncRaceMembers(_ node: Int) -> [Int]? {
        guard synchronousMode, let sync = cachedSync(node), let leader = sync.leader else { return nil }
        return ([leader] + sync.standbys).sorted()
    }
}
