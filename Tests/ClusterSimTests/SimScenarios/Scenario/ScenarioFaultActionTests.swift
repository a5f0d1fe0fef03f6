import ClusterSim
import XCTest

@testable import SimScenarios

/// The process, freeze and clock faults: `kill-patroni`, `kill-postgres`, `freeze`, `clock-step`.
final class ScenarioFaultActionTests: XCTestCase {
    /// The instant `seconds` after the start.
    private func at(_ seconds: Int64) -> SimInstant {
        SimInstant(microseconds: seconds * 1_000_000)
    }

    func testProcessFreezeAndClockFaultsDecodeWithTheirTargets() {
        let json = """
        {"name": "x", "faults": [
          {"at": "10s", "action": "kill-patroni", "target": "leader"},
          {"at": "20s", "action": "kill-postgres", "target": "patroni2"},
          {"at": "30s", "action": "freeze", "target": "previous", "for": "45s"},
          {"at": "40s", "within": "5s", "action": "clock-step", "target": "replica", "by": "-40s"},
          {"at": "50s", "action": "clock-step", "target": "patroni3", "by": "+1.5m"},
          {"at": "60s", "action": "clock-step", "target": "leader", "by": "250ms"}
        ]}
        """
        XCTAssertEqual(decodedScenario(json)?.options.faults, [
            Fault(at: at(10), action: .killPatroni(.leader)),
            Fault(at: at(20), action: .killPostgres(.node(1, name: "patroni2"))),
            Fault(at: at(30), action: .freeze(.previous, for: .seconds(45))),
            Fault(at: at(40), within: .seconds(5), action: .clockStep(.replica, by: .zero - .seconds(40))),
            Fault(at: at(50), action: .clockStep(.node(2, name: "patroni3"), by: .seconds(90))),
            Fault(at: at(60), action: .clockStep(.leader, by: .millis(250))),
        ])
    }

    func testEveryNewActionNeedsATarget() {
        let json = """
        {"name": "x", "faults": [
          {"at": "1s", "action": "kill-patroni"}, {"at": "1s", "action": "kill-postgres"},
          {"at": "1s", "action": "freeze", "for": "5s"}, {"at": "1s", "action": "clock-step", "by": "5s"}
        ]}
        """
        XCTAssertEqual(scenarioProblems(json), (0..<4).map { "$.faults[\($0)]: missing required key \"target\"" })
    }

    func testAFreezeNeedsAPositiveLength() {
        let json = """
        {"name": "x", "faults": [
          {"at": "1s", "action": "freeze", "target": "leader"},
          {"at": "1s", "action": "freeze", "target": "leader", "for": "0s"},
          {"at": "1s", "action": "freeze", "target": "leader", "for": 10},
          {"at": "1s", "action": "freeze", "target": "leader", "for": "10s", "by": "10s"}
        ]}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.faults[0]: missing required key \"for\"",
            "$.faults[1].for: expected a duration greater than zero, got \"0s\"",
            "$.faults[2].for: expected a duration string such as \"30s\", \"250ms\" or \"2m\", got number 10",
            "$.faults[3].by: key \"by\" is not allowed with action \"freeze\"; allowed keys: action, at, for, target, within",
        ])
    }

    func testAClockStepNeedsASignedNonZeroDuration() {
        let json = """
        {"name": "x", "faults": [
          {"at": "1s", "action": "clock-step", "target": "leader"},
          {"at": "1s", "action": "clock-step", "target": "leader", "by": "0s"},
          {"at": "1s", "action": "clock-step", "target": "leader", "by": "-0ms"},
          {"at": "1s", "action": "clock-step", "target": "leader", "by": "abc"},
          {"at": "1s", "action": "clock-step", "target": "leader", "by": "+-5s"},
          {"at": "1s", "action": "clock-step", "target": "leader", "by": "-"},
          {"at": "1s", "action": "clock-step", "target": "leader", "by": "-40"},
          {"at": "1s", "action": "clock-step", "target": "leader", "by": "-40d"},
          {"at": "1s", "action": "clock-step", "target": "leader", "by": "-1.5us"},
          {"at": "1s", "action": "clock-step", "target": "leader", "by": "-721h"},
          {"at": "1s", "action": "clock-step", "target": "leader", "by": -40},
          {"at": "1s", "action": "clock-step", "target": "leader", "by": "5s", "for": "5s"}
        ]}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.faults[0]: missing required key \"by\"",
            "$.faults[1].by: expected a non-zero duration, got \"0s\"",
            "$.faults[2].by: expected a non-zero duration, got \"-0ms\"",
            "$.faults[3].by: \"abc\" is not a signed duration such as \"-40s\", \"+5s\" or \"5s\"",
            "$.faults[4].by: \"+-5s\" is not a signed duration such as \"-40s\", \"+5s\" or \"5s\"",
            "$.faults[5].by: \"-\" is not a signed duration such as \"-40s\", \"+5s\" or \"5s\"",
            "$.faults[6].by: \"-40\" has no unit; add one of us, ms, s, m, h (e.g. \"30s\")",
            "$.faults[7].by: \"-40d\" has an unknown unit \"d\"; expected one of us, ms, s, m, h",
            "$.faults[8].by: \"-1.5us\" is finer than a microsecond, the simulator's resolution",
            "$.faults[9].by: expected a duration of at most 30 days (\"720h\") either way, got \"-721h\"",
            "$.faults[10].by: expected a signed duration such as \"-40s\", \"+5s\" or \"5s\", got number -40",
            "$.faults[11].for: key \"for\" is not allowed with action \"clock-step\"; allowed keys: action, at, by, target, within",
        ])
    }

    func testOnlyStoppingOrKillingTheLeaderWhollyExpectsAFailover() {
        for action in ["kill-patroni", "kill-postgres"] {
            let json = #"{"name": "x", "faults": [{"at": "1s", "action": "\#(action)", "target": "leader"}]}"#
            XCTAssertEqual(decodedScenario(json)?.expectations.expectsFailover, false, action)
        }
        let freeze = #"{"name": "x", "faults": [{"at": "1s", "action": "freeze", "target": "leader", "for": "60s"}]}"#
        XCTAssertEqual(decodedScenario(freeze)?.expectations.expectsFailover, false)
        let step = #"{"name": "x", "faults": [{"at": "1s", "action": "clock-step", "target": "leader", "by": "-40s"}]}"#
        XCTAssertEqual(decodedScenario(step)?.expectations.expectsFailover, false)
        let kill = #"{"name": "x", "faults": [{"at": "1s", "action": "kill-patroni", "target": "leader"}, {"at": "2s", "action": "kill", "target": "leader"}]}"#
        XCTAssertEqual(decodedScenario(kill)?.expectations.expectsFailover, true)
    }
}
