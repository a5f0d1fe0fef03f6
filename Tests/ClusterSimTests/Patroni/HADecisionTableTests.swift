import Testing

@testable import ClusterSim

/// `HADecision.decide`, one row per case of `Ha._run_cycle`'s order: the node's own state,
/// who it sees leading, whether the cluster is paused, and what the cycle must do.
struct HADecisionTableTests {
    /// One row of the table.
    struct Row: CustomTestStringConvertible, Sendable {
        var name: String
        var local: HADecision.Local
        var leader: HADecision.Leader
        var paused = false
        var expected: HADecision
        var testDescription: String { name }
    }

    /// A healthy replica's state, changed by `change`.
    static func replica(_ change: (inout HADecision.Local) -> Void = { _ in }) -> HADecision.Local {
        var local = HADecision.Local()
        change(&local)
        return local
    }

    /// A running primary's state.
    static let primary = replica { $0.acceptsWrites = true }

    static let rows: [Row] = [
        Row(name: "a running replica follows the leader", local: replica(), leader: .other, expected: .follow),
        Row(name: "a running replica races when nobody leads", local: replica(), leader: .none, expected: .race),
        Row(name: "the lock holder renews its lock", local: primary, leader: .me, expected: .updateLock),
        Row(name: "a primary without the lock races (and demotes if it loses)", local: primary, leader: .none, expected: .race),
        Row(name: "a primary seeing another leader follows it (demotes)", local: primary, leader: .other, expected: .follow),
        Row(name: "during a long action the lock holder still renews its lock",
            local: replica { $0.actionInProgress = true }, leader: .me, expected: .updateLock),
        Row(name: "during a long action another node only touches its member key",
            local: replica { $0.actionInProgress = true }, leader: .other, expected: .touchMember),
        Row(name: "a long action wins over a failed start",
            local: replica { $0.actionInProgress = true; $0.startFailed = true }, leader: .none, expected: .touchMember),
        Row(name: "a failed start runs post_recover", local: replica { $0.startFailed = true }, leader: .other, expected: .postRecover),
        Row(name: "a failed start wins over a pending post_bootstrap",
            local: replica { $0.startFailed = true; $0.postBootstrapPending = true }, leader: .me, expected: .postRecover),
        Row(name: "a finished bootstrap runs post_bootstrap", local: replica { $0.postBootstrapPending = true }, leader: .me,
            expected: .postBootstrap),
        Row(name: "no data directory: bootstrap", local: replica { $0.hasData = false; $0.postgresAlive = false },
            leader: .other, expected: .bootstrap),
        Row(name: "no data directory wins over pause", local: replica { $0.hasData = false; $0.postgresAlive = false },
            leader: .none, paused: true, expected: .bootstrap),
        Row(name: "paused with PostgreSQL down: do not start it",
            local: replica { $0.postgresAlive = false; $0.postgresRunning = false }, leader: .other, paused: true,
            expected: .pausedWithoutPostgres),
        Row(name: "a paused lock holder running read-only",
            local: replica(), leader: .me, paused: true, expected: .pausedLeaderNotPrimary),
        Row(name: "a paused lock holder still starting is not flagged read-only",
            local: replica { $0.postgresRunning = false }, leader: .me, paused: true, expected: .updateLock),
        Row(name: "a paused primary lock holder renews its lock", local: primary, leader: .me, paused: true, expected: .updateLock),
        Row(name: "PostgreSQL down under another leader: recover as a replica",
            local: replica { $0.postgresAlive = false; $0.postgresRunning = false }, leader: .other, expected: .recover),
        Row(name: "PostgreSQL down with nobody leading: recover first",
            local: replica { $0.postgresAlive = false; $0.postgresRunning = false }, leader: .none, expected: .recover),
        Row(name: "PostgreSQL down on the lock holder: keep the lock (recover as leader)",
            local: replica { $0.postgresAlive = false; $0.postgresRunning = false }, leader: .me, expected: .updateLock),
        Row(name: "a paused replica follows", local: replica(), leader: .other, paused: true, expected: .follow),
        Row(name: "a paused replica with nobody leading races (and stays put)", local: replica(), leader: .none, paused: true,
            expected: .race),
    ]

    @Test(arguments: rows)
    func decision(_ row: Row) {
        #expect(HADecision.decide(row.local, leader: row.leader, paused: row.paused) == row.expected)
    }

    @Test func everyDecisionHasARow() {
        let covered = Set(Self.rows.map { "\($0.expected)" })
        let all: [HADecision] = [.updateLock, .touchMember, .postRecover, .postBootstrap, .bootstrap, .pausedWithoutPostgres,
                                 .pausedLeaderNotPrimary, .recover, .race, .follow]
        #expect(covered == Set(all.map { "\($0)" }))
    }
}
