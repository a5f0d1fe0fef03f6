import XCTest
@testable import ClusterSim

/// Synchronous replication against asynchronous data loss, and the lab's HA policies
/// without Patroni.
final class PolicyAndDurabilityTests: XCTestCase {
    /// The leader is isolated from etcd and its replicas (but not from the clients) and
    /// keeps acknowledging what it can until it fences itself; then it rejoins.
    private func isolatedLeader(synchronous: Bool, seed: UInt64 = 4) -> Report {
        var cluster = ClusterHarness(seed: seed) {
            $0.patroni.synchronousMode = synchronous
            $0.checks.lostWritesAreViolations = true
        }
        cluster.partition(.leader, from: [.etcd, .otherNodes], at: .s(60))
        cluster.heal(at: .s(110))
        return cluster.run(for: .s(170))
    }

    func testAsynchronousReplicationLosesTheWritesAnIsolatedLeaderAcknowledged() {
        let report = isolatedLeader(synchronous: false)
        XCTAssertGreaterThan(report.writes.lost, 0)
        XCTAssertTrue(report.violations.contains { $0.invariant == .noLostAcknowledgedWrites })
        XCTAssertEqual(report.all(.rewindDone).count, 1)
    }

    func testSynchronousModeLosesNoAcknowledgedWrite() {
        for seed in UInt64(1)...4 {
            let report = isolatedLeader(synchronous: true, seed: seed)
            XCTAssertEqual(report.writes.lost, 0, "seed \(seed)")
            XCTAssertEqual(report.violations, [], "seed \(seed)")
            XCTAssertEqual(report.failovers.first?.timeline, 2, "seed \(seed)")
        }
    }

    func testSynchronousModeRecordsTheSyncStandbyInDCS() {
        var cluster = ClusterHarness(seed: 1) { $0.patroni.synchronousMode = true }
        let report = cluster.run(for: .s(60))
        let sync = try! XCTUnwrap(report.final.keys.first { $0.key.hasSuffix("/sync") })
        XCTAssertTrue(sync.value.contains("\"sync_standby\":\"patroni"), sync.value)
        XCTAssertEqual(report.final.members.filter { $0.role == .syncStandby }.count, 1)
        cluster.kill(.leader, at: .s(60))
        let failover = cluster.run(for: .s(120))
        XCTAssertEqual(failover.failovers.first?.timeline, 2)
        XCTAssertEqual(failover.writes.lost, 0)
    }

    func testWithoutFencingAPartitionedPrimaryKeepsWritingBesideThePromotedStandby() {
        var cluster = ClusterHarness(seed: 2) { $0.ha = .none(UnfencedPromotion()) }
        cluster.partition(.leader, from: [.otherNodes], at: .s(60))
        let report = cluster.run(for: .s(150))
        let overlap = try! XCTUnwrap(report.violations.first { $0.invariant == .singleWritablePrimary })
        XCTAssertNil(overlap.until)
        XCTAssertTrue(overlap.detail.contains("accepted"))
        XCTAssertEqual(report.failovers.first?.timeline, 2)
    }

    func testAManualFailoverTakesTheOperatorsDelays() {
        var cluster = ClusterHarness(seed: 2) { options in
            options.ha = .manual(ManualOperator())
            options.workload.router = .fixed
            options.checks.convergeWithin = .minutes(60)
        }
        cluster.kill(.leader, at: .s(60))
        let report = cluster.run(for: .minutes(70))
        let failover = try! XCTUnwrap(report.failovers.first)
        let promoted = try! XCTUnwrap(failover.promotedAt)
        let firstWrite = try! XCTUnwrap(failover.firstWriteAt)
        // detection 4-6 min + decision 5-10 + execution 30 s; the application follows after
        // verification 2-5 min and its update 10-30 min.
        XCTAssertGreaterThanOrEqual((promoted - failover.faultAt).seconds, 9 * 60 + 30)
        XCTAssertLessThanOrEqual((promoted - failover.faultAt).seconds, 16 * 60 + 31)
        XCTAssertGreaterThanOrEqual((firstWrite - promoted).seconds, 12 * 60)
        XCTAssertTrue(report.liveness.held)
        XCTAssertEqual(report.violations, [])
    }
}
