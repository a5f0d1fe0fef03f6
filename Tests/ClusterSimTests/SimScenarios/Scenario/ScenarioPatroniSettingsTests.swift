import ClusterSim
import XCTest

@testable import SimScenarios

/// `cluster.patroni`'s synchronous replication and watchdog settings.
final class ScenarioPatroniSettingsTests: XCTestCase {
    func testSynchronousModesAreOffUnlessGiven() {
        let defaults = decodedScenario(#"{"name": "x"}"#)?.options.patroni
        XCTAssertEqual(defaults?.synchronousMode, false)
        XCTAssertEqual(defaults?.synchronousModeStrict, false)
        let strict = decodedScenario(#"{"name": "x", "cluster": {"patroni": {"synchronous_mode": true, "synchronous_mode_strict": true}}}"#)
        XCTAssertEqual(strict?.options.patroni.synchronousMode, true)
        XCTAssertEqual(strict?.options.patroni.synchronousModeStrict, true)
    }

    func testWatchdogTrueRequiresTheDeviceAndFalseTurnsItOff() {
        XCTAssertEqual(decodedScenario(#"{"name": "x"}"#)?.options.patroni.watchdog, WatchdogSettings())
        var required = WatchdogSettings()
        required.mode = .required
        XCTAssertEqual(decodedScenario(#"{"name": "x", "cluster": {"patroni": {"watchdog": true}}}"#)?.options.patroni.watchdog, required)
        XCTAssertEqual(decodedScenario(#"{"name": "x", "cluster": {"patroni": {"watchdog": false}}}"#)?.options.patroni.watchdog, WatchdogSettings())
    }

    func testAWatchdogObjectSetsTheModeAndTheSafetyMargin() {
        let json = #"{"name": "x", "cluster": {"patroni": {"watchdog": {"mode": "automatic", "safety_margin": -1}}}}"#
        var expected = WatchdogSettings()
        expected.mode = .automatic
        expected.safetyMargin = -1
        XCTAssertEqual(decodedScenario(json)?.options.patroni.watchdog, expected)
        let onlyMode = decodedScenario(#"{"name": "x", "cluster": {"patroni": {"watchdog": {"mode": "required"}}}}"#)
        XCTAssertEqual(onlyMode?.options.patroni.watchdog.mode, .required)
        XCTAssertEqual(onlyMode?.options.patroni.watchdog.safetyMargin, WatchdogSettings().safetyMargin)
    }

    func testBadSynchronousAndWatchdogSettingsAreReported() {
        let json = """
        {"name": "x", "cluster": {"patroni": {"synchronous_mode": "sometimes", "synchronous_mode_strict": 1,
                                              "watchdog": {"mode": "on", "safety_margin": -2, "device": "/dev/watchdog"}}}}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.cluster.patroni.synchronous_mode: expected true, false, \"on\", \"off\" or \"quorum\", got string \"sometimes\"",
            "$.cluster.patroni.synchronous_mode_strict: expected true or false, got number 1",
            "$.cluster.patroni.watchdog.device: unknown key \"device\"; allowed keys: mode, safety_margin",
            "$.cluster.patroni.watchdog.mode: expected one of \"off\", \"automatic\" or \"required\", got string \"on\"",
            "$.cluster.patroni.watchdog.safety_margin: expected an integer from -1 to 2592000 (seconds), got number -2",
        ])
    }

    func testAWatchdogObjectNeedsAMode() {
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "cluster": {"patroni": {"watchdog": {"safety_margin": 5}}}}"#),
                       ["$.cluster.patroni.watchdog: missing required key \"mode\""])
    }

    func testTheWatchdogIsABooleanOrAnObject() {
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "cluster": {"patroni": {"watchdog": "required"}}}"#), [
            "$.cluster.patroni.watchdog: expected true, false or an object such as {\"mode\": \"automatic\", \"safety_margin\": 5}, got string \"required\"",
        ])
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "cluster": {"patroni": {"watchdog": {"mode": "off", "safety_margin": 1e10}}}}"#),
                       ["$.cluster.patroni.watchdog.safety_margin: expected an integer from -1 to 2592000 (seconds), got number 1e10"])
    }
}
