import XCTest
@testable import ClusterSim
@testable import SimScenarios

/// `simrun diff`: two runs side by side, differences marked.
final class DiffTests: XCTestCase {
    private func side(_ label: String, _ overrides: [String] = []) throws -> RunDiff.Side {
        let scenario = try PictureFixtures.scenario("lab4-failover-crash", overrides: overrides)
        return RunDiff.Side(label: label, summary: ScenarioRunner.run(scenario, overrides: overrides))
    }

    func testIdenticalSidesDifferNowhere() throws {
        let a = try side("A")
        let rows = RunDiff.rows(a, a)
        XCTAssertFalse(rows.contains(where: \.differs))
        XCTAssertTrue(RunDiff.render(a, a, format: .text).contains("\nNo differences.\n"))
    }

    func testAShorterTTLShortensEveryPhaseAndIsMarked() throws {
        let a = try side("A")
        let b = try side("B", ["patroni.ttl=20"])
        let rows = RunDiff.rows(a, b)
        let differing = rows.filter(\.differs).map(\.name)
        for name in ["timers", "leader key gone", "promoted (read-write)", "first write acked", "longest write outage", "writes failed"] {
            XCTAssertTrue(differing.contains(name), "\(name) should differ")
        }
        for name in ["scenario", "seed", "fault", "writes lost", "violations", "verdict"] {
            XCTAssertFalse(differing.contains(name), "\(name) should not differ")
        }
        let promoted = try XCTUnwrap(rows.first { $0.name == "promoted (read-write)" })
        XCTAssertEqual(promoted.a, "+28.0s (timeline 2)")
        XCTAssertTrue(promoted.change?.hasPrefix("\u{2212}") ?? false, "B is faster: \(promoted)")
        let text = RunDiff.render(a, b, format: .text)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("* promoted (read-write)") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("  writes lost") })
        XCTAssertEqual(lines[0], "A")
        XCTAssertTrue(lines.contains { $0.hasPrefix("B: swift run simrun run") && $0.hasSuffix("--set patroni.ttl=20") })
    }

    func testTheJSONFormHasOneObjectPerRow() throws {
        let a = try side("A")
        let b = try side("B", ["patroni.ttl=20"])
        guard case .object(let document) = try JSONParser.parse(RunDiff.render(a, b, format: .json)),
              case .array(let rows)? = document["rows"] else {
            return XCTFail("no rows")
        }
        XCTAssertEqual(rows.count, RunDiff.rows(a, b).count)
        guard case .object(let timers)? = rows.first(where: { if case .object(let o) = $0 { return o["row"] == .string("timers") } else { return false } }) else {
            return XCTFail("no timers row")
        }
        XCTAssertEqual(timers["differs"], .bool(true))
        XCTAssertEqual(timers["change"], .null)
    }
}
