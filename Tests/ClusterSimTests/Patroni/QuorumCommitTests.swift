import XCTest
@testable import ClusterSim

/// `synchronous_mode: quorum`: `/sync` voters and quorum, `ANY k (...)` commits, and the
/// votes a candidate needs (PATRONI.md §2.3, §5.2).
final class QuorumCommitTests: XCTestCase {
    /// Three nodes in quorum mode; postgres-1 and postgres-2 start at 12 s, so postgres-0 leads.
    private func cluster(seed: UInt64 = 1, strict: Bool = false, nodeCount: Int = 1) -> ClusterHarness {
        var cluster = ClusterHarness(seed: seed) { options in
            options.nodes = (0..<3).map { NodeOptions(name: "postgres-\($0)") }
            options.patroni.loopWait = 2
            options.patroni.synchronousMode = true
            options.patroni.quorumCommit = true
            options.patroni.synchronousModeStrict = strict
            options.patroni.synchronousNodeCount = nodeCount
            options.checks.lostWritesAreViolations = true
        }
        for name in ["postgres-1", "postgres-2"] {
            cluster.stop(cluster.node(name), at: .millis(1))
            cluster.start(cluster.node(name), at: .s(12))
        }
        return cluster
    }

    func testBothReplicasVoteWithQuorumOneAndACommitWaitsForAnyOne() {
        let (simulation, report) = cluster().simulate(for: .s(40))
        XCTAssertEqual(report.final.syncLeader, "postgres-0")
        XCTAssertEqual(report.final.syncStandbys, ["postgres-1", "postgres-2"])
        XCTAssertEqual(report.final.syncQuorum, 1)
        XCTAssertEqual(report.final.members.filter { $0.role == .quorumStandby }.count, 2)
        XCTAssertEqual(simulation.postgres[0].synchronousStandbyNames, .any(1, [1, 2]))
        let lsn = simulation.postgres[0].lsn + 1_000
        simulation.nodes[0].postgres.waitingCommits = [WaitingCommit(writeID: 999_999, lsn: lsn)]
        simulation.nodes[0].standbyFlushed(2, attempt: simulation.nodes[0].postgres.walSenders[2]?.session ?? 0, upTo: lsn, &simulation.env)
        XCTAssertEqual(simulation.postgres[0].waitingCommits.count, 0, "one of the two standbys is enough")
    }

    func testANodeCountOfTwoWaitsForBothWithQuorumZero() {
        let (simulation, report) = cluster(nodeCount: 2).simulate(for: .s(40))
        XCTAssertEqual(report.final.syncQuorum, 0)
        XCTAssertEqual(simulation.postgres[0].synchronousStandbyNames, .any(2, [1, 2]))
    }

    func testACandidateWithoutEnoughVotesDoesNotPromote() {
        var harness = cluster()
        harness.kill(harness.node("postgres-0"), at: .s(40))
        harness.kill(harness.node("postgres-2"), at: .s(40))
        let report = harness.run(for: .s(100))
        XCTAssertNil(report.final.leaderKeyHolder)
        XCTAssertEqual(report.final.members.filter { $0.postgresRole == .primary }, [])
        XCTAssertNotNil(report.timeline.first { $0.host == "postgres-1" && $0.message == "not enough quorum votes: 0 of 1" })
    }

    func testOneVoteIsEnoughWhenTheQuorumIsOne() {
        var harness = cluster()
        harness.kill(harness.node("postgres-0"), at: .s(40))
        let report = harness.run(for: .s(100))
        XCTAssertNotNil(report.failovers.first?.promotedAt)
        XCTAssertEqual(report.final.syncLeader, report.final.leaderKeyHolder)
        XCTAssertEqual(report.writes.lost, 0)
    }

    func testQuorumModeLosesNoAcknowledgedWriteAcrossFailovers() {
        for seed in UInt64(1)...5 {
            var harness = cluster(seed: seed, strict: seed % 2 == 0)
            harness.kill(.leader, at: .s(40))
            harness.start(harness.node("postgres-0"), at: .s(80))
            harness.stop(.leader, at: .s(110))
            let report = harness.run(for: .s(150))
            XCTAssertEqual(report.failovers.count, 2, "seed \(seed)")
            XCTAssertEqual(report.writes.lost, 0, "seed \(seed)")
            XCTAssertEqual(report.violations, [], "seed \(seed)")
        }
    }
}
