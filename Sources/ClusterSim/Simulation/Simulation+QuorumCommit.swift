extension Simulation {
    // MARK: Patroni: `_process_quorum_replication` (PATRONI.md §5.2), simplified

    /// The leader keeps `/sync` = {leader, voters, quorum} and `synchronous_standby_names`
    /// = `ANY k (...)` in step with the active standbys, one change at a time, such that a
    /// candidate able to collect `quorum` votes (§2.3) always holds every acknowledged commit.
    ///
    /// This replaces Patroni's `QuorumStateResolver` by a shorter sequence with the same
    /// invariant: with voters V, quorum q, listed standbys S and k of them confirming a
    /// commit, every q + 1 voters meet every k listed standbys (`|V| − q ≤ k − |S \ V|`).
    /// PostgreSQL's setting changes first (with k raised as far as that needs, or the quorum
    /// raised first when k cannot go high enough); `/sync` follows only once every listed
    /// standby has flushed past the primary's position at the last change, so commits
    /// acknowledged under an earlier setting are on each of them; k then drops to the wanted
    /// replication factor.
    func processQuorumReplication(_ node: Int) {
        guard let sync = cachedSync(node), let leader = sync.leader else {
            note(node, "sync", "Enabled synchronous replication")
            writeQuorum(node, voters: [], quorum: 0)
            return
        }
        if leader != node {
            var voters = sync.standbys.filter { $0 != node }
            if !voters.contains(leader) { voters = (voters + [leader]).sorted() }
            if postgres[node].synchronousStandbyNames == .none {
                setSynchronousStandbyNames(node, .any(max(1, voters.count - sync.quorum), voters))
            }
            note(node, "sync", "Setting leader to \(name(node)), quorum to \(sync.quorum) of (\(standbyList(voters)))")
            writeQuorum(node, voters: voters, quorum: sync.quorum)
            return
        }
        continueQuorum(node, voters: sync.standbys, quorum: sync.quorum)
    }

    /// One step towards the wanted quorum state, `/sync` holding `voters` and `quorum`;
    /// a `/sync` write comes back here with what it wrote.
    func continueQuorum(_ node: Int, voters: [Int], quorum: Int) {
        let state = currentSyncState(node)
        if quorumStrictModeHolds(node, voters, quorum: quorum, state) {
            touchMember(node)
            return
        }
        switch nextQuorumStep(node, voters: voters, quorum: quorum, names: state.names, active: state.active) {
        case .setNames(let names):
            setSynchronousStandbyNames(node, names)
            continueQuorum(node, voters: voters, quorum: quorum)
        case let .writeSync(voters, quorum):
            note(node, "sync", "Setting leader to \(name(node)), quorum to \(quorum) of (\(standbyList(voters)))")
            writeQuorum(node, voters: voters, quorum: quorum)
        case .steady:
            touchMember(node)
        }
    }

    /// The next change of the simplified resolver (see `processQuorumReplication`).
    private func nextQuorumStep(_ node: Int, voters: [Int], quorum: Int, names: SynchronousStandbyNames,
                                active: [Int]) -> QuorumStep {
        guard !active.isEmpty else {
            if !voters.isEmpty || quorum != 0 { return .writeSync(voters: [], quorum: 0) }
            return names == .none ? .steady : .setNames(.none)
        }
        let wanted = min(options.patroni.wantedSynchronousNodes, active.count)
        let union = voters.count + active.filter { !voters.contains($0) }.count
        if names.listed != active {
            let k = max(wanted, union - quorum)
            return k <= active.count ? .setNames(.any(k, active)) : .writeSync(voters: voters, quorum: union - wanted)
        }
        let settled = active.allSatisfy { postgres[node].flushedBy[$0] >= agents[node].syncHandler.flushAtNamesChange }
        if voters != active || quorum != active.count - wanted {
            if names.count < wanted { return .setNames(.any(wanted, active)) }
            return settled ? .writeSync(voters: active, quorum: active.count - wanted) : .steady
        }
        return names.count == wanted ? .steady : .setNames(.any(wanted, active))
    }

    /// `_handle_synchronous_strict_mode` in quorum mode: with no active standby, keep
    /// `ANY max(1, |V| − q) (V)` (or the placeholder) so that commits wait.
    private func quorumStrictModeHolds(_ node: Int, _ voters: [Int], quorum: Int, _ state: SyncReplicationState) -> Bool {
        guard state.active.count < options.patroni.minimumSynchronousNodes else {
            agents[node].syncHandler.strictActivated = false
            return false
        }
        let names: SynchronousStandbyNames = voters.isEmpty ? .placeholder : .any(max(1, voters.count - quorum), voters)
        if state.names != names { setSynchronousStandbyNames(node, names) }
        if !agents[node].syncHandler.strictActivated {
            note(node, "sync", "No active replication connections from Patroni members and synchronous_mode_strict is requested. "
                 + "Commits will be delayed.")
        }
        agents[node].syncHandler.strictActivated = true
        return true
    }

    /// Writes `/sync` = {`node`, `voters`, `quorum`}; the answer continues `continueQuorum`.
    private func writeQuorum(_ node: Int, voters: [Int], quorum: Int) {
        agents[node].syncHandler.next = .quorumWritten(voters: voters, quorum: quorum)
        callEtcd(node, .put(key: keys.sync, value: .sync(leader: name(node), standbys: voters.map(name).sorted(), quorum: quorum),
                            lease: 0), .writeSync, retries: true)
    }

    // MARK: `_process_quorum_prepromote`

    /// Before promoting in quorum mode, `synchronous_standby_names` lists the old `/sync`
    /// members (leader included) but itself, with `k` such that the old quorum still holds;
    /// `/sync` is left for the leader's next cycles.
    func prepareQuorumBeforePromotion(_ node: Int) {
        let sync = cachedSync(node)
        var members: [Int] = []
        if let sync, let leader = sync.leader { members = ([leader] + sync.standbys.filter { $0 != leader }) }
        var numsync = members.count - (sync?.quorum ?? 0) - 1
        if members.contains(node) { members.removeAll { $0 == node } } else { numsync += 1 }
        numsync = max(numsync, options.patroni.minimumSynchronousNodes)
        if numsync <= 0 {
            postgres[node].synchronousStandbyNames = .none
        } else {
            postgres[node].synchronousStandbyNames = members.isEmpty ? .placeholder : .any(numsync, members.sorted())
        }
        note(node, "promote", "promoted self to leader by acquiring session lock")
        promote(node)
        touchMember(node)
    }

    // MARK: The leader race in quorum mode (PATRONI.md §2.3)

    /// In quorum mode, why `node` may not promote although no member is better: fewer
    /// votes than `/sync.quorum`. A vote is a reachable `/sync` member (the leader included)
    /// without `nofailover`, with a WAL position above 0 and not ahead of `node`'s; the count starts at 0 for a
    /// member and at −1 otherwise. The `/sync` leader itself needs no votes when nobody is ahead.
    func quorumShortfall(_ node: Int, _ probes: ProbeRound) -> String? {
        guard synchronousMode, options.patroni.quorumCommit, let sync = cachedSync(node), let leader = sync.leader else {
            return nil
        }
        let members = [leader] + sync.standbys
        let mine = walPosition(node)
        var votes = members.contains(node) ? 0 : -1
        var ahead = 0
        for (target, answer) in zip(probes.targets, probes.answers) {
            guard case let .replica(wal, _, nofailover)? = answer, !nofailover else { continue }
            if wal > mine {
                ahead += 1
            } else if wal > 0 && members.contains(target) {
                votes += 1
            }
        }
        if votes >= sync.quorum || (ahead == 0 && leader == node) { return nil }
        return "not enough quorum votes: \(max(votes, 0)) of \(sync.quorum)"
    }
}
