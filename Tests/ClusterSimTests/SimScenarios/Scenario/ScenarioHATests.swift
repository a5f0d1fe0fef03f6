import ClusterSim
import XCTest

@testable import SimScenarios

/// The `ha` field: policy names, policy objects, and the router each policy implies.
final class ScenarioHATests: XCTestCase {
    func testWithoutHAPatroniDecidesFailovers() {
        XCTAssertEqual(decodedScenario(#"{"name": "x"}"#)?.options.ha, .patroni)
        XCTAssertEqual(decodedScenario(#"{"name": "x", "ha": "patroni"}"#)?.options.ha, .patroni)
        XCTAssertEqual(decodedScenario(#"{"name": "x", "ha": {"policy": "patroni"}}"#)?.options.ha, .patroni)
    }

    func testAPolicyNameSelectsThePolicyWithTheDefaultsOfItsType() {
        XCTAssertEqual(decodedScenario(#"{"name": "x", "ha": "none"}"#)?.options.ha, .none(UnfencedPromotion()))
        XCTAssertEqual(decodedScenario(#"{"name": "x", "ha": "manual"}"#)?.options.ha, .manual(ManualOperator()))
        XCTAssertEqual(decodedScenario(#"{"name": "x", "ha": {"policy": "none"}}"#)?.options.ha, .none(UnfencedPromotion()))
        XCTAssertEqual(decodedScenario(#"{"name": "x", "ha": {"policy": "manual"}}"#)?.options.ha, .manual(ManualOperator()))
    }

    func testTheNonePolicyTakesItsCheckIntervalAndPromotionDelay() {
        let scenario = decodedScenario(#"{"name": "x", "ha": {"policy": "none", "check_interval": "2s", "promote_after": "45s"}}"#)
        var promotion = UnfencedPromotion()
        promotion.checkInterval = .seconds(2)
        promotion.promoteAfter = .seconds(45)
        XCTAssertEqual(scenario?.options.ha, .none(promotion))
    }

    func testTheManualPolicyTakesFixedDelaysAndRangesForEachStep() {
        let json = """
        {"name": "x", "ha": {"policy": "manual", "detection": ["1m", "2m"], "decision": "3m", "execution": ["10s", "10s"],
                             "verification": ["0s", "1m"], "application_update": ["5m", "1h"], "check_interval": "5s"}}
        """
        var human = ManualOperator()
        human.detection = DurationRange(min: .minutes(1), max: .minutes(2))
        human.decision = DurationRange(min: .minutes(3), max: .minutes(3))
        human.execution = DurationRange(min: .seconds(10), max: .seconds(10))
        human.verification = DurationRange(min: .zero, max: .minutes(1))
        human.applicationUpdate = DurationRange(min: .minutes(5), max: .minutes(60))
        human.checkInterval = .seconds(5)
        XCTAssertEqual(decodedScenario(json)?.options.ha, .manual(human))
    }

    func testAManualRangeMustPutTheShorterDelayFirst() {
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "ha": {"policy": "manual", "decision": ["10m", "5m"]}}"#),
                       ["$.ha.decision: expected min <= max, got min \"10m\" and max \"5m\""])
    }

    func testAManualDelayIsADurationOrAPairOfDurations() {
        let json = """
        {"name": "x", "ha": {"policy": "manual", "detection": ["5m"], "decision": 300, "execution": ["1s", 2],
                             "verification": ["1m", "2m", "3m"], "application_update": ["-1m", "1x"]}}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.ha.application_update[0]: \"-1m\" is negative; durations must be zero or more",
            "$.ha.application_update[1]: \"1x\" has an unknown unit \"x\"; expected one of us, ms, s, m, h",
            "$.ha.decision: expected a duration string such as \"5m\" or a two-element array [min, max] such as [\"5m\", \"10m\"], got number 300",
            "$.ha.detection: expected a duration string such as \"5m\" or a two-element array [min, max] such as [\"5m\", \"10m\"], got an array of 1 element",
            "$.ha.execution[1]: expected a duration string such as \"30s\", \"250ms\" or \"2m\", got number 2",
            "$.ha.verification: expected a duration string such as \"5m\" or a two-element array [min, max] such as [\"5m\", \"10m\"], got an array of 3 elements",
        ])
    }

    func testIntervalsAndThePromotionDelayMustBePositive() {
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "ha": {"policy": "none", "check_interval": "0s", "promote_after": "0ms"}}"#), [
            "$.ha.check_interval: expected a duration greater than zero, got \"0s\"",
            "$.ha.promote_after: expected a duration greater than zero, got \"0ms\"",
        ])
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "ha": {"policy": "manual", "check_interval": "0s"}}"#),
                       ["$.ha.check_interval: expected a duration greater than zero, got \"0s\""])
    }

    func testAnHAObjectAllowsOnlyTheKeysOfItsPolicy() {
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "ha": {"policy": "patroni", "promote_after": "30s"}}"#),
                       ["$.ha.promote_after: key \"promote_after\" is not allowed with policy \"patroni\"; allowed keys: policy"])
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "ha": {"policy": "none", "detection": "5m", "promote_afterr": "30s"}}"#), [
            "$.ha.detection: key \"detection\" is not allowed with policy \"none\"; allowed keys: check_interval, policy, promote_after",
            "$.ha.promote_afterr: unknown key \"promote_afterr\"; allowed keys: check_interval, policy, promote_after (did you mean \"promote_after\"?)",
        ])
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "ha": {"policy": "manual", "promote_after": "30s", "detecton": "5m"}}"#), [
            "$.ha.detecton: unknown key \"detecton\"; allowed keys: application_update, check_interval, decision, detection, execution, policy, verification (did you mean \"detection\"?)",
            "$.ha.promote_after: key \"promote_after\" is not allowed with policy \"manual\"; allowed keys: application_update, check_interval, decision, detection, execution, policy, verification",
        ])
    }

    func testAnHAObjectNeedsAKnownPolicy() {
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "ha": {"promote_after": "30s"}}"#), ["$.ha: missing required key \"policy\""])
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "ha": {"policy": "stolon", "quorum": 2}}"#), [
            "$.ha.policy: expected one of \"patroni\", \"none\" or \"manual\", got string \"stolon\"",
            "$.ha.quorum: unknown key \"quorum\"; allowed keys: application_update, check_interval, decision, detection, execution, policy, promote_after, verification",
        ])
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "ha": {"policy": true}}"#),
                       ["$.ha.policy: expected one of \"patroni\", \"none\" or \"manual\", got boolean true"])
    }

    func testHAIsAPolicyNameOrAnObject() {
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "ha": "Patroni"}"#),
                       ["$.ha: expected one of \"patroni\", \"none\" or \"manual\", got string \"Patroni\""])
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "ha": ["none"]}"#),
                       ["$.ha: expected one of \"patroni\", \"none\" or \"manual\", or an object such as {\"policy\": \"none\"}, got an array"])
    }

    func testPatroniSettingsAreAcceptedButUnusedWithoutPatroni() {
        for policy in ["none", "manual"] {
            let scenario = decodedScenario(#"{"name": "x", "ha": "\#(policy)", "cluster": {"patroni": {"ttl": 20, "watchdog": true}}}"#)
            XCTAssertEqual(scenario?.options.ha.name, policy)
            XCTAssertEqual(scenario?.options.patroni.ttl, 20)
        }
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "ha": "none", "cluster": {"patroni": {"ttl": 0}}}"#),
                       ["$.cluster.patroni.ttl: expected an integer from 1 to 2592000 (seconds), got number 0"])
    }

    func testTheManualPolicyDefaultsToAFixedConnectionString() {
        XCTAssertEqual(decodedScenario(#"{"name": "x", "ha": "manual"}"#)?.options.workload.router, .fixed)
        XCTAssertEqual(decodedScenario(#"{"name": "x", "ha": {"policy": "manual"}, "workload": {"writes_per_second": 5}}"#)?.options.workload.router, .fixed)
        XCTAssertEqual(decodedScenario(#"{"name": "x", "ha": "manual", "workload": {"router": "haproxy"}}"#)?.options.workload.router, .haproxy)
    }

    func testOtherPoliciesDefaultToHAProxyAndMayUseAFixedServer() {
        XCTAssertEqual(decodedScenario(#"{"name": "x"}"#)?.options.workload.router, .haproxy)
        XCTAssertEqual(decodedScenario(#"{"name": "x", "ha": "none"}"#)?.options.workload.router, .haproxy)
        XCTAssertEqual(decodedScenario(#"{"name": "x", "ha": "none", "workload": {"router": "fixed"}}"#)?.options.workload.router, .fixed)
        XCTAssertEqual(decodedScenario(#"{"name": "x", "workload": {"router": "fixed"}}"#)?.options.workload.router, .fixed)
    }
}
