import ClusterSim
import XCTest

@testable import SimScenarios

/// The operator's actions in scenario files: `switchover`, `failover`, `pause`, `resume`.
final class ScenarioManualFailoverTests: XCTestCase {
    private func at(_ seconds: Int64) -> SimInstant { SimInstant(microseconds: seconds * 1_000_000) }

    func testOperatorActionsDecode() {
        let json = """
        {"name": "x", "faults": [
          {"at": "10s", "action": "pause"},
          {"at": "20s", "action": "switchover", "candidate": "patroni2"},
          {"at": "30s", "action": "resume"},
          {"at": "40s", "action": "switchover", "scheduled_at": "90s"},
          {"at": "50s", "action": "failover", "candidate": "patroni3"},
          {"at": "60s", "action": "failover"}
        ]}
        """
        XCTAssertEqual(decodedScenario(json)?.options.faults, [
            Fault(at: at(10), action: .pause),
            Fault(at: at(20), action: .switchover(candidate: .node(1, name: "patroni2"), scheduledAt: nil)),
            Fault(at: at(30), action: .resume),
            Fault(at: at(40), action: .switchover(candidate: nil, scheduledAt: at(90))),
            Fault(at: at(50), action: .failover(candidate: .node(2, name: "patroni3"), scheduledAt: nil)),
            Fault(at: at(60), action: .failover(candidate: nil, scheduledAt: nil)),
        ])
    }

    func testTheirLabelsNameTheCandidateAndTheSchedule() {
        XCTAssertEqual(FaultAction.switchover(candidate: .node(1, name: "b"), scheduledAt: at(90)).label, "switchover to b at t=90.0s")
        XCTAssertEqual(FaultAction.failover(candidate: nil, scheduledAt: nil).label, "failover")
        XCTAssertEqual(FaultAction.pause.label, "pause")
    }

    func testBadOperatorActionsAreReportedWithTheirPaths() {
        let json = """
        {"name": "x", "faults": [
          {"at": "1s", "action": "switchover", "candidate": "patroni9"},
          {"at": "1s", "action": "switchover", "candidate": "leader"},
          {"at": "1s", "action": "failover", "candidate": 2},
          {"at": "1s", "action": "switchover", "target": "leader"},
          {"at": "1s", "action": "pause", "candidate": "patroni2"},
          {"at": "1s", "action": "switchover", "scheduled_at": 90},
          {"at": "1s", "action": "resume", "target": "patroni1"}
        ]}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.faults[0].candidate: unknown node \"patroni9\"; expected one of the nodes: patroni1, patroni2, patroni3",
            "$.faults[1].candidate: unknown node \"leader\"; expected one of the nodes: patroni1, patroni2, patroni3",
            "$.faults[2].candidate: expected a node name, got number 2",
            "$.faults[3].target: key \"target\" is not allowed with action \"switchover\"; allowed keys: action, at, candidate, scheduled_at, within",
            "$.faults[4].candidate: key \"candidate\" is not allowed with action \"pause\"; allowed keys: action, at, within",
            "$.faults[5].scheduled_at: expected a duration string such as \"30s\", \"250ms\" or \"2m\", got number 90",
            "$.faults[6].target: key \"target\" is not allowed with action \"resume\"; allowed keys: action, at, within",
        ])
    }
}
