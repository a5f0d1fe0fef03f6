import ClusterSim
import XCTest

@testable import SimScenarios

/// The CLI's `--set KEY=VALUE` overrides applied to scenario documents.
final class ScenarioOverridesTests: XCTestCase {
    /// A small scenario document.
    private let document: JSONValue = {
        let text = """
        {"name": "base", "seed": 1,
         "cluster": {"nodes": ["patroni1", "patroni2", "patroni3"], "patroni": {"ttl": 30}},
         "faults": [{"at": "60s", "action": "stop", "target": "leader"}]}
        """
        do throws(JSONParseError) {
            return try JSONParser.parse(Array(text.utf8))
        } catch {
            preconditionFailure("the test document does not parse: \(error)")
        }
    }()

    /// `document` with `assignments` applied, failing the test when they are rejected.
    private func applied(_ assignments: [String], file: StaticString = #filePath, line: UInt = #line) -> JSONValue? {
        do throws(ScenarioError) {
            return try ScenarioOverrides.apply(assignments, to: document)
        } catch {
            XCTFail("rejected:\n\(error)", file: file, line: line)
            return nil
        }
    }

    /// The error lines for `assignments`, or an empty list (failing the test) when they apply.
    private func problems(_ assignments: [String], file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do throws(ScenarioError) {
            _ = try ScenarioOverrides.apply(assignments, to: document)
            XCTFail("accepted \(assignments)", file: file, line: line)
            return []
        } catch {
            XCTAssertEqual(error.file, "--set", file: file, line: line)
            return error.problems.map { "\($0.path): \($0.message)" }
        }
    }

    /// The value at `keys` below `value`, or nil.
    private func lookup(_ value: JSONValue?, _ keys: String...) -> JSONValue? {
        var current = value
        for key in keys {
            guard case .object(let object)? = current else { return nil }
            current = object[key]
        }
        return current
    }

    func testClusterSectionsMayDropTheClusterPrefix() {
        let short = applied(["patroni.ttl=20"])
        XCTAssertEqual(lookup(short, "cluster", "patroni", "ttl"), .int(20))
        let full = applied(["cluster.patroni.ttl=20"])
        XCTAssertEqual(short, full)
    }

    func testTopLevelAndNestedKeysAreSetAndMissingObjectsCreated() {
        let result = applied(["seed=7", "workload.writes_per_second=100", "postgres.version=13", "workload.haproxy.fall=2"])
        XCTAssertEqual(lookup(result, "seed"), .int(7))
        XCTAssertEqual(lookup(result, "workload", "writes_per_second"), .int(100))
        XCTAssertEqual(lookup(result, "workload", "haproxy", "fall"), .int(2))
        XCTAssertEqual(lookup(result, "cluster", "postgres", "version"), .int(13))
        XCTAssertEqual(lookup(result, "cluster", "patroni", "ttl"), .int(30))
    }

    func testValuesParseAsJSONOrFallBackToStrings() {
        let result = applied(["duration=60s", "cluster.patroni.use_pg_rewind=false", "description=\"quoted\"",
                              "expect.final_leader=null", "cluster.nodes=[\"a\",\"b\"]", "name=", "scope=with space"])
        XCTAssertEqual(lookup(result, "duration"), .string("60s"))
        XCTAssertEqual(lookup(result, "cluster", "patroni", "use_pg_rewind"), .bool(false))
        XCTAssertEqual(lookup(result, "description"), .string("quoted"))
        XCTAssertEqual(lookup(result, "expect", "final_leader"), .null)
        XCTAssertEqual(lookup(result, "cluster", "nodes"), .array([.string("a"), .string("b")]))
        XCTAssertEqual(lookup(result, "name"), .string(""))
        XCTAssertEqual(lookup(result, "cluster", "scope"), .string("with space"))
    }

    func testArrayIndicesReachIntoFaultsAndNodes() {
        let result = applied(["faults[0].at=70s", "nodes[1]=db2", "faults[0].target=patroni3"])
        guard case .array(let faults)? = lookup(result, "faults"), case .object(let fault)? = faults.first else {
            return XCTFail("faults is not an array of objects")
        }
        XCTAssertEqual(fault["at"], .string("70s"))
        XCTAssertEqual(fault["target"], .string("patroni3"))
        XCTAssertEqual(lookup(result, "cluster", "nodes"), .array([.string("patroni1"), .string("db2"), .string("patroni3")]))
    }

    func testLaterAssignmentsWinAndTheValueEqualsSignIsKept() {
        let result = applied(["seed=7", "seed=8", "description=a=b"])
        XCTAssertEqual(lookup(result, "seed"), .int(8))
        XCTAssertEqual(lookup(result, "description"), .string("a=b"))
    }

    func testEveryBadAssignmentIsReportedAndNamed() {
        XCTAssertEqual(problems(["seed", "=5", "faults[5].at=70s", "seed.x=1", "cluster[0]=1", "a..b=1", "faults[x]=1",
                                 "workload.haproxy[0]=1", "faults[99999999999]=1"]), [
            "$: --set \"=5\": expected KEY=VALUE with a dotted key such as patroni.ttl=20 or faults[0].at=70s",
            "$: --set \"a..b=1\": \"\" is not a key such as patroni, ttl or faults[0]",
            "$: --set \"faults[99999999999]=1\": \"faults[99999999999]\" is not a key such as patroni, ttl or faults[0]",
            "$: --set \"faults[x]=1\": \"faults[x]\" is not a key such as patroni, ttl or faults[0]",
            "$: --set \"seed\": expected KEY=VALUE with a dotted key such as patroni.ttl=20 or faults[0].at=70s",
            "$.cluster: --set \"cluster[0]=1\": cannot set element 0: $.cluster is an object, not an array",
            "$.faults[5]: --set \"faults[5].at=70s\": index 5 is out of range; $.faults has 1 element",
            "$.seed: --set \"seed.x=1\": cannot set key \"x\": $.seed is a number, not an object",
            "$.workload.haproxy: --set \"workload.haproxy[0]=1\": $.workload.haproxy does not exist, so it has no element 0",
        ])
    }

    func testAnOverriddenDocumentDecodesWithTheNewValues() {
        guard let result = applied(["patroni.ttl=20", "faults[0].at=90s", "seed=3"]) else { return }
        do throws(ScenarioError) {
            let scenario = try ScenarioDecoder.decode(result, file: "base.json")
            XCTAssertEqual(scenario.options.patroni.ttl, 20)
            XCTAssertEqual(scenario.options.seed, 3)
            XCTAssertEqual(scenario.options.faults.first?.at, SimInstant(microseconds: 90_000_000))
        } catch {
            XCTFail("rejected:\n\(error)")
        }
    }

    func testOverridesReachTheHAPolicyAndTheNewFaultKeys() {
        XCTAssertEqual(problems(["ha=manual", "ha.detection=1m"]),
                       ["$.ha: --set \"ha.detection=1m\": cannot set key \"detection\": $.ha is a string, not an object"])
        let assignments = ["ha.policy=manual", "ha.detection=[\"1m\",\"2m\"]", "faults[0].action=clock-step", "faults[0].by=-40s",
                           "patroni.watchdog=true"]
        guard let result = applied(assignments) else { return }
        do throws(ScenarioError) {
            let scenario = try ScenarioDecoder.decode(result, file: "base.json")
            var human = ManualOperator()
            human.detection = DurationRange(min: .minutes(1), max: .minutes(2))
            XCTAssertEqual(scenario.options.ha, .manual(human))
            XCTAssertEqual(scenario.options.workload.router, .fixed)
            XCTAssertEqual(scenario.options.faults.first?.action, .clockStep(.leader, by: .zero - .seconds(40)))
            XCTAssertEqual(scenario.options.patroni.watchdog.mode, .required)
        } catch {
            XCTFail("rejected:\n\(error)")
        }
    }
}
