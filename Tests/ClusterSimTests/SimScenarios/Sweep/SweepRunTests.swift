@testable import ClusterSim
@testable import SimScenarios
import XCTest

/// Small sweeps of the crash scenario: the same output for any number of threads, shards
/// that merge into the unsharded output, invalid points, and merge's checks.
final class SweepRunTests: XCTestCase {
    private static let crashScenario = LabScenarioTests.scenarioDirectory + "/lab4-failover-crash.json"

    /// Two grid points × three seeds, cut to 100 s of virtual time.
    private func smallSweep(grid: [String] = ["patroni.ttl=20,30"], seeds: Int = 3) throws -> Sweep {
        try Sweep.load(path: Self.crashScenario, sets: ["duration=100s"], grid: SweepGrid.parse(grid), seeds: SweepSeeds(count: seeds))
    }

    private func render(_ sweep: Sweep, _ records: [RunRecord]) -> [String] {
        ComparisonTable.Format.allCases.map { SweepTable.render(SweepSummary(plan: sweep.plan, records: records), format: $0) }
    }

    private func shardFile(_ sweep: Sweep, _ index: Int, of count: Int) throws -> SweepShardFile.Contents {
        let shard = try RunShard(index: index, count: count)
        let text = SweepShardFile.render(plan: sweep.plan, shard: shard, records: sweep.run(shard: shard, threads: 2))
        return try SweepShardFile.parse(Array(text.utf8), file: "shard-\(index).jsonl")
    }

    func testOneThreadAndTwoThreadsGiveTheSameBytes() throws {
        let sweep = try smallSweep()
        let one = sweep.run(threads: 1)
        let two = sweep.run(threads: 2)
        XCTAssertEqual(one, two)
        XCTAssertEqual(one.map(\.seed), [1, 2, 3, 1, 2, 3])
        XCTAssertEqual(one.map(\.point), [0, 0, 0, 1, 1, 1])
        XCTAssertEqual(render(sweep, one), render(sweep, two))
    }

    func testEveryCrashFailoverLiesInsideItsEnvelope() throws {
        let sweep = try smallSweep()
        let summary = SweepSummary(plan: sweep.plan, records: sweep.run(threads: 2))
        for point in summary.points {
            XCTAssertEqual(point.runs, 3)
            XCTAssertEqual(point.noFailover, 0, "point \(point.point.index)")
            XCTAssertEqual(point.outsideEnvelope, 0, "point \(point.point.index)")
            XCTAssertEqual(point.violations, [])
            XCTAssertEqual(point.point.envelope?.formula, .crash)
        }
        XCTAssertEqual(summary.points[0].point.note, "adjusted: loop_wait 10\u{2192}1, retry_timeout 10\u{2192}9")
        XCTAssertEqual(summary.points[1].point.note, "")
    }

    func testShardsMergeIntoTheUnshardedOutput() throws {
        let sweep = try smallSweep()
        let whole = render(sweep, sweep.run(threads: 2))
        let merged = try SweepMerge.combine([shardFile(sweep, 2, of: 2), shardFile(sweep, 1, of: 2)])
        XCTAssertEqual(merged.plan, sweep.plan)
        XCTAssertEqual(ComparisonTable.Format.allCases.map { SweepTable.render(merged, format: $0) }, whole)
    }

    func testAShardLineIsOneRunRecord() throws {
        let sweep = try smallSweep()
        let record = sweep.record(job: 4)
        let text = SweepShardFile.render(plan: sweep.plan, shard: try RunShard(index: 1, count: 1), records: [record])
        let lines = text.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[1].hasPrefix(#"{"assignments":["patroni.ttl=30"],"failover_ms":"#), String(lines[1]))
        XCTAssertTrue(lines[1].hasSuffix(#""point":1,"seed":2,"verdict":"ok","violations":{}}"#), String(lines[1]))
        XCTAssertEqual(try SweepShardFile.parse(Array(text.utf8), file: "x").records, [record])
    }

    func testAnInvalidPointIsMarkedAndNotRun() throws {
        let sweep = try smallSweep(grid: ["patroni.ttl=0,30"], seeds: 1)
        XCTAssertEqual(sweep.plan.runnablePoints, [1])
        XCTAssertEqual(sweep.plan.points[0].error, "$.cluster.patroni.ttl: expected an integer from 1 to 2592000 (seconds), got number 0")
        let records = sweep.run(threads: 2)
        XCTAssertEqual(records.map(\.point), [1])
        let text = SweepTable.render(SweepSummary(plan: sweep.plan, records: records), format: .text)
        XCTAssertTrue(text.contains("invalid: $.cluster.patroni.ttl: expected an integer"), text)
        XCTAssertTrue(text.contains("2 grid points (1 invalid) \u{00D7} 1 seed (1) = 1 run"), text)
    }

    func testABrokenScenarioIsTheScenariosError() {
        XCTAssertThrowsError(try Sweep.load(path: Self.crashScenario, sets: ["patroni.ttl=x"], grid: SweepGrid.parse([]), seeds: SweepSeeds(count: 1))) { error in
            XCTAssertEqual((error as? SweepError)?.exitCode, 65)
        }
    }

    // MARK: - Merge errors

    func testMergeRefusesMissingRepeatedAndForeignShards() throws {
        let sweep = try smallSweep(seeds: 1)
        let first = try shardFile(sweep, 1, of: 2)
        let second = try shardFile(sweep, 2, of: 2)
        XCTAssertThrowsError(try SweepMerge.combine([first])) { error in
            XCTAssertEqual((error as? SweepError)?.description, "missing shard 2/2: merge every shard of the sweep")
            XCTAssertEqual((error as? SweepError)?.exitCode, 65)
        }
        XCTAssertThrowsError(try SweepMerge.combine([first, second, first])) { error in
            XCTAssertEqual((error as? SweepError)?.description, "shard-1.jsonl: is shard 1/2, like shard-1.jsonl")
        }
        var cut = second
        cut.records.removeAll()
        XCTAssertThrowsError(try SweepMerge.combine([first, cut])) { error in
            XCTAssertEqual((error as? SweepError)?.description,
                           "shard-2.jsonl: 1 run is missing, the first point 1 (patroni.ttl=30) seed 1: was the shard cut short?")
        }
        let other = try smallSweep(grid: ["patroni.ttl=20,45"], seeds: 1)
        var foreign = try shardFile(other, 2, of: 2)
        foreign.file = "other.jsonl"
        XCTAssertThrowsError(try SweepMerge.combine([first, foreign])) { error in
            XCTAssertEqual((error as? SweepError)?.description, "other.jsonl: belongs to a different sweep than shard-1.jsonl (its grid differ)")
        }
    }

    func testAShardFileWithARunOfAnotherShardIsRefusedWithItsLine() throws {
        let sweep = try smallSweep(seeds: 1)
        let text = SweepShardFile.render(plan: sweep.plan, shard: try RunShard(index: 1, count: 2), records: [sweep.record(job: 1)])
        XCTAssertThrowsError(try SweepShardFile.parse(Array(text.utf8), file: "s.jsonl")) { error in
            XCTAssertEqual((error as? SweepError)?.description, "s.jsonl: line 2: point 1 seed 1 belongs to shard 2/2, not 1/2")
        }
        let valid = SweepShardFile.render(plan: sweep.plan, shard: try RunShard(index: 1, count: 2), records: [sweep.record(job: 0)])
        XCTAssertThrowsError(try SweepShardFile.parse(Array((valid + "{\"point\":").utf8), file: "s.jsonl")) { error in
            XCTAssertTrue((error as? SweepError)?.description.hasPrefix("s.jsonl: line 3: invalid JSON") == true, "\(error)")
        }
        XCTAssertThrowsError(try SweepShardFile.parse(Array("{}\n".utf8), file: "s.jsonl")) { error in
            XCTAssertTrue((error as? SweepError)?.description.contains("not a sweep shard header") == true, "\(error)")
        }
    }
}
