import XCTest
@testable import ClusterSim

/// Where Patroni's fencing guarantee ends (PATRONI.md §7.3), and the invariant checkers
/// catching each violation.
final class FencingScenarioTests: XCTestCase {
    private func invariants(_ report: Report) -> [String] { report.violations.map(\.invariant.rawValue) }

    func testKillingOnlyPatroniLeavesASecondWriterWithoutAWatchdog() {
        var cluster = ClusterHarness(seed: 3)
        cluster.options.faults = [Fault(at: .zero + .s(60), action: .killPatroni(.leader))]
        let report = cluster.run(for: .s(120))
        XCTAssertTrue(invariants(report).contains("single-writable-primary"), "\(report.violations)")
        XCTAssertTrue(invariants(report).contains("fenced-primary"), "\(report.violations)")
    }

    func testTheWatchdogResetsTheNodeBeforeTheLeaseExpires() {
        var cluster = ClusterHarness(seed: 3) { $0.patroni.watchdog.mode = .required }
        cluster.options.faults = [Fault(at: .zero + .s(60), action: .killPatroni(.leader))]
        let report = cluster.run(for: .s(120))
        XCTAssertEqual(report.violations, [], "\(report.violations)")
        XCTAssertNotNil(report.first(.watchdogReset))
        XCTAssertEqual(report.failovers.first?.timeline, 2)
    }

    func testAFreezeLongerThanTtlMinusLoopWaitMinusRetryTimeoutSplitsTheBrain() {
        var cluster = ClusterHarness(seed: 3)
        cluster.options.faults = [Fault(at: .zero + .s(60), action: .freeze(.leader, for: .s(40)))]
        let report = cluster.run(for: .s(140))
        XCTAssertTrue(invariants(report).contains("single-writable-primary"), "\(report.violations)")
    }

    func testAShortFreezeIsSafe() {
        var cluster = ClusterHarness(seed: 3)
        cluster.options.faults = [Fault(at: .zero + .s(60), action: .freeze(.leader, for: .s(5)))]
        let report = cluster.run(for: .s(140))
        XCTAssertEqual(report.violations, [])
        XCTAssertTrue(report.failovers.allSatisfy { $0.lockAcquiredAt == nil })
    }

    /// The leader's wall clock jumps back, so the nap after its next cycle is `step` longer
    /// (Patroni schedules on `time.time()`); during that nap it is cut off from etcd and the
    /// replicas, so neither a watch event nor a probe can help, and it demotes late.
    private func isolatedLeaderWithClockStep(_ step: Int64) -> Report {
        var cluster = ClusterHarness(seed: 3)
        cluster.options.faults = [
            Fault(at: .zero + .s(60), action: .clockStep(.leader, by: .s(-step))),
            Fault(at: .zero + .s(71), action: .partition(Partition(target: .previous, peers: [.etcd, .otherNodes], direction: .both))),
        ]
        return cluster.run(for: .s(140))
    }

    func testABackwardClockStepOnAnIsolatedLeaderSplitsTheBrain() {
        let report = isolatedLeaderWithClockStep(30)
        XCTAssertTrue(invariants(report).contains("single-writable-primary"), "\(report.violations)")
    }

    func testASmallBackwardClockStepOnAnIsolatedLeaderIsSafe() {
        let report = isolatedLeaderWithClockStep(5)
        XCTAssertEqual(report.violations, [])
    }

    func testABackwardClockStepOnAConnectedLeaderOnlyDelaysItsNap() {
        // The expiry of its own key wakes it through the watch, the replicas see it is still
        // primary, and it takes the key again: only a short fenced window, no second writer.
        var cluster = ClusterHarness(seed: 3)
        cluster.options.faults = [Fault(at: .zero + .s(60), action: .clockStep(.leader, by: .s(-40)))]
        let report = cluster.run(for: .s(140))
        XCTAssertFalse(invariants(report).contains("single-writable-primary"), "\(report.violations)")
        XCTAssertTrue(report.failovers.allSatisfy { $0.newLeader == nil || $0.newLeader == $0.oldLeader })
        XCTAssertEqual(report.finalLeader?.timeline, 1)
    }
}
