import ClusterSim
import Foundation
import XCTest

@testable import SimScenarios

/// `expect.at[].sync_leader`: the leader the `/sync` key names at an instant.
final class SyncCheckpointTests: XCTestCase {
    private func scenario(_ checkpoints: String) -> String {
        """
        {"name": "c", "duration": "60s",
         "cluster": {"nodes": ["pg1", "pg2"], "patroni": {"loop_wait": 2, "synchronous_mode": true}},
         "faults": [{"at": "1ms", "action": "stop", "target": "pg2"}, {"at": "10s", "action": "start", "target": "pg2"}],
         "expect": {"at": \(checkpoints)}}
        """
    }

    func testTheSyncLeaderIsCheckedAgainstTheSyncKey() throws {
        let json = scenario(#"[{"time": "30s", "sync_leader": "pg1", "sync_standbys": ["pg2"]}, {"time": "30s", "sync_leader": "pg2"}]"#)
        let summary = ScenarioRunner.run(try XCTUnwrap(decodedScenario(json)))
        let results = summary.expectations.filter { $0.check.hasPrefix("at[") }
        XCTAssertEqual(results.map(\.check), ["at[0].sync_leader", "at[0].sync_standbys", "at[1].sync_leader"])
        XCTAssertEqual(results.map(\.held), [true, true, false], results.map { "\($0.check): \($0.actual)" }.joined(separator: "; "))
        XCTAssertEqual(results[2].actual, "pg1")
    }

    func testTheSyncQuorumIsCheckedInQuorumMode() throws {
        let json = scenario(#"[{"time": "30s", "sync_quorum": 0}, {"time": "30s", "sync_quorum": 1}]"#)
            .replacingOccurrences(of: #""synchronous_mode": true"#, with: #""synchronous_mode": "quorum""#)
        let summary = ScenarioRunner.run(try XCTUnwrap(decodedScenario(json)))
        let results = summary.expectations.filter { $0.check.hasPrefix("at[") }
        XCTAssertEqual(results.map(\.check), ["at[0].sync_quorum", "at[1].sync_quorum"])
        XCTAssertEqual(results.map(\.held), [true, false], results.map { "\($0.check): \($0.actual)" }.joined(separator: "; "))
    }

    func testPriorityModeHasNoQuorumToCheck() throws {
        let summary = ScenarioRunner.run(try XCTUnwrap(decodedScenario(scenario(#"[{"time": "30s", "sync_quorum": 0}]"#))))
        let result = try XCTUnwrap(summary.expectations.first { $0.check == "at[0].sync_quorum" })
        XCTAssertFalse(result.held)
        XCTAssertEqual(result.actual, "no quorum in /sync")
    }

    func testABadSyncLeaderIsReportedByPath() {
        XCTAssertEqual(scenarioProblems(scenario(#"[{"time": "5s", "sync_leader": "pg9"}, {"time": "5s", "sync_leader": null}]"#)), [
            "$.expect.at[0].sync_leader: unknown node \"pg9\"; expected one of the nodes: pg1, pg2",
            "$.expect.at[1].sync_leader: expected a node name, got null",
        ])
        XCTAssertEqual(scenarioProblems(scenario(#"[{"time": "5s", "sync_quorum": -1}]"#)),
                       ["$.expect.at[0].sync_quorum: expected an integer from 0 to 9, got number -1"])
    }
}
