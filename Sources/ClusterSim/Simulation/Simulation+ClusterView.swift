extension Simulation {
    /// The node named in `node`'s cached leader key, if any.
    func cachedLeader(_ node: Int) -> Int? {
        leaderKeyHolder(agents[node].cache[.leader]?.value)
    }

    /// The node a value of the leader key names, if any.
    func leaderKeyHolder(_ value: DCSValue?) -> Int? {
        guard case .leaderName(let holder)? = value else { return nil }
        return nodeIndex(named: holder)
    }

    /// The nodes with a member key in `node`'s cache, in node order.
    func cachedMembers(_ node: Int) -> [Int] {
        (0..<options.nodes.count).filter { agents[node].cache.contains(.member($0)) }
    }

    /// The member data `node` has cached for `member`.
    func cachedMember(_ node: Int, _ member: Int) -> MemberData? {
        guard case .member(let data)? = agents[node].cache[.member(member)]?.value else { return nil }
        return data
    }

    /// The leader's last published WAL position (`status.optime`) in `node`'s cache.
    func cachedOptime(_ node: Int) -> Int64? {
        guard case .status(let optime)? = agents[node].cache[.status]?.value else { return nil }
        return optime
    }

    /// The cached `history` lines.
    func cachedHistory(_ node: Int) -> [HistoryLine]? {
        guard case .history(let lines)? = agents[node].cache[.history]?.value else { return nil }
        return lines
    }

    /// The cluster timeline (PATRONI.md §4.4): the last history line's timeline + 1,
    /// 1 for an empty list, 0 (unknown) without the key.
    func clusterTimeline(_ node: Int) -> Int {
        guard let lines = cachedHistory(node) else { return 0 }
        return (lines.last?.timeline ?? 0) + 1
    }

    /// The node called `name`, if any.
    func nodeIndex(named name: String) -> Int? {
        layout.names[..<layout.nodeCount].firstIndex(of: name)
    }

    /// The node's WAL position as the race compares it: the end of its WAL.
    func walPosition(_ node: Int) -> Int64 { postgres[node].lsn }

    /// The node's timeline number.
    func timelineNumber(_ node: Int) -> Int { env.timelines.number(of: postgres[node].branch) }

    /// What `node` publishes in its member key now.
    func memberData(_ node: Int) -> MemberData {
        let pg = postgres[node]
        let agent = agents[node]
        var state: String
        switch pg.state {
        case .running, .promoting: state = "running"
        case .starting: state = "starting"
        case .stopping: state = "stopping"
        case .stopped: state = "stopped"
        case .crashed: state = "crashed"
        }
        if case .basebackup? = agent.action { state = "creating replica" }
        if agent.action == .initdb { state = "initializing new cluster" }
        if case .rewind? = agent.action { state = "running pg_rewind" }
        if agent.process == .shuttingDown, pg.state == .stopped { state = "stopped" }
        if pg.state == .crashed, isPaused(node) { state = "stopped" }
        let running = pg.acceptsConnections
        let primary = running && pg.isPrimary
        var replicationState: String?
        if running && !pg.isPrimary {
            if case .streaming = pg.receiver { replicationState = "streaming" } else { replicationState = "in archive recovery" }
        }
        return MemberData(
            name: name(node), role: primary ? "primary" : "replica", state: state,
            xlogLocation: running ? pg.lsn : nil, timeline: running ? timelineNumber(node) : nil,
            replicationState: replicationState,
            checkpointAfterPromote: primary && !pg.checkpointedSincePromotion ? false : nil)
    }
}
