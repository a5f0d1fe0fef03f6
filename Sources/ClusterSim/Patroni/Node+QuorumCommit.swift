/// `synchronous_mode: quorum` on the leader (`_process_quorum_replication`, PATRONI.md
/// §5.2), simplified, and the quorum rule of the leader race (§2.3).
extension Node {
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
    mutating func processQuorumReplication(_ env: inout Environment) {
        guard let sync = cachedSync, let leader = sync.leader else {
            env.note(host, .sync, "Enabled synchronous replication")
            writeQuorum(voters: [], quorum: 0, &env)
            return
        }
        if leader != id {
            var voters = sync.standbys.filter { $0 != id }
            if !voters.contains(leader) { voters = (voters + [leader]).sorted() }
            if postgres.synchronousStandbyNames == .none {
                setSynchronousStandbyNames(.any(max(1, voters.count - sync.quorum), voters), &env)
            }
            env.note(host, .sync, "Setting leader to \(name), quorum to \(sync.quorum) of (\(standbyList(voters)))")
            writeQuorum(voters: voters, quorum: sync.quorum, &env)
            return
        }
        continueQuorum(voters: sync.standbys, quorum: sync.quorum, &env)
    }

    /// One step towards the wanted quorum state, `/sync` holding `voters` and `quorum`;
    /// a `/sync` write comes back here with what it wrote.
    mutating func continueQuorum(voters: [NodeID], quorum: Int, _ env: inout Environment) {
        let state = currentSyncState(env)
        if quorumStrictModeHolds(voters, quorum: quorum, state, &env) {
            touchMember(&env)
            return
        }
        switch nextQuorumStep(voters: voters, quorum: quorum, names: state.names, active: state.active) {
        case .setNames(let names):
            setSynchronousStandbyNames(names, &env)
            continueQuorum(voters: voters, quorum: quorum, &env)
        case let .writeSync(voters, quorum):
            env.note(host, .sync, "Setting leader to \(name), quorum to \(quorum) of (\(standbyList(voters)))")
            writeQuorum(voters: voters, quorum: quorum, &env)
        case .steady:
            touchMember(&env)
        }
    }

    /// The next change of the simplified resolver (see `processQuorumReplication`).
    private func nextQuorumStep(voters: [NodeID], quorum: Int, names: SynchronousStandbyNames, active: [NodeID]) -> QuorumStep {
        guard !active.isEmpty else {
            if !voters.isEmpty || quorum != 0 { return .writeSync(voters: [], quorum: 0) }
            return names == .none ? .steady : .setNames(.none)
        }
        let wanted = min(settings.wantedSynchronousNodes, active.count)
        let union = voters.count + active.filter { !voters.contains($0) }.count
        if names.listed != active {
            let k = max(wanted, union - quorum)
            return k <= active.count ? .setNames(.any(k, active)) : .writeSync(voters: voters, quorum: union - wanted)
        }
        let settled = active.allSatisfy { postgres.flushedBy[$0] >= agent.syncHandler.flushAtNamesChange }
        if voters != active || quorum != active.count - wanted {
            if names.count < wanted { return .setNames(.any(wanted, active)) }
            return settled ? .writeSync(voters: active, quorum: active.count - wanted) : .steady
        }
        return names.count == wanted ? .steady : .setNames(.any(wanted, active))
    }

    /// `_handle_synchronous_strict_mode` in quorum mode: with no active standby, keep
    /// `ANY max(1, |V| − q) (V)` (or the placeholder) so that commits wait.
    private mutating func quorumStrictModeHolds(_ voters: [NodeID], quorum: Int, _ state: SyncReplicationState,
                                                _ env: inout Environment) -> Bool {
        guard state.active.count < settings.minimumSynchronousNodes else {
            agent.syncHandler.strictActivated = false
            return false
        }
        let names: SynchronousStandbyNames = voters.isEmpty ? .placeholder : .any(max(1, voters.count - quorum), voters)
        if state.names != names { setSynchronousStandbyNames(names, &env) }
        if !agent.syncHandler.strictActivated {
            env.note(host, .sync, "No active replication connections from Patroni members and synchronous_mode_strict is requested. "
                     + "Commits will be delayed.")
        }
        agent.syncHandler.strictActivated = true
        return true
    }

    /// Writes `/sync` = {this node, `voters`, `quorum`}; the answer continues `continueQuorum`.
    private mutating func writeQuorum(voters: [NodeID], quorum: Int, _ env: inout Environment) {
        agent.syncHandler.next = .quorumWritten(voters: voters, quorum: quorum)
        callEtcd(.put(key: keys.sync, value: .sync(leader: name, standbys: voters.map(nodeName).sorted(), quorum: quorum), lease: 0),
                 .writeSync, retries: true, &env)
    }

    // MARK: `_process_quorum_prepromote`

    /// Before promoting in quorum mode, `synchronous_standby_names` lists the old `/sync`
    /// members (leader included) but itself, with `k` such that the old quorum still holds;
    /// `/sync` is left for the leader's next cycles.
    mutating func prepareQuorumBeforePromotion(_ env: inout Environment) {
        let sync = cachedSync
        var members: [NodeID] = []
        if let sync, let leader = sync.leader { members = ([leader] + sync.standbys.filter { $0 != leader }) }
        var numsync = members.count - (sync?.quorum ?? 0) - 1
        if members.contains(id) { members.removeAll { $0 == id } } else { numsync += 1 }
        numsync = max(numsync, settings.minimumSynchronousNodes)
        if numsync <= 0 {
            postgres.synchronousStandbyNames = .none
        } else {
            postgres.synchronousStandbyNames = members.isEmpty ? .placeholder : .any(numsync, members.sorted())
        }
        env.note(host, .promote, "promoted self to leader by acquiring session lock")
        promote(&env)
        touchMember(&env)
    }

    // MARK: The leader race in quorum mode (PATRONI.md §2.3)

    /// In quorum mode, why this node may not promote although no member is better: fewer
    /// votes than `/sync.quorum`. A vote is a reachable `/sync` member (the leader included)
    /// without `nofailover`, with a WAL position above 0 and not ahead of this node's; the
    /// count starts at 0 for a member and at −1 otherwise. The `/sync` leader itself needs
    /// no votes when nobody is ahead.
    func quorumShortfall(_ probes: ProbeRound) -> String? {
        guard synchronousMode, settings.quorumCommit, let sync = cachedSync, let leader = sync.leader else {
            return nil
        }
        let members = [leader] + sync.standbys
        let mine = walPosition
        var votes = members.contains(id) ? 0 : -1
        var ahead = 0
        for (target, answer) in probes.results {
            guard case let .replica(wal, _, _, nofailover) = answer, !nofailover else { continue }
            if wal > mine {
                ahead += 1
            } else if wal > 0 && members.contains(target) {
                votes += 1
            }
        }
        if votes >= sync.quorum || (ahead == 0 && leader == id) { return nil }
        return "not enough quorum votes: \(max(votes, 0)) of \(sync.quorum)"
    }
}
