/// A deterministic run of one Patroni + etcd + PostgreSQL cluster.
///
/// Build it from `ClusterOptions`, call `run()` (or `run(until:)` then `finish()`),
/// and read the `Report`. The run is single-threaded on virtual time: events are
/// values popped from one `Scheduler` and dispatched in one `switch` to the process they
/// are for; the same options always produce the same report.
///
/// It only wires the parts: the nodes, the etcd cluster, the clients and the coordinator
/// each own their state, and reach one another only through the `Environment`.
public final class Simulation {
    /// The options the run was built from.
    public let options: ClusterOptions
    /// The timers after Patroni's validation, as every node starts with them (a `set-config`
    /// changes a node's own: `timers(of:)`).
    public let timers: EffectiveTimers
    /// The hosts and their IDs.
    public let layout: HostLayout

    /// Time, the network and the recorder: what the processes share.
    var env: Environment
    /// The Patroni/PostgreSQL nodes, by `NodeID`.
    var nodes: [Node]
    /// The etcd cluster.
    var etcd: EtcdCluster
    /// The clients and their router.
    var clients: ClientRouter
    /// Who runs the cluster without Patroni.
    var coordinator: Coordinator
    /// The scenario's faults.
    var faults: FaultInjector
    var outcome: RunOutcome = .completed
    var finished = false
    let endAt: SimInstant

    /// Creates a run of `options`. Nothing happens until `run()`.
    public init(options: ClusterOptions) {
        self.options = options
        timers = EffectiveTimers(options.patroni)
        let patroniManaged = options.ha == .patroni
        let layout = HostLayout(nodeNames: options.nodes.map(\.name), etcdMembers: options.etcd.members)
        self.layout = layout
        let keys = DCSKeys(prefix: options.keyPrefix, nodeNames: options.nodes.map(\.name))
        var etcdRandom = RandomStream(seed: options.seed, stream: "etcd")
        etcd = EtcdCluster(options: options.etcd, keys: keys, layout: layout, random: &etcdRandom,
                           raftRandom: RandomStream(seed: options.seed, stream: "etcd-raft"))
        let timers = self.timers
        nodes = layout.nodes.map { Node($0, options: options, keys: keys, layout: layout, timers: timers) }
        clients = ClientRouter(workload: options.workload, layout: layout, random: RandomStream(seed: options.seed, stream: "workload"))
        coordinator = Coordinator(ha: options.ha, layout: layout, random: RandomStream(seed: options.seed, stream: "operator"))
        endAt = SimInstant.zero + options.duration
        faults = FaultInjector(options: options, layout: layout)
        let liveness = LivenessChecker(since: faults.times.max() ?? .zero,
                                       within: options.checks.convergeWithin ?? timers.ttl * 3)
        env = Environment(
            network: Network(options: options.network, hostCount: layout.hostCount,
                             random: RandomStream(seed: options.seed, stream: "network")),
            recorder: Recorder(nodeNames: options.nodes.map(\.name), patroniManaged: patroniManaged, checks: options.checks,
                               lossIsViolation: options.checks.lostWritesAreViolations || options.patroni.synchronousMode,
                               walBytesPerWrite: options.postgres.walBytesPerWrite,
                               liveness: liveness, recordHistory: options.recordHistory),
            layout: layout)

        let scanOffset = SimDuration(microseconds: Int64(etcdRandom.nextInt(below: UInt64(max(1, options.etcd.lessorScanInterval.microseconds)))))
        env.scheduler.schedule(.lessorScan, at: .zero + scanOffset)
        etcd.boot(&env)
        faults.schedule(&env)
        if patroniManaged {
            for node in layout.nodes { env.scheduler.schedule(.boot(node: node), at: .zero) }
        } else {
            env.scheduler.schedule(.bootWithoutPatroni, at: .zero)
        }
        clients.start(&env)
        if options.recordHistory { env.scheduler.schedule(.sample, at: .zero) }
        env.scheduler.schedule(.livenessStart, at: liveness.since)
        if liveness.deadline <= endAt { env.scheduler.schedule(.livenessDeadline, at: liveness.deadline) }
        env.scheduler.schedule(.endOfRun, at: endAt)
    }

    /// The current virtual time.
    public var now: SimInstant { env.now }

    /// Runs until the scenario's duration is over (or a limit stops it) and returns the report.
    public func run() -> Report {
        run(until: endAt)
        return finish()
    }

    /// Handles every event up to and including `instant` (capped at the run's end).
    public func run(until instant: SimInstant) {
        let stop = min(instant, endAt)
        while !finished {
            if env.scheduler.eventsHandled >= options.limits.maxEvents {
                if let next = env.scheduler.nextTime, next <= stop {
                    outcome = .eventLimitReached
                    finished = true
                }
                break
            }
            guard let event = env.scheduler.popNext(through: stop) else { break }
            guard let node = dispatch(event) else { continue }
            if nodes[node].factsMayHaveChanged { nodes[node].reportFacts(&env) }
            assert(env.recorder.facts(of: node) == nodes[node].facts(env.timelines), "\(layout.name(of: node))'s facts changed unmarked")
        }
    }

    /// Ends the run and builds the report. Call once, after `run(until:)`.
    public func finish() -> Report {
        finished = true
        return buildReport()
    }

    /// The timers node `node`'s Patroni runs with now.
    func timers(of node: NodeID) -> EffectiveTimers { nodes[node].timers }

    /// The node the leader key names now, if any.
    var currentLeader: NodeID? { etcd.currentLeader }

    /// Hands `event` to the process it is for. Returns the node whose state it may have
    /// changed, which then reports its facts to the recorder.
    private func dispatch(_ event: SimEvent) -> NodeID? {
        if env.frozenAgentCount > 0, let node = frozenAgent(of: event), let until = nodes[node].frozenUntil {
            env.scheduler.schedule(event, at: until)
            return nil
        }
        if etcd.frozenMemberCount > 0, let until = frozenMemberTime(of: event) {
            env.scheduler.schedule(event, at: until)
            return nil
        }
        switch event {
        case .fault(let index):
            return faults.apply(index, nodes: &nodes, etcd: &etcd, &env)
        case .boot(let node):
            nodes[node].startPatroni(&env)
            return node
        case .bootWithoutPatroni:
            let first = NodeID(0)
            nodes[first].initdbWithoutPatroni(&env)
            for node in layout.nodes where node != first { nodes[node].cloneWithoutPatroni(from: first, &env) }
            coordinator.start(initdb: options.postgres.initdb, &env)
        case .scriptCheck(let node):
            nodes[node].runScriptCheck(&env)
            return node
        case let .pingTimeout(host, token):
            if let node = layout.node(on: host) {
                nodes[node].scriptCheckAnswered(token: token, primaryHealthy: false, &env)
                return node
            }
            coordinator.checkAnswered(token: token, answer: nil, &env)
        case .operatorCheck:
            coordinator.runMonitoringCheck(&env)
        case .operatorStep(let step):
            if let target = coordinator.operatorStepDone(step, &env) { clients.applicationTarget = target }
        case .deliver(let message):
            return deliver(message)
        case let .agentWake(node, generation, wakeAt):
            nodes[node].wake(generation: generation, wakeAt: wakeAt, &env)
            return node
        case let .callAttemptTimeout(node, generation, callID, attempt):
            nodes[node].etcdAttemptTimedOut(generation: generation, callID: callID, attempt: attempt, &env)
            return node
        case let .callRetry(node, generation, callID):
            nodes[node].etcdRetryDue(generation: generation, callID: callID, &env)
            return node
        case let .agentStartupRetry(node, generation):
            nodes[node].startupRetry(generation: generation, &env)
            return node
        case let .probeTimeout(node, generation, round, target):
            nodes[node].probeTimedOut(generation: generation, round: round, target: target, &env)
            return node
        case let .failsafeTimeout(node, generation, round, target, attempt):
            nodes[node].failsafeTimedOut(generation: generation, round: round, target: target, attempt: attempt, &env)
            return node
        case let .agentResume(node, generation, resume):
            nodes[node].resume(generation: generation, resume, &env)
            return node
        case let .postgresStep(node, generation, step):
            nodes[node].postgresStepDone(generation: generation, step, &env)
            return node
        case let .receiverRetry(node, generation):
            nodes[node].receiverRetryDue(generation: generation, &env)
            return node
        case let .receiverTimeout(node, generation, attempt):
            nodes[node].receiverTimedOut(generation: generation, attempt: attempt, &env)
            return node
        case let .receiverStatus(node, generation, attempt):
            nodes[node].receiverStatusDue(generation: generation, attempt: attempt, &env)
            return node
        case let .transferSent(node, generation, requester, kind, attempt):
            nodes[node].transferSent(generation: generation, to: requester, kind: kind, attempt: attempt, &env)
            return node
        case let .transferTimeout(node, generation, attempt):
            nodes[node].transferTimedOut(generation: generation, attempt: attempt, &env)
            return node
        case let .transferRetry(node, generation, attempt):
            nodes[node].basebackupRetryDue(generation: generation, attempt: attempt, &env)
            return node
        case let .rewindCheckTimeout(node, generation, token):
            nodes[node].rewindCheckTimedOut(generation: generation, token: token, &env)
            return node
        case let .walSenderTimeout(node, generation, replica, session):
            nodes[node].walSenderTimedOut(generation: generation, replica: replica, session: session, &env)
            return node
        case .livenessStart:
            env.observeLiveness()
        case .livenessDeadline:
            env.observeLiveness()
            env.recorder.liveness.reachDeadline()
        case .fencingCheck(let node):
            env.checkFencing(node)
        case .lessorScan:
            etcd.lessorScan(&env)
        case let .raftElectionCheck(member, generation, check):
            etcd.electionCheckFired(member, generation: generation, check: check, &env)
        case let .raftHeartbeat(member, generation, term):
            etcd.heartbeatTick(member, generation: generation, term: term, &env)
        case .etcdThaw(let member):
            etcd.thaw(member, &env)
        case .clientWrite:
            clients.startWrite(&env)
        case .writeTimeout:
            clients.writesTimedOut(&env)
        case .haproxyCheck(let server):
            clients.runCheck(server, &env)
        case let .haproxyCheckTimeout(server, check):
            clients.checkAnswered(server: server, check: check, up: false, &env)
        case let .watchdogExpired(node, deadline):
            nodes[node].watchdogExpired(deadline: deadline, &env)
            return node
        case .thaw(let node):
            nodes[node].thaw(&env)
            return node
        case .manualFailoverPoll(let poll):
            nodes[poll.handler].pollFailoverResult(poll, &env)
            return poll.handler
        case .sample:
            sampleLag()
        case .endOfRun:
            finished = true
        }
        return nil
    }

    /// Hands `message` to the process on its destination host: a node, an etcd member, or
    /// the router's clients and operator. Returns the node, if it went to one.
    private func deliver(_ message: Message) -> NodeID? {
        if let node = layout.node(on: message.to) {
            nodes[node].receive(message, &env)
            return node
        }
        if let member = layout.member(on: message.to) {
            etcd.receive(message.payload, from: message.from, at: member, &env)
        } else {
            routerReceived(message)
        }
        return nil
    }

    /// A message for the router host: answers to the clients' writes and HAProxy's checks,
    /// and to the operator's `pg_isready` checks.
    private func routerReceived(_ message: Message) {
        let server = layout.node(on: message.from)
        switch message.payload {
        case let .pgPong(token, primary, lsn):
            coordinator.checkAnswered(token: token, answer: PingAnswer(primary: primary, lsn: lsn), &env)
        case .refused(.ping(let token)):
            coordinator.checkAnswered(token: token, answer: nil, &env)
        case let .checkResponse(check, up):
            guard let server else { return }
            clients.checkAnswered(server: server, check: check, up: up, &env)
        case .refused(.check(let check)):
            guard let server else { return }
            clients.checkAnswered(server: server, check: check, up: false, &env)
        case let .writeResult(id, outcome):
            guard let server else { return }
            clients.writeAnswered(id: id, server: server, outcome: outcome, &env)
        case .refused(.write(let id)):
            guard let server else { return }
            clients.writeAnswered(id: id, server: server, outcome: .rejected(.connectionRefused), &env)
        default:
            preconditionFailure("the router received a message meant for a node or an etcd member: \(message.payload)")
        }
    }

    /// The node whose frozen Patroni an event is for: its timers, and the messages that
    /// its sockets buffer until it runs again.
    private func frozenAgent(of event: SimEvent) -> NodeID? {
        let node: NodeID
        switch event {
        case .agentWake(let n, _, _), .callAttemptTimeout(let n, _, _, _), .callRetry(let n, _, _),
             .agentStartupRetry(let n, _), .probeTimeout(let n, _, _, _), .agentResume(let n, _, _),
             .failsafeTimeout(let n, _, _, _, _), .rewindCheckTimeout(let n, _, _):
            node = n
        case .manualFailoverPoll(let poll):
            node = poll.handler
        case .deliver(let message):
            guard let to = layout.node(on: message.to), nodes[to].frozenUntil != nil else { return nil }
            switch message.payload {
            case .probeRequest, .probeResponse, .checkRequest, .failsafeRequest, .failsafeResponse, .timelineAnswer, .watchEnded:
                node = to
            case .refused(.etcd), .refused(.probe), .refused(.failsafe), .refused(.timeline):
                node = to
            case .held(let slot):
                switch env.network.held.payload(at: slot) {
                case .etcdResponse, .watch: node = to
                case .etcdRequest, .raft: return nil
                }
            default:
                return nil
            }
        default:
            return nil
        }
        return nodes[node].frozenUntil == nil ? nil : node
    }

    /// Until when the etcd member an event is for is frozen: the messages to it and its
    /// raft timers wait, like a SIGSTOPped process's sockets and timers.
    private func frozenMemberTime(of event: SimEvent) -> SimInstant? {
        switch event {
        case .deliver(let message):
            guard let member = layout.member(on: message.to) else { return nil }
            return etcd.frozenUntil(member)
        case .raftElectionCheck(let member, _, _), .raftHeartbeat(let member, _, _):
            return etcd.frozenUntil(member)
        default:
            return nil
        }
    }

    /// Samples every node's replication lag behind the primary, once a second.
    private func sampleLag() {
        guard env.recorder.history != nil else { return }
        env.scheduler.schedule(.sample, after: .seconds(1))
        guard let primary = faults.currentPrimary(nodes: nodes, etcd: etcd), nodes[primary].postgres.acceptsWrites else { return }
        let head = nodes[primary].postgres.lsn
        let time = env.now
        for node in nodes where node.postgres.acceptsConnections {
            env.recorder.history?.lag[node.id.index].append(RunHistory.LagSample(at: time, bytes: max(0, head - node.postgres.lsn)))
        }
    }
}
