/// A deterministic run of one Patroni + etcd + PostgreSQL cluster.
///
/// Build it from `ClusterOptions`, call `run()` (or `run(until:)` then `finish()`),
/// and read the `Report`. The run is single-threaded on virtual time: events are
/// values popped from one `Scheduler` and dispatched in one `switch`; the same
/// options always produce the same report.
public final class Simulation {
    /// The options the run was built from.
    public let options: ClusterOptions
    /// The timers after Patroni's validation, as every node starts with them (a `set-config`
    /// changes a node's own: `timers(of:)`).
    public let timers: EffectiveTimers
    /// The hosts and their IDs.
    public let layout: HostLayout
    /// The cluster's etcd keys.
    let keys: DCSKeys
    /// Whether Patroni manages the cluster (`"ha": "patroni"`).
    let patroniManaged: Bool
    /// Whether Patroni runs the cluster in `synchronous_mode`.
    let synchronousMode: Bool

    /// Time, the network and the recorder: what the processes share.
    var env: Environment
    /// The etcd cluster.
    var etcd: EtcdCluster
    /// The etcd member each node's Patroni talks to now.
    var etcdEndpoints: [MemberID]
    var agents: [PatroniAgent]
    var postgres: [PostgresInstance]
    var agentRandom: [RandomStream]
    /// The clients and their router.
    var clients: ClientRouter
    var systemIdentifier: String?
    /// When each fault fires, drawn at the start of the run.
    let faultTimes: [SimInstant]
    /// Each node's wall clock: its offset and drift (clock steps move the offset).
    var clocks: [NodeClock]
    /// The configuration each Patroni runs with (the DCS `config` it last picked up).
    var nodeConfigs: [NodeConfig]
    /// What per-node faults did to each node (broken PostgreSQL, slow disk).
    var nodeFaults: [NodeFaultState]
    /// Each node's watchdog: the instant it resets the host unless pinged, or nil when disarmed.
    var watchdogs: [SimInstant?]
    /// Until when each node's Patroni is frozen (SIGSTOP), if it is.
    var frozenUntil: [SimInstant?]
    /// How many nodes' Patroni is frozen now (so that dispatch looks only when one is).
    var frozenAgentCount = 0
    /// Checks of PostgreSQL in flight, by token (looked up, never iterated).
    var pendingPings: [UInt64: PingAsker] = [:]
    var nextPingToken: UInt64 = 0
    /// The failover script's or the operator's progress, without Patroni.
    var coordinator: CoordinatorState
    /// The node the last fault acted on (for the `previous` target).
    var previousFaultNode: Int?
    /// The etcd member the last fault acted on, when it acted on one (for the `previous` target).
    var previousFaultMember: MemberID?
    var outcome: RunOutcome = .completed
    var finished = false
    let endAt: SimInstant

    /// Creates a run of `options`. Nothing happens until `run()`.
    public init(options: ClusterOptions) {
        self.options = options
        timers = EffectiveTimers(options.patroni)
        if case .patroni = options.ha { patroniManaged = true } else { patroniManaged = false }
        synchronousMode = patroniManaged && options.patroni.synchronousMode
        layout = HostLayout(nodeNames: options.nodes.map(\.name), etcdMembers: options.etcd.members)
        keys = DCSKeys(prefix: options.keyPrefix, nodeNames: options.nodes.map(\.name))
        let n = options.nodes.count
        var etcdRandom = RandomStream(seed: options.seed, stream: "etcd")
        etcd = EtcdCluster(options: options.etcd, keys: keys, layout: layout, random: &etcdRandom,
                           raftRandom: RandomStream(seed: options.seed, stream: "etcd-raft"))
        etcdEndpoints = Array(repeating: MemberID(0), count: n)
        agents = Array(repeating: PatroniAgent(), count: n)
        postgres = Array(repeating: PostgresInstance(nodeCount: n), count: n)
        clocks = options.nodes.map(\.clock)
        watchdogs = Array(repeating: nil, count: n)
        nodeFaults = Array(repeating: NodeFaultState(), count: n)
        nodeConfigs = Array(repeating: NodeConfig(settings: options.patroni, timers: timers), count: n)
        frozenUntil = Array(repeating: nil, count: n)
        agentRandom = options.nodes.map { RandomStream(seed: options.seed, stream: "patroni/\($0.name)") }
        clients = ClientRouter(workload: options.workload, host: layout.router, serverNames: options.nodes.map(\.name),
                               random: RandomStream(seed: options.seed, stream: "workload"))
        coordinator = CoordinatorState(random: RandomStream(seed: options.seed, stream: "operator"))
        endAt = SimInstant.zero + options.duration
        var faultRandom = RandomStream(seed: options.seed, stream: "faults")
        faultTimes = options.faults.map { fault in
            let spread = fault.within.microseconds
            return spread > 0 ? fault.at + SimDuration(microseconds: faultRandom.nextInt(in: 0...(spread - 1))) : fault.at
        }
        let liveness = LivenessChecker(since: faultTimes.max() ?? .zero,
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
        for (index, time) in faultTimes.enumerated() {
            env.scheduler.schedule(.fault(index), at: time)
        }
        if patroniManaged {
            for node in 0..<n { env.scheduler.schedule(.boot(node: node), at: .zero) }
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
    public var now: SimInstant { env.scheduler.now }

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
            dispatch(event)
            endWatches()
            refreshFacts()
        }
    }

    /// Ends the run and builds the report. Call once, after `run(until:)`.
    public func finish() -> Report {
        finished = true
        return buildReport()
    }

    private func dispatch(_ event: SimEvent) {
        if frozenAgentCount > 0, let node = frozenAgent(of: event), let until = frozenUntil[node] {
            env.scheduler.schedule(event, at: until)
            return
        }
        if etcd.frozenMemberCount > 0, let until = frozenMemberTime(of: event) {
            env.scheduler.schedule(event, at: until)
            return
        }
        switch event {
        case .fault(let index):
            applyFault(index)
        case .boot(let node):
            startPatroni(node)
        case .bootWithoutPatroni:
            bootWithoutPatroni()
        case .scriptCheck(let node):
            runScriptCheck(node)
        case .pingTimeout(let token):
            pingAnswered(token, reachable: false, primary: false)
        case .operatorCheck:
            runMonitoringCheck()
        case .operatorStep(let step):
            operatorStepDone(step)
        case .deliver(let message):
            deliver(message)
        case let .agentWake(node, generation, wakeAt):
            guard agents[node].generation == generation, agents[node].loop == .sleeping(wakeAt: wakeAt) else { return }
            runCycle(node)
        case let .callAttemptTimeout(node, generation, callID, attempt):
            guard agents[node].generation == generation else { return }
            etcdAttemptFailed(node, callID: callID, attempt: attempt)
        case let .callRetry(node, generation, callID):
            guard agents[node].generation == generation else { return }
            retryEtcdCall(node, callID: callID)
        case let .agentStartupRetry(node, generation):
            guard agents[node].generation == generation else { return }
            beginStartup(node)
        case let .probeTimeout(node, generation, round, target):
            guard agents[node].generation == generation else { return }
            recordProbe(node, round: round, target: target, answer: .unreachable)
        case let .failsafeTimeout(node, generation, round, target, attempt):
            guard agents[node].generation == generation else { return }
            failsafeAnswered(node, round: round, target: target, attempt: attempt, answer: .unreachable)
        case let .agentResume(node, generation, resume):
            guard agents[node].generation == generation else { return }
            resumeAgent(node, resume)
        case let .postgresStep(node, generation, step):
            guard postgres[node].generation == generation else { return }
            finishPostgresStep(node, step)
        case let .receiverRetry(node, generation):
            guard postgres[node].generation == generation, postgres[node].receiver == .waitingToRetry else { return }
            connectReceiver(node)
        case let .receiverTimeout(node, generation, attempt):
            guard postgres[node].generation == generation else { return }
            receiverTimedOut(node, attempt: attempt)
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
            watchdogExpired(node, deadline: deadline)
        case .thaw(let node):
            thaw(node)
        case .manualFailoverPoll(let poll):
            pollManualFailover(poll)
        case .sample:
            sampleLag()
        case .endOfRun:
            finished = true
        }
    }

    /// The node whose frozen Patroni an event is for: its timers, and the messages that
    /// its sockets buffer until it runs again.
    private func frozenAgent(of event: SimEvent) -> Int? {
        let node: Int
        switch event {
        case .agentWake(let n, _, _), .callAttemptTimeout(let n, _, _, _), .callRetry(let n, _, _),
             .agentStartupRetry(let n, _), .probeTimeout(let n, _, _, _), .agentResume(let n, _, _),
             .failsafeTimeout(let n, _, _, _, _):
            node = n
        case .deliver(let message):
            let to = message.to
            guard layout.isNode(to), frozenUntil[to.index] != nil else { return nil }
            switch message.payload {
            case .probeRequest, .probeResponse, .checkRequest, .failsafeRequest, .failsafeResponse:
                node = to.index
            case .refused(.etcd), .refused(.probe), .refused(.failsafe):
                node = to.index
            case .held(let slot):
                switch env.network.held.payload(at: slot) {
                case .etcdResponse, .watch: node = to.index
                case .etcdRequest, .raft: return nil
                }
            default:
                return nil
            }
        default:
            return nil
        }
        return frozenUntil[node] == nil ? nil : node
    }

    /// Until when the etcd member an event is for is frozen: the messages to it and its
    /// raft timers wait, like a SIGSTOPped process's sockets and timers.
    private func frozenMemberTime(of event: SimEvent) -> SimInstant? {
        switch event {
        case .deliver(let message):
            let to = message.to
            guard let member = layout.member(on: to) else { return nil }
            return etcd.frozenUntil(member)
        case .raftElectionCheck(let member, _, _), .raftHeartbeat(let member, _, _):
            return etcd.frozenUntil(member)
        default:
            return nil
        }
    }


    /// Tells the nodes whose watch etcd ended in the last event: their Patroni's cache is
    /// no longer ready and is reloaded in its next cycle.
    private func endWatches() {
        guard !env.watchesEnded.isEmpty else { return }
        for ended in env.watchesEnded where agents[ended.node].generation == ended.generation {
            agents[ended.node].cacheReady = false
        }
        env.watchesEnded.removeAll()
    }

    /// The node's wall clock now (what Patroni's `time.time()` returns there).
    func wallNow(_ node: Int) -> SimInstant { clocks[node].wall(at: now) }

    /// Adds a notable event on host `host` (nil: the cluster) to the timeline.
    func note(_ host: Int?, _ kind: String, _ message: String) {
        env.note(host.map(HostID.init), kind, message)
    }

    /// Adds a notable event on `host` to the timeline.
    func note(_ host: HostID, _ kind: String, _ message: String) {
        env.note(host, kind, message)
    }

    /// The name of node `node`.
    func name(_ node: Int) -> String { options.nodes[node].name }
}
