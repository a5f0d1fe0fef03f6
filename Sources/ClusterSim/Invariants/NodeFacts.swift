/// What the checkers, the failover tracker and the history see of one node: a summary of
/// its Patroni and PostgreSQL state, reported by the node itself after each of its events.
struct NodeFacts: Equatable {
    /// What the postmaster is doing.
    var state: PostgresInstance.State = .stopped
    /// Whether PostgreSQL is out of recovery.
    var isPrimary = false
    /// There is a data directory.
    var hasData = false
    /// The node's HA agent runs: Patroni under Patroni, else PostgreSQL itself.
    var agentRuns = false
    /// The WAL branch the node is on.
    var branch = 0
    /// That branch's timeline number.
    var timeline = 1
    /// The node whose WAL the walreceiver streams now, if any.
    var streamingFrom: NodeID?
    /// What a picture shows for the node.
    var display: NodeDisplayState = .stopped

    /// PostgreSQL runs as a primary and takes client writes.
    var acceptsWrites: Bool { state == .running && isPrimary }
    /// PostgreSQL runs (as primary or replica), not starting, stopping or promoting.
    var running: Bool { state == .running }
    /// PostgreSQL accepts connections (runs, or promotes).
    var acceptsConnections: Bool { state == .running || state == .promoting }
}

/// The state a picture shows for a node: what PostgreSQL does, refined by Patroni's action.
enum NodeDisplayState: String, Equatable {
    case primary, replica, promoting, demoting, starting, stopping, stopped, crashed, frozen, rewinding
    case creatingReplica = "creating replica"
    case initializing
}
