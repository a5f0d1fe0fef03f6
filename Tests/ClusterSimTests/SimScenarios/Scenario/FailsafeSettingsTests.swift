import ClusterSim
import XCTest

@testable import SimScenarios

/// `cluster.patroni.failsafe_mode` in scenario files, and the keys it shows in etcd.
final class FailsafeSettingsTests: XCTestCase {
    func testFailsafeModeIsOffUnlessGiven() {
        XCTAssertEqual(decodedScenario(#"{"name": "x"}"#)?.options.patroni.failsafeMode, false)
        XCTAssertEqual(decodedScenario(#"{"name": "x", "cluster": {"patroni": {"failsafe_mode": true}}}"#)?.options.patroni.failsafeMode, true)
        XCTAssertEqual(decodedScenario(#"{"name": "x", "cluster": {"patroni": {"failsafe_mode": false}}}"#)?.options.patroni.failsafeMode, false)
    }

    func testFailsafeModeMustBeABoolean() {
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "cluster": {"patroni": {"failsafe_mode": "on"}}}"#),
                       ["$.cluster.patroni.failsafe_mode: expected true or false, got string \"on\""])
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "cluster": {"patroni": {"failsafe_mode": 1}}}"#),
                       ["$.cluster.patroni.failsafe_mode: expected true or false, got number 1"])
    }

    func testTheFailsafeKeyIsPatronisJSONMapOfApiURLs() {
        let topology = FailsafeTopology(members: ["postgres-0", "postgres-1"])
        XCTAssertEqual(DCSValue.failsafe(topology).rendered,
                       #"{"postgres-0":"http://postgres-0:8008/patroni","postgres-1":"http://postgres-1:8008/patroni"}"#)
        XCTAssertTrue(topology.contains("postgres-1"))
        XCTAssertFalse(topology.contains("postgres-2"))
    }

    func testTheConfigKeyNamesFailsafeModeAndPauseOnlyWhenOn() {
        var config = DynamicConfig(ttl: 20, loopWait: 2, retryTimeout: 3, maximumLagOnFailover: 1_048_576)
        XCTAssertEqual(DCSValue.config(config).rendered,
                       #"{"loop_wait":2,"maximum_lag_on_failover":1048576,"retry_timeout":3,"ttl":20}"#)
        config.failsafeMode = true
        XCTAssertEqual(DCSValue.config(config).rendered,
                       #"{"failsafe_mode":true,"loop_wait":2,"maximum_lag_on_failover":1048576,"retry_timeout":3,"ttl":20}"#)
        config.pause = true
        XCTAssertEqual(DCSValue.config(config).rendered,
                       #"{"failsafe_mode":true,"loop_wait":2,"maximum_lag_on_failover":1048576,"pause":true,"retry_timeout":3,"ttl":20}"#)
    }
}
