import ClusterSim
import XCTest

@testable import SimScenarios

/// A crashed primary that restarts in place for longer than `primary_start_timeout`
/// (`Ha.handle_starting_instance`, PATRONI.md §7.2 F).
final class PrimaryStartTimeoutTests: XCTestCase {
    /// Three nodes; `tags` (a JSON fragment) is added to pg2 and pg3, so that pg1, the only
    /// node allowed to bootstrap when they are `nofailover`, leads.
    private func scenario(tags: String) -> String {
        """
        {"name": "t", "duration": "500s",
         "cluster": {"nodes": ["pg1", {"name": "pg2"\(tags)}, {"name": "pg3"\(tags)}],
                     "patroni": {"ttl": 30, "loop_wait": 10, "retry_timeout": 10, "primary_start_timeout": 60},
                     "postgres": {"crash_recovery": "300s"}},
         "faults": [{"at": "60s", "action": "kill-postgres", "target": "leader"}]}
        """
    }

    private func entries(_ report: Report, containing text: String) -> [TimelineEntry] {
        report.timeline.filter { $0.message.contains(text) }
    }

    func testASlowRestartIsAbandonedForAFailoverAfterTheTimeout() throws {
        let report = ScenarioRunner.run(try XCTUnwrap(decodedScenario(scenario(tags: #", "tags": {"failover_priority": 1}"#)))).report
        let restart = try XCTUnwrap(entries(report, containing: "starting primary after failure").first)
        let giveUp = try XCTUnwrap(entries(report, containing: "didn't start in 60 seconds").first)
        XCTAssertEqual(giveUp.host, restart.host)
        XCTAssertGreaterThanOrEqual(giveUp.at - restart.at, .seconds(60))
        XCTAssertLessThanOrEqual(giveUp.at - restart.at, .seconds(70), "noticed in the first cycle after the timeout")
        XCTAssertEqual(report.failovers.count, 1)
        XCTAssertTrue(report.violations.filter { $0.invariant != .liveness }.isEmpty, "\(report.violations)")
    }

    func testWithoutACandidateTheLeaderKeepsWaitingForItsStart() throws {
        let report = ScenarioRunner.run(try XCTUnwrap(decodedScenario(scenario(tags: #", "tags": {"nofailover": true}"#)))).report
        XCTAssertEqual(entries(report, containing: "continuing to wait because failover is not possible").count, 1)
        XCTAssertTrue(entries(report, containing: "didn't start in").isEmpty)
        XCTAssertTrue(report.failovers.allSatisfy { $0.newLeader == nil }, "no new leader")
        XCTAssertEqual(report.final.leaderKeyHolder, "pg1")
        XCTAssertEqual(report.final.members.first?.postgresRole, .primary, "the restart in place finishes")
    }

    func testAPostmasterKilledDuringTheRestartEndsTheStartAsAFailure() throws {
        let json = """
        {"name": "t", "duration": "300s",
         "cluster": {"nodes": ["pg1", "pg2", "pg3"], "patroni": {"ttl": 30, "loop_wait": 10, "retry_timeout": 10},
                     "postgres": {"crash_recovery": "60s"}},
         "faults": [{"at": "60s", "action": "kill-postgres", "target": "leader"},
                    {"at": "90s", "action": "kill-postgres", "target": "leader"}]}
        """
        let report = ScenarioRunner.run(try XCTUnwrap(decodedScenario(json))).report
        let restart = try XCTUnwrap(entries(report, containing: "starting primary after failure").first)
        XCTAssertLessThan(restart.at, .zero + .seconds(90), "the second kill hits the restart")
        let removed = try XCTUnwrap(entries(report, containing: "removed leader key after trying and failing to start postgres").first)
        XCTAssertEqual(removed.host, restart.host)
        XCTAssertEqual(report.failovers.filter { $0.newLeader != nil }.count, 1)
        XCTAssertTrue(report.violations.isEmpty, "\(report.violations)")
    }
}
