import ClusterSim

/// One entry of a scenario's `expect.at` list: what the cluster must look like at one
/// instant, the way Patroni's acceptance steps check a cluster ("X is a leader after N
/// seconds", "X role is the primary", "sync key in DCS has sync_standby=Y").
///
/// Only the fields a checkpoint gives are checked, each against a snapshot of the run
/// taken at the checkpoint's time (the snapshots never change the run).
public struct Checkpoint: Sendable, Equatable {
    /// What PostgreSQL on one node must be.
    public struct RoleExpectation: Sendable, Equatable {
        /// The node's name.
        public var node: String
        /// Its expected role.
        public var role: PostgresRole

        /// Creates the expectation that `node` is `role`.
        public init(node: String, role: PostgresRole) {
            self.node = node
            self.role = role
        }
    }

    /// When the snapshot is taken.
    public var time: SnapshotTime
    /// `leader`: the node the DCS leader key names, or no leader key (`null`).
    public var leader: Expectations.FinalLeader?
    /// `roles`: what PostgreSQL must be on the listed nodes, in the file's order.
    public var roles: [RoleExpectation] = []
    /// `sync_standbys`: the standbys the `/sync` key must list (sorted), or nil to skip.
    public var syncStandbys: [String]?
    /// `sync_leader`: the leader the `/sync` key must name, or nil to skip.
    public var syncLeader: String?
    /// `sync_quorum`: the `quorum` the `/sync` key must hold (quorum mode), or nil to skip.
    public var syncQuorum: Int?

    /// Creates a checkpoint at `time` that checks nothing yet.
    public init(time: SnapshotTime) {
        self.time = time
    }

    /// Checks `snapshot` against every given field; `index` names the checkpoint
    /// (`at[0].leader`). Complexity: O(nodes × roles).
    public func evaluate(_ snapshot: ClusterSnapshot, index: Int) -> [ExpectationResult] {
        var results: [ExpectationResult] = []
        let when = " at \(time)"
        if let leader {
            let actual: Expectations.FinalLeader = snapshot.leaderKeyHolder.map { .named($0) } ?? .noLeader
            results.append(ExpectationResult(check: "at[\(index)].leader", expected: leader.text + when,
                                             actual: actual.text, held: actual == leader))
        }
        for expectation in roles {
            let actual = snapshot.members.first { $0.name == expectation.node }?.postgresRole
            results.append(ExpectationResult(check: "at[\(index)].roles.\(expectation.node)",
                                             expected: expectation.role.rawValue + when,
                                             actual: actual?.rawValue ?? "unknown node", held: actual == expectation.role))
        }
        if let syncLeader {
            let actual = snapshot.syncLeader ?? "no /sync key"
            results.append(ExpectationResult(check: "at[\(index)].sync_leader", expected: syncLeader + when,
                                             actual: actual, held: snapshot.syncLeader == syncLeader))
        }
        if let syncQuorum {
            let actual = snapshot.syncQuorum.map(String.init) ?? "no quorum in /sync"
            results.append(ExpectationResult(check: "at[\(index)].sync_quorum", expected: "\(syncQuorum)" + when,
                                             actual: actual, held: snapshot.syncQuorum == syncQuorum))
        }
        if let syncStandbys {
            let actual = snapshot.syncStandbys.map { $0.sorted() }
            let text = actual.map { $0.isEmpty ? "none" : $0.joined(separator: ",") } ?? "no /sync key"
            let expected = syncStandbys.isEmpty ? "none" : syncStandbys.joined(separator: ",")
            results.append(ExpectationResult(check: "at[\(index)].sync_standbys", expected: expected + when,
                                             actual: text, held: actual == syncStandbys))
        }
        return results
    }
}
