/// Who runs the cluster without Patroni: the administrator who sets it up (`initdb` on the
/// first node, base backups of the others), and with `"ha": "manual"` the operator who
/// watches the monitoring, decides, promotes a replica and repoints the application, each
/// step taking a delay drawn from the operator's ranges (the lab's manual-failover table).
///
/// It works from the client router's host. What it runs on a node's host comes back to the
/// wiring as `OperatorCommand`s.
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
    /// The monitoring's checks in flight, by token (looked up, never iterated).
    var pendingChecks: Set<UInt64> = []
    /// The next check's token.
    var nextToken: UInt64 = 0

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

    // MARK: "ha": "manual"

    /// The monitoring the operator watches checks the primary the application uses.
    mutating func runMonitoringCheck(_ env: inout Environment) {
        guard case .manual(let settings) = ha else { return }
        env.scheduler.schedule(.operatorCheck, after: settings.checkInterval)
        guard !incidentOpen else { return }
        let token = nextToken
        nextToken += 1
        pendingChecks.insert(token)
        env.send(.pgPing(token: token), from: host, to: layout.host(of: applicationTarget))
        env.scheduler.schedule(.pingTimeout(host: host, token: token), after: settings.checkInterval)
    }

    /// A monitoring check ended. A failed check opens an incident: the operator notices
    /// after the detection delay.
    mutating func monitoringChecked(token: UInt64, primaryHealthy: Bool, _ env: inout Environment) {
        guard pendingChecks.remove(token) != nil else { return }
        guard case .manual(let settings) = ha, !primaryHealthy, !incidentOpen else { return }
        incidentOpen = true
        env.note(host, .alert, "monitoring: \(layout.name(of: applicationTarget)) does not answer as primary")
        env.scheduler.schedule(.operatorStep(.detected), after: draw(settings.detection))
    }

    /// The operator's procedure: detect, decide, promote the most advanced replica, verify,
    /// repoint the application. Returns what the operator runs on the nodes' hosts now.
    mutating func operatorStepDone(_ step: OperatorStep, _ env: inout Environment) -> [OperatorCommand] {
        guard case .manual(let settings) = ha else { return [] }
        switch step {
        case .detected:
            env.note(host, .operator, "operator notices that \(layout.name(of: applicationTarget)) is down")
            env.scheduler.schedule(.operatorStep(.decided), after: draw(settings.decision))
        case .decided:
            let primary = applicationTarget
            if env.recorder.nodes[primary].acceptsWrites {
                env.note(host, .operator, "operator finds \(layout.name(of: primary)) healthy again: no failover")
                incidentOpen = false
                return []
            }
            let replicas = layout.nodes.filter { env.recorder.nodes[$0].running && !env.recorder.nodes[$0].isPrimary }
            guard let candidate = replicas.max(by: { env.recorder.nodes[$0].lsn < env.recorder.nodes[$1].lsn }) else {
                env.note(host, .operator, "operator finds no running replica to promote")
                incidentOpen = false
                return []
            }
            env.note(host, .operator, "operator decides to promote \(layout.name(of: candidate))")
            let time = env.now
            env.recorder.failovers.newLeaderChosen(candidate, name: layout.name(of: candidate), at: time)
            env.scheduler.schedule(.operatorStep(.executed(candidate: candidate)), after: draw(settings.execution))
        case .executed(let candidate):
            env.note(host, .operator, "operator runs pg_ctl promote on \(layout.name(of: candidate)) and repoints the replicas")
            let replicas = layout.nodes.filter {
                $0 != candidate && env.recorder.nodes[$0].running && !env.recorder.nodes[$0].isPrimary
            }
            env.scheduler.schedule(.operatorStep(.verified(candidate: candidate)), after: draw(settings.verification))
            return [.promote(candidate)] + replicas.map { .repoint($0, to: candidate) }
        case .verified(let candidate):
            env.note(host, .operator, "operator verified \(layout.name(of: candidate)) as the new primary")
            env.scheduler.schedule(.operatorStep(.applicationUpdated(candidate: candidate)), after: draw(settings.applicationUpdate))
        case .applicationUpdated(let candidate):
            applicationTarget = candidate
            incidentOpen = false
            env.note(host, .operator, "application repointed to \(layout.name(of: candidate))")
            return [.repointApplication(candidate)]
        }
        return []
    }
}

/// What the operator runs on a host.
enum OperatorCommand: Equatable {
    /// `pg_ctl promote` on the node.
    case promote(NodeID)
    /// The replica's `primary_conninfo` now names `primary`.
    case repoint(NodeID, to: NodeID)
    /// The application's connection string now names the node.
    case repointApplication(NodeID)
}
