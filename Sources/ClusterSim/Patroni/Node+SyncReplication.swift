/// `synchronous_mode` on the leader: `_process_multisync_replication` and the `/sync` key
/// (PATRONI.md §5.2), and the `/sync` rules of the leader race.
extension Node {
    /// The cached `/sync` key: its leader and standbys (sorted), and its quorum (0 when not given).
    var cachedSync: (leader: NodeID?, standbys: [NodeID], quorum: Int)? {
        guard case let .sync(leader, standbys, quorum)? = agent.cache[.sync]?.value else { return nil }
        return (layout.node(named: leader), standbys.compactMap(layout.node(named:)).sorted(), quorum ?? 0)
    }

    // MARK: `_process_multisync_replication` (PATRONI.md §5.2)

    /// The leader keeps up to `synchronous_node_count` streaming standbys synchronous and
    /// `/sync` in step with them: a standby goes into `synchronous_standby_names` before
    /// `/sync` (and into `/sync` only once confirmed), and leaves `/sync` first.
    mutating func processSyncReplication(_ env: inout Environment) {
        guard synchronousMode, postgres.acceptsWrites else {
            touchMember(&env)
            return
        }
        if settings.quorumCommit {
            processQuorumReplication(&env)
            return
        }
        guard let sync = cachedSync, let leader = sync.leader else {
            env.note(host, .sync, "Enabled synchronous replication")
            writeSync(standbys: [], then: .checkConfirmed(voters: []), &env)
            return
        }
        if leader != id {
            env.note(host, .sync, "Inconsistent state of /sync key detected, leader = \(nodeName(leader)) doesn't match \(name), "
                     + "updating synchronous replication key")
            writeSync(standbys: [], then: .checkConfirmed(voters: []), &env)
            return
        }
        continueMultisync(.checkConfirmed(voters: sync.standbys), &env)
    }

    /// One step of `_process_multisync_replication`, from `stage` on.
    private mutating func continueMultisync(_ stage: MultisyncStage, _ env: inout Environment) {
        let state = currentSyncState(env)
        switch stage {
        case .checkConfirmed(let voters):
            if state.active == voters && voters != state.confirmed {
                env.note(host, .sync, "Inconsistent state between synchronous_standby_names = [\(standbyList(state.confirmed))] "
                         + "and /sync = [\(standbyList(voters))] key detected, updating synchronous replication key...")
                writeSync(standbys: state.confirmed, then: .pick(voters: state.confirmed), &env)
            } else {
                continueMultisync(.pick(voters: voters), &env)
            }
        case .pick(let voters):
            if strictModeHolds(voters: voters, state, &env)
                || (state.active == voters && state.names == (voters.isEmpty ? .none : .standbys(voters))) {
                touchMember(&env)
                return
            }
            let common = voters.filter(state.confirmed.contains)
            if common != voters {
                env.note(host, .sync, "Updating /sync key temporarily from [\(standbyList(voters))] to [\(standbyList(common))]")
                writeSync(standbys: common, then: .assign(common: common), &env)
            } else {
                continueMultisync(.assign(common: common), &env)
            }
        case .assign(let common):
            setSynchronousStandbyNames(state.active.isEmpty ? .none : .standbys(state.active), &env)
            if !state.active.isEmpty && state.confirmed != state.active {
                env.scheduler.schedule(.agentResume(node: id, generation: agent.generation, .syncSettled(common: NodeSet(common))),
                                       after: .seconds(2))
            } else {
                recordConfirmed(state.confirmed, common: common, &env)
            }
        case .done, .quorumWritten:
            touchMember(&env)
        }
    }

    /// After the 2 s wait for PostgreSQL to make the new names synchronous.
    mutating func syncSettled(common: [NodeID], _ env: inout Environment) {
        guard postgres.acceptsWrites else {
            touchMember(&env)
            return
        }
        recordConfirmed(currentSyncState(env).confirmed, common: common, &env)
    }

    /// Records in `/sync` the standbys `pg_stat_replication` confirms as synchronous.
    private mutating func recordConfirmed(_ confirmed: [NodeID], common: [NodeID], _ env: inout Environment) {
        guard !confirmed.isEmpty, confirmed != common else {
            touchMember(&env)
            return
        }
        env.note(host, .sync, "Synchronous standby status assigned to [\(standbyList(confirmed))]")
        writeSync(standbys: confirmed, then: .done, &env)
    }

    /// `_handle_synchronous_strict_mode`: with fewer active standbys than strict mode needs,
    /// `synchronous_standby_names` keeps the `/sync` voters (or the placeholder) and commits
    /// wait; true while that holds. Without strict mode and with nothing to wait for, the
    /// setting is cleared.
    private mutating func strictModeHolds(voters: [NodeID], _ state: SyncReplicationState, _ env: inout Environment) -> Bool {
        if state.active.count < settings.minimumSynchronousNodes {
            let names: SynchronousStandbyNames = voters.isEmpty ? .placeholder : .standbys(voters)
            let kept = state.names == names && !voters.isEmpty
            if state.names != names { setSynchronousStandbyNames(names, &env) }
            if !agent.syncHandler.strictActivated {
                env.note(host, .sync, "No active replication connections from Patroni members and synchronous_mode_strict is requested. "
                         + (kept ? "Continue using old value of synchronous_standby_names=\"\(standbyList(voters))\". " : "")
                         + "Commits will be delayed.")
            }
            agent.syncHandler.strictActivated = true
            return true
        }
        if settings.minimumSynchronousNodes == 0 && state.active.isEmpty && voters.isEmpty && state.names != .none {
            setSynchronousStandbyNames(.none, &env)
        }
        agent.syncHandler.strictActivated = false
        return false
    }

    /// Writes `/sync` with this node as leader and `standbys`; `next` says where to continue.
    private mutating func writeSync(standbys: [NodeID], then next: MultisyncStage, _ env: inout Environment) {
        agent.syncHandler.next = next
        callEtcd(.put(key: keys.sync, value: .sync(leader: name, standbys: standbys.map(nodeName).sorted(), quorum: nil), lease: 0),
                 .writeSync, retries: true, &env)
    }

    /// The `/sync` write was answered: continue the cycle where it left off.
    mutating func syncWritten(_ result: EtcdCallResult, _ env: inout Environment) {
        let next = agent.syncHandler.next
        agent.syncHandler.next = nil
        switch result {
        case .failed: dcsError(&env)
        case .answered(.ok) where postgres.acceptsWrites:
            if case let .quorumWritten(voters, quorum)? = next {
                continueQuorum(voters: voters, quorum: quorum, &env)
            } else {
                continueMultisync(next ?? .done, &env)
            }
        default: touchMember(&env)
        }
    }

    // MARK: `_process_multisync_prepromote`

    /// Before promoting, the winner rewrites `/sync` with itself as leader. In strict mode
    /// the standbys are the old `/sync` members (leader and standbys) minus itself, so
    /// commits wait for the former leader too; otherwise there are none.
    mutating func prepareSyncBeforePromotion(_ env: inout Environment) {
        if settings.quorumCommit {
            prepareQuorumBeforePromotion(&env)
            return
        }
        var standbys: [NodeID] = []
        if settings.minimumSynchronousNodes > 0, let sync = cachedSync, let leader = sync.leader {
            for member in [leader] + sync.standbys where member != id && !standbys.contains(member) { standbys.append(member) }
            standbys.sort()
        }
        agent.syncNamesAfterWrite = standbys.isEmpty
            ? (settings.synchronousModeStrict ? .placeholder : SynchronousStandbyNames.none)
            : .standbys(standbys)
        callEtcd(.put(key: keys.sync, value: .sync(leader: name, standbys: standbys.map(nodeName).sorted(), quorum: nil), lease: 0),
                 .prePromoteSync, retries: true, &env)
    }

    /// The `/sync` write before promotion was answered: promote, or postpone the promotion.
    mutating func prePromoteSyncWritten(_ result: EtcdCallResult, _ env: inout Environment) {
        guard result == .answered(.ok) else {
            env.noteOnce(host, .sync, "Postponing promotion because synchronous replication state was updated by somebody else")
            agent.syncNamesAfterWrite = nil
            if case .failed = result { dcsError(&env) } else { touchMember(&env) }
            return
        }
        if let names = agent.syncNamesAfterWrite { postgres.synchronousStandbyNames = names }
        agent.syncNamesAfterWrite = nil
        env.note(host, .promote, "promoted self to leader by acquiring session lock")
        promote(&env)
        touchMember(&env)
    }

    // MARK: The leader race in synchronous mode (PATRONI.md §2.2 step 10)

    /// The `/sync` members (leader and standbys) when synchronous mode is active in this
    /// node's view, else nil: only they are raced against, and in priority mode only they
    /// may race.
    var syncRaceMembers: [NodeID]? {
        guard synchronousMode, let sync = cachedSync, let leader = sync.leader else { return nil }
        return ([leader] + sync.standbys).sorted()
    }
}
