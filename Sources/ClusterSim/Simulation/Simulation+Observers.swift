extension Simulation {
    /// What node `node` shows the checkers now.
    func facts(of node: Int) -> NodeFacts {
        let pg = postgres[node]
        var facts = NodeFacts()
        facts.acceptsWrites = pg.acceptsWrites
        facts.running = pg.state == .running
        facts.acceptsConnections = pg.acceptsConnections
        facts.hasData = pg.hasData
        facts.agentRuns = patroniManaged ? agents[node].process == .running : pg.processAlive
        facts.branch = pg.branch
        facts.timeline = env.timelines.number(of: pg.branch)
        if case .streaming(let upstream) = pg.receiver { facts.streamingFrom = upstream }
        facts.display = displayState(node)
        return facts
    }

    /// The state a picture shows for `node`: what PostgreSQL does, refined by Patroni's action.
    private func displayState(_ node: Int) -> NodeDisplayState {
        if frozenUntil[node] != nil { return .frozen }
        switch agents[node].action {
        case .rewind?: return .rewinding
        case .basebackup?: return .creatingReplica
        case .initdb?: return .initializing
        case .demote? where postgres[node].state == .stopping: return .demoting
        default: break
        }
        let pg = postgres[node]
        switch pg.state {
        case .running: return pg.isPrimary ? .primary : .replica
        case .promoting: return .promoting
        case .starting: return .starting
        case .stopping: return .stopping
        case .stopped: return .stopped
        case .crashed: return .crashed
        }
    }

    /// Tells the recorder what every node shows now.
    func refreshFacts() {
        for node in postgres.indices {
            let nodeFacts = facts(of: node)
            env.recorder.report(nodeFacts, of: node)
        }
    }

    /// Re-evaluates what the checkers watch after a change of PostgreSQL state or streaming.
    func observeClusterChange() {
        refreshFacts()
        env.clusterChanged()
    }

    /// Records every node's displayed state if it changed.
    func recordStates() {
        refreshFacts()
        env.recordStates()
    }

    /// A node's WAL moved to another timeline.
    func observeTimeline(_ node: Int) {
        let time = now
        let number = timelineNumber(node)
        if let violation = env.recorder.timelineCheck.timelineChanged(node, number: number, at: time, names: options.nodes.map(\.name)) {
            env.noteViolation([node], violation.detail)
        }
    }

    /// A node became primary: check its timeline, and settle the writes it does not have.
    func observePromotion(_ node: Int) {
        let names = options.nodes.map(\.name)
        let branch = postgres[node].branch
        let time = now
        let number = timelineNumber(node)
        if let violation = env.recorder.timelineCheck.becamePrimary(node, branch: branch, number: number, at: time, names: names) {
            env.noteViolation([node], violation.detail)
        }
        env.settleWrites(primary: node, branch: branch, end: postgres[node].lsn, timeline: number)
    }
}
