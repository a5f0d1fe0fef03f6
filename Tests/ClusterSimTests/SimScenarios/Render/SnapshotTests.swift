import XCTest
@testable import ClusterSim
@testable import SimScenarios

/// `simrun run --at`: snapshots at chosen instants, without changing the run.
final class SnapshotTests: XCTestCase {
    func testSnapshotTimesParseAsDurationsOrOffsetsFromTheFirstFault() {
        XCTAssertEqual(SnapshotTime.parse("45s"), .sinceStart(.seconds(45)))
        XCTAssertEqual(SnapshotTime.parse("1.5m"), .sinceStart(.seconds(90)))
        XCTAssertEqual(SnapshotTime.parse("T+10s"), .sinceFirstFault(.seconds(10)))
        XCTAssertEqual(SnapshotTime.parse("T-500ms"), .sinceFirstFault(.zero - .millis(500)))
        XCTAssertEqual(SnapshotTime.parse("T0"), .sinceFirstFault(.zero))
        XCTAssertNil(SnapshotTime.parse("45"))
        XCTAssertNil(SnapshotTime.parse("T+"))
        XCTAssertNil(SnapshotTime.parse("-5s"))
        XCTAssertEqual(SnapshotTime.sinceFirstFault(.zero - .seconds(5)).instant(firstFault: SimInstant(microseconds: 2_000_000)), .zero)
    }

    func testSnapshotsAreTakenInTimeOrderAndLeaveTheRunUnchanged() throws {
        let scenario = try PictureFixtures.scenario("lab4-failover-crash")
        let plain = ScenarioRunner.run(scenario)
        let (summary, snapshots) = ScenarioRunner.run(scenario, snapshotsAt: [.sinceFirstFault(.seconds(40)), .sinceStart(.seconds(45))])
        XCTAssertEqual(summary, plain)
        let fault = try XCTUnwrap(plain.report.firstFaultAt)
        XCTAssertEqual(snapshots.map(\.at), [SimInstant(microseconds: 45_000_000), fault + .seconds(40)])
        XCTAssertEqual(snapshots[0].members.first { $0.role == .leader }?.name, "patroni2")
        XCTAssertTrue(snapshots[0].keys.contains { $0.key.hasSuffix("/leader") && $0.value == "patroni2" })
        XCTAssertEqual(snapshots[1].members.first { $0.role == .leader }?.name, "patroni3")
    }

    func testATimePastTheEndIsTakenAtTheEnd() throws {
        let scenario = try PictureFixtures.scenario("lab4-failover-stop")
        let (summary, snapshots) = ScenarioRunner.run(scenario, snapshotsAt: [.sinceFirstFault(.seconds(3600))])
        XCTAssertEqual(snapshots.map(\.at), [summary.report.endedAt])
        XCTAssertEqual(snapshots[0].members, summary.report.final.members)
    }

    func testTheTextShowsEachSnapshotBeforeTheFinalState() throws {
        let scenario = try PictureFixtures.scenario("lab4-failover-crash")
        let (summary, snapshots) = ScenarioRunner.run(scenario, snapshotsAt: [.sinceStart(.seconds(45)), .sinceFirstFault(.seconds(10))])
        let sections = SnapshotText.render(snapshots, firstFault: summary.report.firstFaultAt, scope: scenario.options.scope)
        let text = SnapshotText.inserting(sections, into: TextReport.render(summary, scope: scenario.options.scope))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try XCTUnwrap(lines.firstIndex(of: "State at T-21.6s (t=45.0s):"))
        let second = try XCTUnwrap(lines.firstIndex(of: "State at T+10.0s (t=76.6s):"))
        let final = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Final state at ") })
        XCTAssertLessThan(first, second)
        XCTAssertLessThan(second, final)
        XCTAssertEqual(lines[first + 1], "+ Cluster: postgres-cluster (7784464352423129441) -----------+")
        XCTAssertTrue(lines[first...second].contains("etcd keys (etcdctl get --prefix /service/postgres-cluster/):"))
        XCTAssertTrue(lines.last == "" && lines[lines.count - 2].hasPrefix("Reproduce: "))
    }

    func testTheJSONReportCarriesSnapshotsOnlyWhenAskedFor() throws {
        let scenario = try PictureFixtures.scenario("lab4-failover-stop")
        let (summary, snapshots) = ScenarioRunner.run(scenario, snapshotsAt: [.sinceStart(.seconds(45))])
        guard case .object(let with) = try JSONParser.parse(JSONReport.render(summary, snapshots: snapshots)),
              case .object(let without) = try JSONParser.parse(JSONReport.render(summary)) else {
            return XCTFail("the report is not an object")
        }
        guard case .array(let list)? = with["snapshots"], case .object(let first)? = list.first else {
            return XCTFail("no snapshots array")
        }
        XCTAssertEqual(first["at_ms"], .int(45_000))
        XCTAssertNotNil(first["members"])
        XCTAssertNil(without["snapshots"])
    }
}
