import XCTest
@testable import ClusterSim
@testable import SimScenarios

/// `cluster.patroni`'s settings for several synchronous standbys, and the `nosync` and
/// `sync_priority` node tags.
final class ScenarioSyncSettingsTests: XCTestCase {
    func testSynchronousNodeCountLagAndTagsAreRead() {
        let scenario = decodedScenario("""
        {"name": "x", "cluster": {"patroni": {"synchronous_mode": "on", "synchronous_node_count": 2, "maximum_lag_on_syncnode": 15000000},
                                   "nodes": ["a", {"name": "b", "tags": {"nosync": false, "sync_priority": 0}}, {"name": "c", "tags": {"sync_priority": 3}}]}}
        """)
        XCTAssertEqual(scenario?.options.patroni.synchronousMode, true)
        XCTAssertEqual(scenario?.options.patroni.synchronousNodeCount, 2)
        XCTAssertEqual(scenario?.options.patroni.maximumLagOnSyncnode, 15_000_000)
        XCTAssertEqual(scenario?.options.nodes.map(\.nosync), [nil, false, nil])
        XCTAssertEqual(scenario?.options.nodes.map(\.excludedFromSync), [false, false, false])
        XCTAssertEqual(scenario?.options.nodes.map(\.effectiveSyncPriority), [1, 0, 3])
        XCTAssertEqual(decodedScenario(#"{"name": "x", "cluster": {"patroni": {"synchronous_mode": "off"}}}"#)?.options.patroni.synchronousMode, false)
        let quorum = decodedScenario(#"{"name": "x", "cluster": {"patroni": {"synchronous_mode": "quorum"}}}"#)?.options.patroni
        XCTAssertEqual(quorum?.synchronousMode, true)
        XCTAssertEqual(quorum?.quorumCommit, true)
        XCTAssertEqual(scenario?.options.patroni.quorumCommit, false)
    }

    func testTheDefaultsAreOneSyncStandbyAndNoLagLimit() {
        let defaults = decodedScenario(#"{"name": "x"}"#)?.options
        XCTAssertEqual(defaults?.patroni.synchronousNodeCount, 1)
        XCTAssertEqual(defaults?.patroni.maximumLagOnSyncnode, -1)
        XCTAssertEqual(defaults?.nodes.first?.nosync, nil)
        XCTAssertEqual(defaults?.nodes.first?.syncPriority, 1)
    }

    func testNosyncWinsOverSyncPriorityAndPriorityZeroMeansNosync() {
        var node = NodeOptions(name: "a")
        node.syncPriority = 0
        XCTAssertTrue(node.excludedFromSync)
        node.nosync = true
        node.syncPriority = 2
        XCTAssertTrue(node.excludedFromSync)
        XCTAssertEqual(node.effectiveSyncPriority, 0)
    }

    func testBadSyncSettingsAreReportedWithTheirPaths() {
        let json = """
        {"name": "x", "cluster": {"patroni": {"synchronous_mode": "sometimes", "synchronous_node_count": 0, "maximum_lag_on_syncnode": -2},
                                   "nodes": [{"name": "a", "tags": {"nosync": "yes", "sync_priority": -1}}, "b"]}}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.cluster.nodes[0].tags.nosync: expected true or false, got string \"yes\"",
            "$.cluster.nodes[0].tags.sync_priority: expected a non-negative integer, got number -1",
            "$.cluster.patroni.maximum_lag_on_syncnode: expected an integer of at least -1 (bytes), got number -2",
            "$.cluster.patroni.synchronous_mode: expected true, false, \"on\", \"off\" or \"quorum\", got string \"sometimes\"",
            "$.cluster.patroni.synchronous_node_count: expected an integer from 1 to 9, got number 0",
        ])
    }
}
