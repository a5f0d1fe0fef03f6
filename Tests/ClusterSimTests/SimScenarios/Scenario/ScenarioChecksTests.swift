import ClusterSim
import XCTest

@testable import SimScenarios

/// The `expect` fields that configure the checkers (`converge_within`, `zombie_window_max`,
/// `lost_writes: 0`) and the checks of convergence and zombie windows.
final class ScenarioChecksTests: XCTestCase {
    func testWithoutExpectationsTheCheckersKeepTheirDefaults() {
        XCTAssertEqual(decodedScenario(#"{"name": "x"}"#)?.options.checks, CheckOptions())
        XCTAssertEqual(decodedScenario(#"{"name": "x", "expect": {"failovers": 1}}"#)?.options.checks, CheckOptions())
    }

    func testCheckerBoundsGoToTheOptionsAndChecksToTheExpectations() {
        let json = """
        {"name": "x", "expect": {"converge_within": "90s", "zombie_window_max": "2.5s", "lost_writes": 0,
                                 "converged": true, "zombie_windows": 0, "violations": 0}}
        """
        guard let scenario = decodedScenario(json) else { return }
        var checks = CheckOptions()
        checks.convergeWithin = .seconds(90)
        checks.fencedPrimaryBound = .millis(2_500)
        checks.lostWritesAreViolations = true
        XCTAssertEqual(scenario.options.checks, checks)
        var expect = Expectations()
        expect.lostWrites = 0
        expect.converged = true
        expect.zombieWindows = 0
        expect.violations = 0
        XCTAssertEqual(scenario.expectations, expect)
    }

    func testOnlyExpectingNoLostWritesMakesALostWriteAViolation() {
        XCTAssertEqual(decodedScenario(#"{"name": "x", "expect": {"lost_writes": 0}}"#)?.options.checks.lostWritesAreViolations, true)
        XCTAssertEqual(decodedScenario(#"{"name": "x", "expect": {"lost_writes": 3}}"#)?.options.checks.lostWritesAreViolations, false)
    }

    func testAZombieWindowBoundOfZeroIsAllowed() {
        XCTAssertEqual(decodedScenario(#"{"name": "x", "expect": {"zombie_window_max": "0s"}}"#)?.options.checks.fencedPrimaryBound, .zero)
    }

    func testCheckerBoundsAreNotEvaluatedAsChecks() {
        let scenario = decodedScenario(#"{"name": "x", "expect": {"converge_within": "90s", "zombie_window_max": "1s"}}"#)
        XCTAssertEqual(scenario?.expectations, Expectations())
    }

    func testBadConvergenceAndZombieFieldsAreReported() {
        let json = """
        {"name": "x", "expect": {"converge_within": "0s", "zombie_window_max": "-1s", "converged": "yes", "zombie_windows": -1,
                                 "converge_whithin": "1m"}}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.expect.converge_whithin: unknown key \"converge_whithin\"; allowed keys: all_streaming, at, converge_within, converged, failover_time, failovers, final_leader, final_timeline, lost_writes, rewinds, split_brain, violations, write_outage, zombie_window_max, zombie_windows (did you mean \"converge_within\"?)",
            "$.expect.converge_within: expected a duration greater than zero, got \"0s\"",
            "$.expect.converged: expected true or false, got string \"yes\"",
            "$.expect.zombie_window_max: \"-1s\" is negative; durations must be zero or more",
            "$.expect.zombie_windows: expected a non-negative integer, got number -1",
        ])
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "expect": {"converge_within": 90}}"#),
                       ["$.expect.converge_within: expected a duration string such as \"30s\", \"250ms\" or \"2m\", got number 90"])
    }

    func testEveryProblemWithTheNewFieldsIsReportedAtOnceSortedByPath() {
        let json = """
        {"name": "x",
         "expect": {"converged": 1, "zombie_window_max": "forever"},
         "faults": [
           {"at": "1s", "action": "clock-step", "target": "leader", "by": "0s"},
           {"at": "2s", "action": "freeze", "target": "nobody"}
         ],
         "workload": {"router": "pgbouncer"},
         "cluster": {"patroni": {"synchronous_mode": "yes", "watchdog": {"mode": "sometimes"}}},
         "ha": {"policy": "manual", "decision": ["10m", "5m"], "promote_after": "1m"}}
        """
        guard let error = scenarioRejection(json) else { return }
        XCTAssertEqual(error.description, """
        test.json: $.cluster.patroni.synchronous_mode: expected true, false, "on", "off" or "quorum", got string "yes"
        test.json: $.cluster.patroni.watchdog.mode: expected one of "off", "automatic" or "required", got string "sometimes"
        test.json: $.expect.converged: expected true or false, got number 1
        test.json: $.expect.zombie_window_max: "forever" is not a decimal number with a unit such as "30s", "1.5s" or "250ms"
        test.json: $.faults[0].by: expected a non-zero duration, got "0s"
        test.json: $.faults[1]: missing required key "for"
        test.json: $.faults[1].target: unknown node "nobody"; expected "leader", "replica", "previous" or one of the nodes: patroni1, patroni2, patroni3
        test.json: $.ha.decision: expected min <= max, got min "10m" and max "5m"
        test.json: $.ha.promote_after: key "promote_after" is not allowed with policy "manual"; allowed keys: application_update, check_interval, decision, detection, execution, policy, verification
        test.json: $.workload.router: expected one of "haproxy" or "fixed", got string "pgbouncer"
        """)
    }
}
