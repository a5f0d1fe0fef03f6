import ClusterSim
import XCTest

@testable import SimScenarios

/// `expect.at`: checkpoints of the cluster's state, decoded and checked against snapshots.
final class CheckpointTests: XCTestCase {
    private func scenario(expect: String, faults: String = "[]") -> String {
        """
        {"name": "c", "duration": "90s",
         "cluster": {"nodes": ["pg1", "pg2"], "patroni": {"ttl": 30, "loop_wait": 10, "retry_timeout": 10}},
         "faults": \(faults),
         "expect": \(expect)}
        """
    }

    func testCheckpointsDecodeInTheFileOrder() throws {
        let json = scenario(expect: """
        {"at": [{"time": "T+10s", "leader": "pg2", "roles": {"pg2": "primary", "pg1": "stopped"}},
                {"time": "45s", "leader": null, "sync_standbys": ["pg2", "pg1"]}]}
        """)
        let checkpoints = try XCTUnwrap(decodedScenario(json)).expectations.checkpoints
        XCTAssertEqual(checkpoints.count, 2)
        XCTAssertEqual(checkpoints[0].time, .sinceFirstFault(.seconds(10)))
        XCTAssertEqual(checkpoints[0].leader, .named("pg2"))
        XCTAssertEqual(checkpoints[0].roles, [.init(node: "pg2", role: .primary), .init(node: "pg1", role: .stopped)])
        XCTAssertEqual(checkpoints[1].time, .sinceStart(.seconds(45)))
        XCTAssertEqual(checkpoints[1].leader, .noLeader)
        XCTAssertEqual(checkpoints[1].syncStandbys, ["pg1", "pg2"])
    }

    func testBadCheckpointsAreReportedByPath() {
        let problems = scenarioProblems(scenario(expect: """
        {"at": [{"time": "soon", "leader": "pg9"},
                {"roles": {"pg1": "leader", "pgx": "primary"}},
                {"time": "5s"},
                {"time": "5s", "sync_standbys": ["pg1", "pg1"]}]}
        """))
        XCTAssertEqual(problems, [
            "$.expect.at[0].leader: unknown node \"pg9\"; expected null or one of the nodes: pg1, pg2",
            "$.expect.at[0].time: expected a time such as \"45s\" (since the start) or \"T+10s\" (since the first fault), got string \"soon\"",
            "$.expect.at[1]: missing required key \"time\"",
            "$.expect.at[1].roles.pg1: expected one of \"primary\", \"replica\" or \"stopped\", got string \"leader\"",
            "$.expect.at[1].roles.pgx: unknown node \"pgx\"; expected one of the nodes: pg1, pg2",
            "$.expect.at[2]: expected at least one of \"leader\", \"roles\", \"sync_standbys\", \"sync_leader\" and \"sync_quorum\"",
            "$.expect.at[3].sync_standbys[1]: \"pg1\" is listed twice",
        ])
        XCTAssertTrue(scenarioProblems(scenario(expect: "{\"at\": {}}")).first?.hasPrefix("$.expect.at: expected a list of checkpoints") ?? false)
    }

    func testACheckpointHoldsOrFailsOnWhatTheRunShowsAtThatInstant() throws {
        let json = scenario(expect: """
        {"at": [{"time": "T+5s", "leader": "pg1", "roles": {"pg1": "stopped", "pg2": "replica"}},
                {"time": "T+45s", "leader": "pg2", "roles": {"pg2": "primary"}},
                {"time": "T+45s", "leader": "pg1", "roles": {"pg2": "replica"}}]}
        """, faults: #"[{"at": "40s", "action": "kill", "target": "pg1"}]"#)
        let summary = ScenarioRunner.run(try XCTUnwrap(decodedScenario(json)))
        let results = summary.expectations.filter { $0.check.hasPrefix("at[") }
        XCTAssertEqual(results.map(\.check), ["at[0].leader", "at[0].roles.pg1", "at[0].roles.pg2",
                                              "at[1].leader", "at[1].roles.pg2", "at[2].leader", "at[2].roles.pg2"])
        XCTAssertEqual(results.map(\.held), [true, true, true, true, true, false, false],
                       results.map { "\($0.check): \($0.actual)" }.joined(separator: "; "))
        XCTAssertEqual(results[5].expected, "pg1 at T+45.0s")
        XCTAssertEqual(results[5].actual, "pg2")
    }

    func testCheckpointsDoNotChangeTheRun() throws {
        let plain = try XCTUnwrap(decodedScenario(scenario(expect: "{}", faults: #"[{"at": "40s", "action": "kill", "target": "pg1"}]"#)))
        let checked = try XCTUnwrap(decodedScenario(scenario(expect: #"{"at": [{"time": "50s", "leader": "pg2"}]}"#,
                                                             faults: #"[{"at": "40s", "action": "kill", "target": "pg1"}]"#)))
        XCTAssertEqual(ScenarioRunner.run(plain).report, ScenarioRunner.run(checked).report)
    }
}
