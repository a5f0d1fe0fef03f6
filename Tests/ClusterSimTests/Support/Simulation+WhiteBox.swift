@testable import ClusterSim

/// Tests name nodes and members by their position, as the scenarios' arrays do.
extension NodeID: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension MemberID: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

/// White-box views of a run, for tests that look inside the processes.
extension Simulation {
    /// Every node's PostgreSQL now, in node order.
    var postgres: [PostgresInstance] { nodes.map(\.postgres) }

    /// The node called `name`.
    func node(named name: String) -> NodeID? { layout.node(named: name) }

    /// The name of `node`.
    func name(_ node: NodeID) -> String { layout.name(of: node) }
}
