import ClusterSim
import XCTest

@testable import SimScenarios

/// Node clocks and the per-node fault actions in scenario files: `clock`, `break-postgres`,
/// `fix-postgres`, `slow-disk`, `fast-disk`, `reinit`.
final class ScenarioNodeFaultTests: XCTestCase {
    private func at(_ seconds: Int64) -> SimInstant { SimInstant(microseconds: seconds * 1_000_000) }

    func testANodeClockDecodes() {
        let json = #"{"name": "x", "cluster": {"nodes": [{"name": "a", "clock": {"offset": "-2s", "drift_ppm": 500}}, "b"]}}"#
        let nodes = decodedScenario(json)?.options.nodes
        XCTAssertEqual(nodes?.first?.clock, NodeClock(offset: .zero - .seconds(2), driftPPM: 500))
        XCTAssertEqual(nodes?.last?.clock, NodeClock())
    }

    func testBadNodeClocksAreReportedWithTheirPaths() {
        let json = """
        {"name": "x", "cluster": {"nodes": [
          {"name": "a", "clock": {"offset": 2, "drift_ppm": -950000}},
          {"name": "b", "clock": {"skew": "1s"}},
          {"name": "c", "clock": "fast"}
        ]}}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.cluster.nodes[0].clock.drift_ppm: expected an integer from -900000 to 9000000 (parts per million), got number -950000",
            "$.cluster.nodes[0].clock.offset: expected a signed duration such as \"-40s\", \"+5s\" or \"5s\", got number 2",
            "$.cluster.nodes[1].clock.skew: unknown key \"skew\"; allowed keys: drift_ppm, offset",
            "$.cluster.nodes[2].clock: expected an object, got string \"fast\"",
        ])
    }

    func testNodeFaultActionsDecodeWithTheirTargets() {
        let json = """
        {"name": "x", "faults": [
          {"at": "10s", "action": "break-postgres", "target": "leader"},
          {"at": "20s", "action": "fix-postgres", "target": "previous"},
          {"at": "30s", "action": "slow-disk", "target": "patroni2", "factor": 10, "for": "20s"},
          {"at": "40s", "action": "slow-disk", "target": "replica", "factor": 1000},
          {"at": "50s", "action": "fast-disk", "target": "previous"},
          {"at": "60s", "action": "reinit", "target": "patroni3"}
        ]}
        """
        XCTAssertEqual(decodedScenario(json)?.options.faults, [
            Fault(at: at(10), action: .breakPostgres(.leader)),
            Fault(at: at(20), action: .fixPostgres(.previous)),
            Fault(at: at(30), action: .slowDisk(.node(1, name: "patroni2"), factor: 10, for: .seconds(20))),
            Fault(at: at(40), action: .slowDisk(.replica, factor: 1_000, for: nil)),
            Fault(at: at(50), action: .fastDisk(.previous)),
            Fault(at: at(60), action: .reinit(.node(2, name: "patroni3"))),
        ])
    }

    func testBadSlowDiskFaultsAreReportedWithTheirPaths() {
        let json = """
        {"name": "x", "faults": [
          {"at": "10s", "action": "slow-disk", "target": "leader"},
          {"at": "20s", "action": "slow-disk", "target": "leader", "factor": 1},
          {"at": "30s", "action": "slow-disk", "target": "leader", "factor": 10, "for": "0s"},
          {"at": "40s", "action": "reinit", "target": "leader", "factor": 10}
        ]}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.faults[0]: missing required key \"factor\"",
            "$.faults[1].factor: expected an integer from 2 to 1000000 (times slower), got number 1",
            "$.faults[2].for: expected a duration greater than zero, got \"0s\"",
            "$.faults[3].factor: key \"factor\" is not allowed with action \"reinit\"; allowed keys: action, at, target, within",
        ])
    }

    func testSetConfigDecodesItsSettings() {
        let json = """
        {"name": "x", "faults": [
          {"at": "10s", "action": "set-config", "settings": {"ttl": 20, "loop_wait": 5, "retry_timeout": 5,
            "maximum_lag_on_failover": 0, "check_timeline": true, "primary_start_timeout": 0}}
        ]}
        """
        XCTAssertEqual(decodedScenario(json)?.options.faults, [
            Fault(at: at(10), action: .setConfig(DynamicConfigChange(ttl: 20, loopWait: 5, retryTimeout: 5, maximumLagOnFailover: 0,
                                                                     checkTimeline: true, primaryStartTimeout: 0))),
        ])
    }

    func testBadSetConfigFaultsAreReportedWithTheirPaths() {
        let json = """
        {"name": "x", "faults": [
          {"at": "10s", "action": "set-config"},
          {"at": "20s", "action": "set-config", "settings": {}},
          {"at": "30s", "action": "set-config", "settings": {"synchronous_mode": true, "tll": 20, "ttl": 0}},
          {"at": "40s", "action": "set-config", "target": "leader", "settings": "ttl=20"}
        ]}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.faults[0]: missing required key \"settings\"",
            "$.faults[1].settings: expected at least one of check_timeline, loop_wait, maximum_lag_on_failover, primary_start_timeout, retry_timeout, ttl, got an empty object",
            "$.faults[2].settings.synchronous_mode: \"synchronous_mode\" cannot be changed at run time in this model; set-config accepts check_timeline, loop_wait, maximum_lag_on_failover, primary_start_timeout, retry_timeout, ttl",
            "$.faults[2].settings.tll: unknown key \"tll\"; allowed keys: check_timeline, loop_wait, maximum_lag_on_failover, primary_start_timeout, retry_timeout, ttl (did you mean \"ttl\"?)",
            "$.faults[2].settings.ttl: expected an integer from 1 to 2592000 (seconds), got number 0",
            "$.faults[3].settings: expected an object of dynamic settings, got string \"ttl=20\"",
            "$.faults[3].target: key \"target\" is not allowed with action \"set-config\"; allowed keys: action, at, settings, within",
        ])
    }
}
