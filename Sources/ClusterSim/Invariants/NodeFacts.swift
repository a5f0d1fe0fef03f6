/// What the checkers, the failover tracker and the history see of one node: a summary of
/// its Patroni and PostgreSQL state, reported by the node itself.
struct NodeFacts: Equatable {
    /// PostgreSQL runs as a primary and takes client writes.
    var acceptsWrites = false
    /// PostgreSQL runs (as primary or replica), not starting, stopping or promoting.
    var running = false
    /// PostgreSQL accepts connections (runs, or promotes).
    var acceptsConnections = false
    /// There is a data directory.
    var hasData = false
    /// The node's HA agent runs: Patroni under Patroni, else PostgreSQL itself.
    var agentRuns = false
    /// The WAL branch the node is on.
    var branch = 0
    /// That branch's timeline number.
    var timeline = 1
    /// The node whose WAL the walreceiver streams now, if any.
    var streamingFrom: Int?
    /// What a picture shows for the node.
    var display: NodeDisplayState = .stopped
}

/// The state a picture shows for a node: what PostgreSQL does, refined by Patroni's action.
enum NodeDisplayState: String, Equatable {
    case primary, replica, promoting, demoting, starting, stopping, stopped, crashed, frozen, rewinding
    case creatingReplica = "creating replica"
    case initializing
}
