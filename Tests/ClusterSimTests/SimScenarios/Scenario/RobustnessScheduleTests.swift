import XCTest
@testable import ClusterSim

/// Pathological schedules: each is handled (a no-op with a note, or a reported outcome),
/// never a trap or a hang.
final class RobustnessScheduleTests: XCTestCase {
    private func run(_ faults: [FaultAction], at seconds: Int64 = 60, for duration: SimDuration = .seconds(120),
                     configure: (inout ClusterOptions) -> Void = { _ in }) -> Report {
        var cluster = ClusterHarness(seed: 5, configure: configure)
        cluster.options.faults = faults.map { Fault(at: .zero + .seconds(seconds), action: $0) }
        return cluster.run(for: duration)
    }

    func testManyFaultsOnOneInstantAreAppliedInOrder() {
        let report = run([.kill(.leader), .start(.previous), .stop(.replica), .partition(Partition(target: .leader, peers: [.etcd], direction: .both)),
                          .heal(nil), .freeze(.leader, for: .seconds(1)), .clockStep(.leader, by: .seconds(-1)), .killPostgres(.replica)])
        XCTAssertEqual(report.outcome, .completed)
        XCTAssertEqual(report.timeline.filter { $0.kind == .fault }.count + report.all(.noOp).count >= 8, true)
    }

    func testRestartingARunningNodeIsANoOpWithANote() {
        let report = run([.start(.node(0, name: "patroni1"))])
        XCTAssertTrue(report.timeline.contains { $0.kind == .noOp && $0.message.contains("already running") })
        XCTAssertEqual(report.violations, [])
    }

    func testHealingWhatWasNeverPartitionedChangesNothing() {
        let report = run([.heal(nil), .heal(.node(1, name: "patroni2"))])
        XCTAssertEqual(report.violations, [])
        XCTAssertTrue(report.failovers.isEmpty)
    }

    func testPartitioningEveryNodeFromEverythingLeavesNoWriterAndNoTrap() {
        let everything: [PeerSelector] = [.etcd, .otherNodes, .clients]
        let report = run((0..<3).map { .partition(Partition(target: .node($0, name: "patroni\($0 + 1)"), peers: everything, direction: .both)) },
                         for: .seconds(200))
        XCTAssertEqual(report.outcome, .completed)
        XCTAssertFalse(report.violations.contains { $0.invariant == .singleWritablePrimary })
        XCTAssertNil(report.finalLeader)
    }

    func testStoppingEveryNodeEndsWithNoLeaderAndAReportedLivenessFailure() {
        let report = run((0..<3).map { .stop(.node($0, name: "patroni\($0 + 1)")) }, for: .seconds(200))
        XCTAssertEqual(report.outcome, .completed)
        XCTAssertNil(report.finalLeader)
        XCTAssertTrue(report.final.members.allSatisfy { $0.state == "stopped" })
        XCTAssertFalse(report.violations.contains { $0.invariant != .liveness })
    }

    func testAFaultWithNoNodeInItsRoleIsSkippedWithANote() {
        let report = run([.kill(.previous)])
        XCTAssertTrue(report.timeline.contains { $0.kind == .noOp && $0.message.contains("fault skipped") })
    }

    func testTheEventLimitEndsARunawayRunWithAnOutcomeThatNamesIt() {
        var options = ClusterOptions()
        options.duration = .seconds(30 * 86_400)
        options.limits.maxEvents = 20_000
        let report = Simulation(options: options).run()
        XCTAssertEqual(report.outcome, .eventLimitReached)
        XCTAssertEqual(report.eventsHandled, 20_000)
        XCTAssertLessThan(report.endedAt, .zero + .seconds(30 * 86_400))
    }

    func testADayOfVirtualTimeWithoutWorkloadRunsToTheEnd() {
        var options = ClusterOptions()
        options.duration = .seconds(86_400)
        options.workload.writesPerSecond = 0
        options.recordHistory = false
        let report = Simulation(options: options).run()
        XCTAssertEqual(report.outcome, .completed)
        XCTAssertEqual(report.endedAt, .zero + .seconds(86_400))
    }
}
