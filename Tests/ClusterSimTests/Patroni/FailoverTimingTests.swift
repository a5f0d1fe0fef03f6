import XCTest
@testable import ClusterSim

/// Failover timings against the closed forms of PATRONI.md §7.2.
final class FailoverTimingTests: XCTestCase {
    func testCrashFailoverFollowsTheLeaseExpiryBounds() {
        // (A): F ∈ [T − L + P, T + 0.5 + H + P] with H ≈ 0 (the dead node refuses at once).
        for seed in UInt64(1)...12 {
            var cluster = ClusterHarness(seed: seed)
            cluster.options.faults = [Fault(at: .zero + .s(60), within: .s(10), action: .kill(.leader))]
            let report = cluster.run(for: .s(120))
            guard let failover = report.failovers.first, let seconds = report.failoverSeconds else {
                return XCTFail("seed \(seed): no completed failover")
            }
            XCTAssertGreaterThanOrEqual(seconds, 30 - 10 + 0.3 - 0.01, "seed \(seed)")
            XCTAssertLessThanOrEqual(seconds, 30 + 0.5 + 0.3 + 0.1, "seed \(seed)")
            XCTAssertEqual(failover.leaderKeyGoneHow, "expired", "seed \(seed)")
            XCTAssertEqual(failover.timeline, 2, "seed \(seed)")
            XCTAssertEqual(report.writes.lost, 0, "seed \(seed)")
        }
    }

    func testTheLeaderKeyExpiresTtlAfterTheLastKeepAliveNotAfterTheCrash() {
        var cluster = ClusterHarness(seed: 5)
        cluster.kill(.leader, at: .s(60))
        let report = cluster.run(for: .s(120))
        let keyGone = try! XCTUnwrap(report.failovers.first?.leaderKeyGoneAt)
        // The leader renews every loop_wait, so expiry lands in (fault + T − L, fault + T + 0.5].
        XCTAssertGreaterThan(keyGone, .zero + .s(60 + 30 - 10))
        XCTAssertLessThanOrEqual(keyGone, .zero + .s(60 + 30) + .millis(500))
    }

    func testGracefulStopDoesNotWaitForTheTtl() {
        var seconds: [Double] = []
        for ttl in [30, 60] {
            var cluster = ClusterHarness(seed: 2) { $0.patroni.ttl = ttl }
            cluster.stop(.leader, at: .s(60))
            let report = cluster.run(for: .s(100))
            XCTAssertEqual(report.failovers.first?.leaderKeyGoneHow, "released", "ttl \(ttl)")
            seconds.append(try! XCTUnwrap(report.failoverSeconds, "ttl \(ttl)"))
        }
        XCTAssertLessThan(seconds[0], 5)
        XCTAssertEqual(seconds[0], seconds[1], accuracy: 0.01)
    }

    func testALeaderCutOffFromEtcdDemotesWithinLoopWaitPlusRetryTimeout() {
        for seed in UInt64(1)...6 {
            var cluster = ClusterHarness(seed: seed)
            cluster.options.faults = [Fault(at: .zero + .s(60), within: .s(10),
                                            action: .partition(Partition(target: .leader, peers: [.etcd], direction: .outbound)))]
            let report = cluster.run(for: .s(130))
            let fault = try! XCTUnwrap(report.failovers.first, "seed \(seed)")
            let demoted = try! XCTUnwrap(report.timeline.first { $0.kind == .demote && $0.host == fault.oldLeader }, "seed \(seed)")
            XCTAssertLessThanOrEqual((demoted.at - fault.faultAt).seconds, 10 + 10 + 0.1, "seed \(seed)")
            let lock = try! XCTUnwrap(fault.lockAcquiredAt, "seed \(seed)")
            XCTAssertLessThan(demoted.at, lock, "seed \(seed): the old primary must stop before the lock moves")
            XCTAssertTrue(report.violations.isEmpty, "seed \(seed): \(report.violations)")
        }
    }

    func testAnIsolatedLeaderDelaysTheRaceByTheTwoSecondProbeTimeout() {
        var cluster = ClusterHarness(seed: 4)
        cluster.partition(.leader, from: [.etcd, .otherNodes, .clients], at: .s(60))
        let report = cluster.run(for: .s(120))
        let failover = try! XCTUnwrap(report.failovers.first)
        let gone = try! XCTUnwrap(failover.leaderKeyGoneAt)
        let lock = try! XCTUnwrap(failover.lockAcquiredAt)
        XCTAssertEqual((lock - gone).seconds, 2, accuracy: 0.1)
    }
}
