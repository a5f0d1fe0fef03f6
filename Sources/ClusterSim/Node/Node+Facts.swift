/// What the node tells the recorder about itself.
extension Node {
    /// The node's state as the checkers and the history see it, with `timelines` naming its branch.
    func facts(_ timelines: TimelineRegistry) -> NodeFacts {
        var facts = NodeFacts()
        facts.state = postgres.state
        facts.isPrimary = postgres.isPrimary
        facts.hasData = postgres.hasData
        facts.agentRuns = patroniManaged ? agent.process == .running : postgres.processAlive
        facts.branch = postgres.branch
        facts.timeline = timelines.number(of: postgres.branch)
        if case .streaming(let upstream) = postgres.receiver { facts.streamingFrom = upstream }
        facts.display = displayState
        return facts
    }

    /// The state a picture shows: what PostgreSQL does, refined by Patroni's action.
    private var displayState: NodeDisplayState {
        if frozenUntil != nil { return .frozen }
        switch agent.action {
        case .rewind?: return .rewinding
        case .basebackup?: return .creatingReplica
        case .initdb?: return .initializing
        case .demote? where postgres.state == .stopping: return .demoting
        default: break
        }
        switch postgres.state {
        case .running: return postgres.isPrimary ? .primary : .replica
        case .promoting: return .promoting
        case .starting: return .starting
        case .stopping: return .stopping
        case .stopped: return .stopped
        case .crashed: return .crashed
        }
    }

    /// Tells the recorder what the node looks like now.
    mutating func reportFacts(_ env: inout Environment) {
        postgres.factsChanged = false
        agent.factsChanged = false
        freezeChanged = false
        let facts = facts(env.timelines)
        env.recorder.report(facts, of: id)
    }

    /// Whether a field the node's facts derive from was written since its last report (the
    /// fields mark themselves): after each of its events the simulation then has it report.
    var factsMayHaveChanged: Bool { postgres.factsChanged || agent.factsChanged || freezeChanged }

    /// Re-evaluates what the checkers watch after a change of PostgreSQL state or streaming.
    mutating func observeClusterChange(_ env: inout Environment) {
        reportFacts(&env)
        env.clusterChanged()
    }

    /// Records every node's displayed state if it changed.
    mutating func recordStates(_ env: inout Environment) {
        reportFacts(&env)
        env.recordStates()
    }

    /// The WAL moved to another timeline.
    func observeTimeline(_ env: inout Environment) {
        let number = timelineNumber(env)
        env.timelineChanged(id, number: number)
    }

    /// PostgreSQL became primary: the checkers look at its timeline and its history.
    func observePromotion(_ env: inout Environment) {
        let number = timelineNumber(env)
        env.becamePrimary(id, branch: postgres.branch, number: number, end: postgres.lsn)
    }
}
