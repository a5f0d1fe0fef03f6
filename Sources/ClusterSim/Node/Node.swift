/// One host of the cluster, as one of the lab's containers: the Patroni agent, its
/// PostgreSQL, its wall clock and watchdog, the configuration Patroni runs with and the
/// faults injected into the host.
///
/// A node changes only in its own handlers (its timers, the messages delivered to it, and
/// the faults and operator commands run on the host). It reaches other hosts only through
/// the `Environment`: it sends messages and tells the recorder what changed.
struct Node {
    /// The node's position in the cluster.
    let id: NodeID
    /// Its network host.
    let host: HostID
    /// The member name (Patroni's `name`), also the host name.
    let name: String
    /// The scenario's settings, as every host is configured with them.
    let options: ClusterOptions
    /// The cluster's etcd keys.
    let keys: DCSKeys
    /// The hosts and their IDs.
    let layout: HostLayout
    /// Whether Patroni manages the cluster (`"ha": "patroni"`).
    let patroniManaged: Bool
    /// Whether Patroni runs the cluster in `synchronous_mode`.
    let synchronousMode: Bool

    /// The Patroni process.
    var agent = PatroniAgent()
    /// The PostgreSQL instance.
    var postgres: PostgresInstance
    /// The wall clock: its offset and drift (clock steps move the offset).
    var clock: NodeClock
    /// The configuration Patroni runs with (the DCS `config` it last picked up).
    var config: NodeConfig
    /// What per-node faults did to the host (broken PostgreSQL, slow disk).
    var faults = NodeFaultState()
    /// The watchdog: the instant it resets the host unless pinged, or nil when disarmed.
    var watchdog: SimInstant?
    /// Until when Patroni is frozen (SIGSTOP), if it is.
    var frozenUntil: SimInstant? { didSet { freezeChanged = true } }
    /// Set when `frozenUntil`, which the node reports of itself, was written since its last report.
    var freezeChanged = false
    /// Patroni's random draws (stream `patroni/<name>`).
    var random: RandomStream
    /// The etcd member Patroni's client talks to now.
    var etcdEndpoint = MemberID(0)
    /// The failover script of `"ha": "none"`, on the standby that runs it.
    var script = FailoverScript()

    /// Node `id` of the cluster `options` describes, with its timers validated as `timers`.
    init(_ id: NodeID, options: ClusterOptions, keys: DCSKeys, layout: HostLayout, timers: EffectiveTimers) {
        self.id = id
        host = layout.host(of: id)
        name = options.nodes[id].name
        self.options = options
        self.keys = keys
        self.layout = layout
        patroniManaged = options.ha == .patroni
        synchronousMode = patroniManaged && options.patroni.synchronousMode
        postgres = PostgresInstance(nodeCount: options.nodes.count)
        clock = options.nodes[id].clock
        config = NodeConfig(settings: options.patroni, timers: timers)
        random = RandomStream(seed: options.seed, stream: "patroni/\(name)")
    }

    /// The node's own settings and tags.
    var tags: NodeOptions { options.nodes[id] }

    /// The Patroni settings the node runs with now: the scenario's, with the DCS `config`
    /// key it last picked up laid over them.
    var settings: PatroniSettings { config.settings }

    /// The timers Patroni runs with now.
    var timers: EffectiveTimers { config.timers }

    /// The node's wall clock at `now` (what Patroni's `time.time()` returns there).
    func wallClock(at now: SimInstant) -> SimInstant { clock.wall(at: now) }

    /// The name of node `node`.
    func nodeName(_ node: NodeID) -> String { layout.name(of: node) }
}
