/// `failsafe_mode` (PATRONI.md §5.1; `ha.py::Failsafe`, `Ha._failsafe_config`,
/// `Ha.check_failsafe_topology`, `Ha.update_failsafe`, `api.py::do_POST_failsafe`).
///
/// The leader keeps `/failsafe` listing every member it knows. When the DCS cannot be
/// reached, a primary POSTs `/failsafe` to every other listed member and stays primary
/// for this cycle only if all of them accept; a member that accepts caches the leader for
/// `ttl` and keeps following it even when its DCS view has no leader key. While
/// `/failsafe` lists members, only they may win the leader race.
extension Node {
    /// How long one attempt of `POST /failsafe` may take (`timeout=2`).
    static let failsafeRequestTimeout = SimDuration.seconds(2)
    /// Attempts per member: the first and one retry (`retries=1`).
    static let failsafeAttempts: UInt64 = 2

    /// The cached `/failsafe` map (from the last successful DCS read), if any.
    var cachedFailsafe: FailsafeTopology? {
        guard case .failsafe(let topology)? = agent.cache[.failsafe]?.value else { return nil }
        return topology
    }

    /// What the leader writes to `/failsafe` (`_failsafe_config`): every member key it
    /// sees, in key order, then itself if it had none.
    var failsafeTopology: FailsafeTopology {
        var names = cachedMembers.map(nodeName).sorted()
        if !names.contains(name) { names.append(name) }
        return FailsafeTopology(members: names)
    }

    /// The leader the HA loop acts on at `now`: the leader key's holder, or, with failsafe
    /// mode and no leader key, the leader whose `POST /failsafe` arrived within `ttl`
    /// (`Failsafe.update_cluster`), so that the replica keeps following instead of racing.
    func effectiveLeader(_ now: SimInstant) -> NodeID? {
        if let holder = cachedLeader { return holder }
        guard settings.failsafeMode else { return nil }
        return agent.failsafe.leader(at: wallClock(at: now), ttl: timers.ttl)
    }

    /// Whether failsafe mode keeps this node out of the leader race: `/failsafe` lists
    /// members and this node is not one of them (PATRONI.md §2.2 step 9).
    var failsafeExcludes: Bool {
        guard settings.failsafeMode, let topology = cachedFailsafe, !topology.members.isEmpty else { return false }
        return !topology.contains(name)
    }

    /// The members `/failsafe` lists, which the leader race compares against too (failsafe mode only).
    var failsafeMembers: [NodeID] {
        guard settings.failsafeMode, let topology = cachedFailsafe else { return [] }
        return topology.members.compactMap(layout.node(named:))
    }

    /// After the `status` write of a successful lock update: write `/failsafe` when failsafe
    /// mode is on and the map changed (`AbstractDCS.write_failsafe`, no retries), then go on
    /// with `history`.
    mutating func writeFailsafe(_ env: inout Environment) {
        guard settings.failsafeMode, case let topology = failsafeTopology, cachedFailsafe != topology else {
            writeHistory(&env)
            return
        }
        callEtcd(.put(key: keys.failsafe, value: .failsafe(topology), lease: 0), .writeFailsafe, retries: false, &env)
    }

    /// The `/failsafe` write ended; a failure is only logged by Patroni.
    mutating func failsafeWritten(_ result: EtcdCallResult, _ env: inout Environment) {
        writeHistory(&env)
    }

    /// `check_failsafe_topology` for a primary that hit a DCS error: demote unless `/failsafe`
    /// lists it; a one-member map passes at once; else POST every other listed member.
    mutating func checkFailsafeTopology(_ env: inout Environment) {
        guard let topology = cachedFailsafe, topology.contains(name) else {
            failsafeFailed(&env)
            return
        }
        let targets = topology.members.filter { $0 != name }.compactMap(layout.node(named:))
        guard !targets.isEmpty else {
            failsafeConfirmed(&env)
            return
        }
        let round = FailsafeRound(id: agent.nextCallID, targets: targets)
        agent.nextCallID += 1
        agent.failsafe.round = round
        for target in targets { sendFailsafe(round: round.id, to: target, attempt: 1, &env) }
    }

    /// Sends attempt `attempt` of `POST /failsafe` to `target` and arms its 2 s timeout.
    private func sendFailsafe(round: UInt64, to target: NodeID, attempt: UInt64, _ env: inout Environment) {
        let generation = agent.generation
        env.send(.failsafeRequest(round: round, attempt: attempt, generation: generation), from: host, to: layout.host(of: target))
        env.scheduler.schedule(.failsafeTimeout(node: id, generation: generation, round: round, target: target, attempt: attempt),
                               after: Node.failsafeRequestTimeout)
    }

    /// The REST API receives `POST /failsafe` from `leader` (`do_POST_failsafe`,
    /// `Ha.update_failsafe`): refused when Patroni does not run, 500 while it runs as a
    /// primary itself, else 200 after caching the caller as the leader.
    mutating func failsafeReceived(from leader: NodeID, round: UInt64, attempt: UInt64, generation: UInt64,
                                   _ env: inout Environment) {
        let leaderHost = layout.host(of: leader)
        guard agent.process == .running else {
            env.send(.refused(.failsafe(round: round, attempt: attempt, generation: generation)), from: host, to: leaderHost)
            return
        }
        let accepted = !(postgres.state == .running && postgres.isPrimary)
        if accepted { agent.failsafe.accept(from: leader, at: wallClock(at: env.now)) }
        env.send(.failsafeResponse(round: round, attempt: attempt, generation: generation, accepted: accepted),
                 from: host, to: leaderHost)
    }

    /// Records one call's outcome (an answer, a refusal or a timeout of attempt `attempt`);
    /// a failed first attempt is retried once. When every call has ended, the primary
    /// stays primary if all accepted and demotes otherwise.
    mutating func failsafeAnswered(round: UInt64, target: NodeID, attempt: UInt64, answer: FailsafeAnswer, _ env: inout Environment) {
        guard var calls = agent.failsafe.round, calls.id == round,
              let slot = calls.targets.firstIndex(of: target), calls.answers[slot] == nil,
              calls.attempts[slot] == attempt else { return }
        if answer == .unreachable && attempt < Node.failsafeAttempts {
            calls.attempts[slot] = attempt + 1
            agent.failsafe.round = calls
            sendFailsafe(round: round, to: target, attempt: attempt + 1, &env)
            return
        }
        calls.answers[slot] = answer
        agent.failsafe.round = calls
        guard calls.isComplete else { return }
        agent.failsafe.round = nil
        if calls.allAccepted {
            failsafeConfirmed(&env)
            return
        }
        for (member, answer) in zip(calls.targets, calls.answers) where answer != .accepted {
            let url = MemberData.apiURL(of: nodeName(member), endpoint: "failsafe")
            env.note(host, .failsafeRefused, answer == .runningAsLeader
                     ? "Got response from \(nodeName(member)) \(url): Running as a leader"
                     : "Request failed to \(nodeName(member)): POST \(url)")
        }
        failsafeFailed(&env)
    }

    /// Every listed member accepted: stay primary with `is_leader()` for another `ttl`,
    /// ping the watchdog, and let the fencing checker know.
    private mutating func failsafeConfirmed(_ env: inout Environment) {
        agent.leaderExpiry = wallClock(at: env.now) + timers.ttl
        pingWatchdog(&env)
        let time = env.now
        env.recorder.fencedPrimary.confirmFailsafe(id, until: time + timers.ttl, at: time, name: name)
        env.scheduleFencingCheck(id)
        env.noteOnce(host, .failsafe, "continue to run as a leader because failsafe mode is enabled and all members are accessible")
        endCycle(&env)
    }

    /// The check failed (no usable `/failsafe`, a refusal or a timeout): `demote('offline')`.
    private mutating func failsafeFailed(_ env: inout Environment) {
        demoteForDCSError(&env)
        endCycle(&env)
    }
}
