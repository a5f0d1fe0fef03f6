/// `failsafe_mode` (PATRONI.md §5.1; `ha.py::Failsafe`, `Ha._failsafe_config`,
/// `Ha.check_failsafe_topology`, `Ha.update_failsafe`, `api.py::do_POST_failsafe`).
///
/// The leader keeps `/failsafe` listing every member it knows. When the DCS cannot be
/// reached, a primary POSTs `/failsafe` to every other listed member and stays primary
/// for this cycle only if all of them accept; a member that accepts caches the leader for
/// `ttl` and keeps following it even when its DCS view has no leader key. While
/// `/failsafe` lists members, only they may win the leader race.
extension Simulation {
    /// How long one attempt of `POST /failsafe` may take (`timeout=2`).
    static let failsafeRequestTimeout = SimDuration.seconds(2)
    /// Attempts per member: the first and one retry (`retries=1`).
    static let failsafeAttempts: UInt64 = 2

    /// The `/failsafe` map in `node`'s cache (its last successful DCS read), if any.
    func cachedFailsafe(_ node: Int) -> FailsafeTopology? {
        guard case .failsafe(let topology)? = agents[node].cache[.failsafe]?.value else { return nil }
        return topology
    }

    /// What the leader `node` writes to `/failsafe` (`_failsafe_config`): every member key
    /// it sees, in key order, then itself if it had none.
    func failsafeTopology(of node: Int) -> FailsafeTopology {
        var names = cachedMembers(node).map(name).sorted()
        if !names.contains(name(node)) { names.append(name(node)) }
        return FailsafeTopology(members: names)
    }

    /// The leader `node`'s HA loop acts on: the leader key's holder, or, with failsafe mode
    /// and no leader key, the leader whose `POST /failsafe` arrived within `ttl`
    /// (`Failsafe.update_cluster`), so that the replica keeps following instead of racing.
    func effectiveLeader(_ node: Int) -> Int? {
        if let holder = cachedLeader(node) { return holder }
        guard options.patroni.failsafeMode else { return nil }
        return agents[node].failsafe.leader(at: wallNow(node), ttl: timers(of: node).ttl)
    }

    /// Whether failsafe mode keeps `node` out of the leader race: `/failsafe` lists members
    /// and `node` is not one of them (PATRONI.md §2.2 step 9).
    func failsafeExcludes(_ node: Int) -> Bool {
        guard options.patroni.failsafeMode, let topology = cachedFailsafe(node), !topology.members.isEmpty else { return false }
        return !topology.contains(name(node))
    }

    /// The members `/failsafe` lists, which the leader race compares against too (failsafe mode only).
    func failsafeMembers(_ node: Int) -> [Int] {
        guard options.patroni.failsafeMode, let topology = cachedFailsafe(node) else { return [] }
        return topology.members.compactMap(nodeIndex(named:))
    }

    /// After the `status` write of a successful lock update: write `/failsafe` when failsafe
    /// mode is on and the map changed (`AbstractDCS.write_failsafe`, no retries), then go on
    /// with `history`.
    func writeFailsafe(_ node: Int) {
        guard options.patroni.failsafeMode, case let topology = failsafeTopology(of: node), cachedFailsafe(node) != topology else {
            writeHistory(node)
            return
        }
        callEtcd(node, .put(key: keys.failsafe, value: .failsafe(topology), lease: 0), .writeFailsafe, retries: false)
    }

    /// The `/failsafe` write ended; a failure is only logged by Patroni.
    func failsafeWritten(_ node: Int, _ result: EtcdCallResult) {
        writeHistory(node)
    }

    /// `check_failsafe_topology` for a primary that hit a DCS error: demote unless `/failsafe`
    /// lists it; a one-member map passes at once; else POST every other listed member.
    func checkFailsafeTopology(_ node: Int) {
        guard let topology = cachedFailsafe(node), topology.contains(name(node)) else {
            failsafeFailed(node)
            return
        }
        let targets = topology.members.filter { $0 != name(node) }.compactMap(nodeIndex(named:))
        guard !targets.isEmpty else {
            failsafeConfirmed(node)
            return
        }
        let round = FailsafeRound(id: agents[node].nextCallID, targets: targets)
        agents[node].nextCallID += 1
        agents[node].failsafe.round = round
        for target in targets { sendFailsafe(node, round: round.id, to: target, attempt: 1) }
    }

    /// Sends attempt `attempt` of `POST /failsafe` to `target` and arms its 2 s timeout.
    private func sendFailsafe(_ node: Int, round: UInt64, to target: Int, attempt: UInt64) {
        let generation = agents[node].generation
        send(.failsafeRequest(round: round, attempt: attempt, generation: generation), from: HostID(node), to: HostID(target))
        env.scheduler.schedule(.failsafeTimeout(node: node, generation: generation, round: round, target: target, attempt: attempt),
                           after: Simulation.failsafeRequestTimeout)
    }

    /// A member receives `POST /failsafe` (`do_POST_failsafe`, `Ha.update_failsafe`): refused
    /// when its Patroni does not run, 500 while it runs as a primary itself, else 200 after
    /// caching the caller as the leader.
    func answerFailsafe(at target: Int, from leader: Int, round: UInt64, attempt: UInt64, generation: UInt64) {
        guard agents[target].process == .running else {
            send(.refused(.failsafe(round: round, attempt: attempt, generation: generation)), from: HostID(target), to: HostID(leader))
            return
        }
        let pg = postgres[target]
        let accepted = !(pg.state == .running && pg.isPrimary)
        if accepted { agents[target].failsafe.accept(from: leader, at: wallNow(target)) }
        send(.failsafeResponse(round: round, attempt: attempt, generation: generation, accepted: accepted),
             from: HostID(target), to: HostID(leader))
    }

    /// Records one call's outcome (an answer, a refusal or a timeout of attempt `attempt`);
    /// a failed first attempt is retried once. When every call has ended, the primary
    /// stays primary if all accepted and demotes otherwise.
    func failsafeAnswered(_ node: Int, round: UInt64, target: Int, attempt: UInt64, answer: FailsafeAnswer) {
        guard var calls = agents[node].failsafe.round, calls.id == round,
              let slot = calls.targets.firstIndex(of: target), calls.answers[slot] == nil,
              calls.attempts[slot] == attempt else { return }
        if answer == .unreachable && attempt < Simulation.failsafeAttempts {
            calls.attempts[slot] = attempt + 1
            agents[node].failsafe.round = calls
            sendFailsafe(node, round: round, to: target, attempt: attempt + 1)
            return
        }
        calls.answers[slot] = answer
        agents[node].failsafe.round = calls
        guard calls.isComplete else { return }
        agents[node].failsafe.round = nil
        if calls.allAccepted {
            failsafeConfirmed(node)
            return
        }
        for (member, answer) in zip(calls.targets, calls.answers) where answer != .accepted {
            let url = MemberData.apiURL(of: name(member), endpoint: "failsafe")
            note(node, "failsafe-refused", answer == .runningAsLeader
                 ? "Got response from \(name(member)) \(url): Running as a leader"
                 : "Request failed to \(name(member)): POST \(url)")
        }
        failsafeFailed(node)
    }

    /// Every listed member accepted: stay primary with `is_leader()` for another `ttl`,
    /// ping the watchdog, and let the fencing checker know.
    private func failsafeConfirmed(_ node: Int) {
        agents[node].leaderExpiry = wallNow(node) + timers(of: node).ttl
        pingWatchdog(node)
        let time = now
        env.recorder.fencedPrimary.confirmFailsafe(node, until: time + timers(of: node).ttl, at: time, name: name(node))
        env.scheduleFencingCheck(node)
        noteOnce(node, "failsafe", "continue to run as a leader because failsafe mode is enabled and all members are accessible")
        endCycle(node)
    }

    /// The check failed (no usable `/failsafe`, a refusal or a timeout): `demote('offline')`.
    private func failsafeFailed(_ node: Int) {
        demoteForDCSError(node)
        endCycle(node)
    }
}
