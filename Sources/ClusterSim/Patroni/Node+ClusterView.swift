/// Patroni's view of the cluster: what its watch cache of the DCS says, and what it
/// publishes about itself in its member key.
extension Node {
    /// The node named in the cached leader key, if any.
    var cachedLeader: NodeID? {
        agent.cache[.leader]?.value.leaderNode(in: layout)
    }

    /// The nodes with a member key in the cache, in node order.
    var cachedMembers: [NodeID] {
        layout.nodes.filter { agent.cache.contains(.member($0.index)) }
    }

    /// The cached member data of `member`.
    func cachedMember(_ member: NodeID) -> MemberData? {
        guard case .member(let data)? = agent.cache[.member(member.index)]?.value else { return nil }
        return data
    }

    /// The leader's last published WAL position (`status.optime`) in the cache.
    var cachedOptime: Int64? {
        guard case .status(let optime)? = agent.cache[.status]?.value else { return nil }
        return optime
    }

    /// The cached `history` lines.
    var cachedHistory: [HistoryLine]? {
        guard case .history(let lines)? = agent.cache[.history]?.value else { return nil }
        return lines
    }

    /// The cluster timeline (PATRONI.md §4.4): the last history line's timeline + 1,
    /// 1 for an empty list, 0 (unknown) without the key.
    var clusterTimeline: Int {
        guard let lines = cachedHistory else { return 0 }
        return (lines.last?.timeline ?? 0) + 1
    }

    /// `is_paused()`: the `pause` flag of the cached `/config` key (maintenance mode).
    var isPaused: Bool {
        guard case .config(let config)? = agent.cache[.config]?.value else { return false }
        return config.pause
    }

    /// The node's WAL position as the race compares it: the end of its WAL.
    var walPosition: Int64 { postgres.lsn }

    /// What the node publishes in its member key now.
    func memberData(_ env: borrowing Environment) -> MemberData {
        let pg = postgres
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
        if pg.state == .crashed, isPaused { state = "stopped" }
        let running = pg.acceptsConnections
        let primary = running && pg.isPrimary
        var replicationState: String?
        if running && !pg.isPrimary {
            if case .streaming = pg.receiver { replicationState = "streaming" } else { replicationState = "in archive recovery" }
        }
        return MemberData(
            name: name, role: primary ? .primary : .replica, state: state,
            xlogLocation: running ? pg.lsn : nil, timeline: running ? timelineNumber(env) : nil,
            replicationState: replicationState,
            checkpointAfterPromote: primary && !pg.checkpointedSincePromotion ? false : nil)
    }

    /// Replaces the watch cache with a fresh range read.
    mutating func fillCache(_ entries: [EtcdEntry]) {
        var cache = WatchCache()
        for entry in entries {
            guard let key = keys.key(of: entry.key) else { continue }
            cache[key] = CachedKey(value: entry.value, lease: entry.lease)
        }
        agent.cache = cache
        agent.cacheReady = true
    }

    /// A watch event for the Patroni process `generation` arrives: update the cache, and
    /// wake the loop on the events of PATRONI.md §1.2.
    mutating func watchDelivered(generation: UInt64, event: WatchEvent, _ env: inout Environment) {
        guard agent.generation == generation, agent.process == .running, agent.cacheReady else { return }
        guard let key = keys.key(of: event.key) else { return }
        let previous = agent.cache[key]
        if let value = event.value {
            agent.cache[key] = CachedKey(value: value, lease: event.lease)
        } else {
            agent.cache[key] = nil
        }
        let changed = previous?.value != event.value
        switch key {
        case .leader where changed:
            wakeUp(&env)
        case .status where changed && cachedLeader != id:
            wakeUp(&env)
        case .config where changed && previous != nil:
            wakeUp(&env)
        case .failover where agent.wakeOnFailoverWrite:
            agent.wakeOnFailoverWrite = false
            wakeUp(&env)
        default:
            break
        }
    }

    /// etcd ended the watch of the Patroni process `generation`: the cache is no longer
    /// ready and is reloaded in the next cycle.
    mutating func watchEnded(generation: UInt64) {
        if agent.generation == generation { agent.cacheReady = false }
    }
}
