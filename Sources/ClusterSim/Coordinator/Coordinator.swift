/// Who runs the cluster without Patroni: with `"ha": "manual"` the operator who watches
/// the monitoring, decides, promotes a replica and repoints the application, each step
/// taking a delay drawn from the operator's ranges (the lab's manual-failover table).
///
/// The operator works from the client router's host: it learns about the nodes only from
/// the answers to its checks (`psql` of each node), and runs its commands on their hosts
/// over the network, so a partition stops both. (With `"ha": "none"` the failover script
/// runs on its standby's node; see `Node.runScriptCheck`.)
struct Coordinator {
    /// Who decides failovers.
    let ha: HAPolicy
    /// The hosts; the operator's is `layout.router`.
    let layout: HostLayout
    /// Whether the operator is working on an incident.
    var incidentOpen = false
    /// The node the application's connection string names, as the operator set it.
    var applicationTarget = NodeID(0)
    /// Draws of the operator's delays (stream `operator`).
    var random: RandomStream
    /// The checks in flight, by token: the monitoring's (nil) or the operator's look at a node.
    var pendingChecks: [UInt64: NodeID?] = [:]
    /// The next check's token.
    var nextToken: UInt64 = 0
    /// The operator's look at every node before deciding, while it lasts.
    var survey: Survey?
    /// The replicas the operator repoints once the candidate is promoted.
    var replicasToRepoint: [NodeID] = []

    /// What the operator's look at the nodes found, node by node.
    struct Survey {
        /// Each node's answer, by `NodeID`: nil while pending, `.some(nil)` when it did not answer.
        var answers: [PingAnswer??]
    }

    /// The coordinator of the policy `ha` for the hosts of `layout`, drawing from `random`.
    init(ha: HAPolicy, layout: HostLayout, random: RandomStream) {
        self.ha = ha
        self.layout = layout
        self.random = random
    }

    /// The operator's host.
    var host: HostID { layout.router }

    /// The standby whose failover script promotes it (`"ha": "none"`): the first node after
    /// the bootstrap primary.
    var scriptStandby: NodeID? { layout.nodeCount > 1 ? NodeID(1) : nil }

    /// Schedules the first checks once `initdb` (taking `initdb`) is done: the failover
    /// script's on its standby, or the operator's monitoring.
    mutating func start(initdb: SimDuration, _ env: inout Environment) {
        if case .none(let script) = ha, let standby = scriptStandby {
            env.scheduler.schedule(.scriptCheck(node: standby), after: initdb + script.checkInterval)
        }
        if case .manual(let settings) = ha {
            env.scheduler.schedule(.operatorCheck, after: initdb + settings.checkInterval)
        }
    }

    /// A delay drawn uniformly from `range`.
    private mutating func draw(_ range: DurationRange) -> SimDuration {
        SimDuration(microseconds: random.nextInt(in: range.min.microseconds...range.max.microseconds))
    }

    /// Sends a check to `node`'s PostgreSQL, for the monitoring (`about` nil) or the
    /// operator's look at `about`; it ends answered, refused or after `timeout`.
    private mutating func check(_ node: NodeID, about: NodeID?, timeout: SimDuration, _ env: inout Environment) {
        let token = nextToken
        nextToken += 1
        pendingChecks[token] = about
        env.send(.pgPing(token: token), from: host, to: layout.host(of: node))
        env.scheduler.schedule(.pingTimeout(host: host, token: token), after: timeout)
    }

    // MARK: "ha": "manual"

    /// The monitoring the operator watches checks the primary the application uses.
    mutating func runMonitoringCheck(_ env: inout Environment) {
        guard case .manual(let settings) = ha else { return }
        env.scheduler.schedule(.operatorCheck, after: settings.checkInterval)
        guard !incidentOpen else { return }
        check(applicationTarget, about: nil, timeout: settings.checkInterval, &env)
    }

    /// A check ended with `answer` (nil: refused or timed out).
    mutating func checkAnswered(token: UInt64, answer: PingAnswer?, _ env: inout Environment) {
        guard let about = pendingChecks.removeValue(forKey: token), case .manual(let settings) = ha else { return }
        guard let node = about else {
            monitoringChecked(primaryHealthy: answer?.primary ?? false, settings, &env)
            return
        }
        guard var survey, survey.answers[node] == nil else { return }
        survey.answers[node] = .some(answer)
        self.survey = survey
        if survey.answers.allSatisfy({ $0 != nil }) { decide(survey, settings, &env) }
    }

    /// A failed monitoring check opens an incident: the operator notices after the detection delay.
    private mutating func monitoringChecked(primaryHealthy: Bool, _ settings: ManualOperator, _ env: inout Environment) {
        guard !primaryHealthy, !incidentOpen else { return }
        incidentOpen = true
        env.note(host, .alert, "monitoring: \(layout.name(of: applicationTarget)) does not answer as primary")
        env.scheduler.schedule(.operatorStep(.detected), after: draw(settings.detection))
    }

    /// The operator's procedure: detect, look at every node and decide, promote the most
    /// advanced replica, verify, repoint the application. Returns the application's new
    /// target once it is repointed.
    mutating func operatorStepDone(_ step: OperatorStep, _ env: inout Environment) -> NodeID? {
        guard case .manual(let settings) = ha else { return nil }
        switch step {
        case .detected:
            env.note(host, .operator, "operator notices that \(layout.name(of: applicationTarget)) is down")
            env.scheduler.schedule(.operatorStep(.decided), after: draw(settings.decision))
        case .decided:
            survey = Survey(answers: Array(repeating: nil, count: layout.nodeCount))
            for node in layout.nodes { check(node, about: node, timeout: settings.checkInterval, &env) }
        case .executed(let candidate):
            env.note(host, .operator, "operator runs pg_ctl promote on \(layout.name(of: candidate)) and repoints the replicas")
            env.send(.operatorPromote, from: host, to: layout.host(of: candidate))
            for replica in replicasToRepoint {
                env.send(.operatorRepoint(primary: candidate), from: host, to: layout.host(of: replica))
            }
            env.scheduler.schedule(.operatorStep(.verified(candidate: candidate)), after: draw(settings.verification))
        case .verified(let candidate):
            env.note(host, .operator, "operator verified \(layout.name(of: candidate)) as the new primary")
            env.scheduler.schedule(.operatorStep(.applicationUpdated(candidate: candidate)), after: draw(settings.applicationUpdate))
        case .applicationUpdated(let candidate):
            applicationTarget = candidate
            incidentOpen = false
            env.note(host, .operator, "application repointed to \(layout.name(of: candidate))")
            return candidate
        }
        return nil
    }

    /// Every node answered the operator's look (or did not): no failover if the primary is
    /// healthy again, else promote the replica furthest ahead.
    private mutating func decide(_ survey: Survey, _ settings: ManualOperator, _ env: inout Environment) {
        self.survey = nil
        let answers = survey.answers.map { $0 ?? nil }
        let primary = applicationTarget
        if answers[primary]?.primary == true {
            env.note(host, .operator, "operator finds \(layout.name(of: primary)) healthy again: no failover")
            incidentOpen = false
            return
        }
        let replicas = layout.nodes.filter { answers[$0].map { !$0.primary } ?? false }
        guard let candidate = replicas.max(by: { answers[$0]?.lsn ?? 0 < answers[$1]?.lsn ?? 0 }) else {
            env.note(host, .operator, "operator finds no running replica to promote")
            incidentOpen = false
            return
        }
        replicasToRepoint = replicas.filter { $0 != candidate }
        env.note(host, .operator, "operator decides to promote \(layout.name(of: candidate))")
        let time = env.now
        env.recorder.failovers.newLeaderChosen(candidate, name: layout.name(of: candidate), at: time)
        env.scheduler.schedule(.operatorStep(.executed(candidate: candidate)), after: draw(settings.execution))
    }
}

/// What PostgreSQL told a check: whether it is out of recovery, and where its WAL ends.
struct PingAnswer: Equatable {
    /// Out of recovery (takes writes).
    var primary: Bool
    /// The end of its WAL.
    var lsn: Int64
}
