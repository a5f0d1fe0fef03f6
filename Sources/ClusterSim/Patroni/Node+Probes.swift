/// `GET /patroni` between members (`Ha.fetch_node_status`, `api.py::RestApiHandler`): the
/// probes one node sends in parallel, and the answer its REST API gives others.
extension Node {
    /// How long one probe may take (`timeout=2`, no retries).
    static let probeTimeout = SimDuration.seconds(2)

    /// Probes `targets` in parallel for `purpose`; what waits for them goes on in
    /// `probesEnded` once each answered, was refused or timed out (at once without targets).
    mutating func probe(_ targets: [NodeID], for purpose: ProbePurpose, _ env: inout Environment) {
        let round = ProbeRound(id: agent.nextCallID, purpose: purpose, targets: targets,
                               answers: Array(repeating: nil, count: targets.count))
        agent.nextCallID += 1
        guard !targets.isEmpty else {
            probesEnded(round, &env)
            return
        }
        if case .restRequest = purpose { agent.restProbes = round } else { agent.probes = round }
        let generation = agent.generation
        for target in targets {
            env.send(.probeRequest(round: round.id, generation: generation), from: host, to: layout.host(of: target))
            env.scheduler.schedule(.probeTimeout(node: id, generation: generation, round: round.id, target: target),
                                   after: Node.probeTimeout)
        }
    }

    /// The REST API answers `GET /patroni` from `prober` (or refuses if Patroni is not running).
    func probeReceived(from prober: HostID, round: UInt64, generation: UInt64, _ env: inout Environment) {
        guard agent.process == .running else {
            env.send(.refused(.probe(round: round, generation: generation)), from: host, to: prober)
            return
        }
        env.send(.probeResponse(round: round, generation: generation, statusAnswer(env)), from: host, to: prober)
    }

    /// What the running Patroni answers to `GET /patroni` now.
    func statusAnswer(_ env: borrowing Environment) -> ProbeAnswer {
        if !postgres.acceptsConnections {
            return .unreachable
        } else if postgres.isPrimary {
            return .primary
        } else {
            return .replica(wal: postgres.lsn, timeline: Int32(timelineNumber(env)),
                            priority: Int32(clamping: tags.effectivePriority), nofailover: tags.forbidsFailover)
        }
    }

    /// Records one probe's answer; when all are in, the step that waited goes on.
    mutating func recordProbe(round: UInt64, target: NodeID, answer: ProbeAnswer, _ env: inout Environment) {
        let rest = agent.restProbes?.id == round
        guard var probes = rest ? agent.restProbes : agent.probes, probes.id == round,
              let slot = probes.targets.firstIndex(of: target), probes.answers[slot] == nil else { return }
        probes.answers[slot] = answer
        if rest { agent.restProbes = probes } else { agent.probes = probes }
        guard probes.isComplete else { return }
        if rest { agent.restProbes = nil } else { agent.probes = nil }
        probesEnded(probes, &env)
    }

    /// Every probe of `probes` ended: the step that waited for them goes on.
    private mutating func probesEnded(_ probes: ProbeRound, _ env: inout Environment) {
        switch probes.purpose {
        case .race:
            raceProbed(probes, &env)
        case let .failoverPossible(check, request, _):
            failoverCheckEnded(check, request, possible: anyCanTakeOver(probes), &env)
        case .candidate(let request):
            candidateProbed(request, probes, &env)
        case .restRequest(let pending):
            failoverRequestProbed(pending, probes, &env)
        }
    }
}
