@testable import ClusterSim
@testable import SimScenarios
import XCTest

/// `--grid` parsing, the grid's point order, shards and the nearest-rank percentile.
final class SweepGridTests: XCTestCase {
    private func values(_ spec: String) throws -> [String] {
        try SweepAxis.parse(spec).values
    }

    private func gridError(_ spec: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try SweepGrid.parse([spec])
            XCTFail("\(spec) should be rejected", file: file, line: line)
            return ""
        } catch {
            XCTAssertTrue(error.isUsage, file: file, line: line)
            XCTAssertEqual(error.exitCode, 64, file: file, line: line)
            return error.description
        }
    }

    // MARK: - Axes

    func testAListGivesItsValuesInOrder() throws {
        let axis = try SweepAxis.parse("patroni.ttl=20,30,45")
        XCTAssertEqual(axis.key, "patroni.ttl")
        XCTAssertEqual(axis.values, ["20", "30", "45"])
        XCTAssertEqual(axis.assignment(2), "patroni.ttl=45")
    }

    func testAnIntegerRangeIncludesBothEndsWhenTheStepLandsOnThem() throws {
        XCTAssertEqual(try values("patroni.ttl=10..60/10"), ["10", "20", "30", "40", "50", "60"])
        XCTAssertEqual(try values("patroni.ttl=10..25/10"), ["10", "20"])
        XCTAssertEqual(try values("patroni.loop_wait=1..4"), ["1", "2", "3", "4"])
        XCTAssertEqual(try values("workload.start_at=-2..2/2"), ["-2", "0", "2"])
    }

    func testADurationRangeIsWrittenInTheLargestExactUnit() throws {
        XCTAssertEqual(try values("faults[0].at=10s..60s/10s"), ["10s", "20s", "30s", "40s", "50s", "1m"])
        XCTAssertEqual(try values("postgres.promote=500ms..2s/500ms"), ["500ms", "1s", "1500ms", "2s"])
    }

    func testListsAndRangesMix() throws {
        XCTAssertEqual(try values("patroni.ttl=15,20..30/5,45"), ["15", "20", "25", "30", "45"])
    }

    func testCommasInsideJSONValuesDoNotSplit() throws {
        XCTAssertEqual(try values(#"faults[0].from=["etcd"],["etcd","nodes"]"#), [#"["etcd"]"#, #"["etcd","nodes"]"#])
        XCTAssertEqual(try values(#"name="a,b",c"#), [#""a,b""#, "c"])
    }

    func testMalformedSpecificationsSayWhatIsWrong() {
        XCTAssertTrue(gridError("patroni.ttl").contains("expected KEY=VALUES"))
        XCTAssertTrue(gridError("=20").contains("expected KEY=VALUES"))
        XCTAssertTrue(gridError("patroni..ttl=20").contains("is not a dotted key"))
        XCTAssertTrue(gridError("patroni.ttl=20,,30").contains("value 2 is empty"))
        XCTAssertTrue(gridError("patroni.ttl=").contains("value 1 is empty"))
        XCTAssertTrue(gridError("patroni.ttl=20,20").contains("given twice"))
        XCTAssertTrue(gridError("patroni.ttl=10..60/0").contains("the step must be above zero"))
        XCTAssertTrue(gridError("patroni.ttl=60..10/10").contains("the range is empty"))
        XCTAssertTrue(gridError("patroni.ttl=10..60/x").contains("is not an integer"))
        XCTAssertTrue(gridError("patroni.ttl=10..60s/10s").contains("FROM..TO/STEP"))
        XCTAssertTrue(gridError("faults[0].at=10s..60s").contains("needs a step"))
        XCTAssertTrue(gridError("patroni.ttl=..60").contains("FROM..TO/STEP"))
        XCTAssertTrue(gridError("patroni.ttl=1..100000").contains("more than 1000 values"))
        XCTAssertTrue(gridError("seed=1,2").contains("--seeds and --first-seed"))
    }

    func testTheErrorQuotesTheSpecification() {
        XCTAssertEqual(gridError("patroni.ttl=20,,30"), #"--grid "patroni.ttl=20,,30": value 2 is empty; separate values with single commas"#)
    }

    // MARK: - Grids

    func testTheFirstAxisVariesSlowest() throws {
        let grid = try SweepGrid.parse(["patroni.ttl=20,30", "patroni.loop_wait=2,5,10"])
        XCTAssertEqual(grid.count, 6)
        XCTAssertEqual((0..<6).map { grid.assignments(of: $0).joined(separator: " ") }, [
            "patroni.ttl=20 patroni.loop_wait=2", "patroni.ttl=20 patroni.loop_wait=5", "patroni.ttl=20 patroni.loop_wait=10",
            "patroni.ttl=30 patroni.loop_wait=2", "patroni.ttl=30 patroni.loop_wait=5", "patroni.ttl=30 patroni.loop_wait=10",
        ])
    }

    func testAGridWithoutAxesHasOnePointWithoutAssignments() throws {
        let grid = try SweepGrid.parse([])
        XCTAssertEqual(grid.count, 1)
        XCTAssertEqual(grid.assignments(of: 0), [])
    }

    func testAFieldCannotBeSweptTwiceEvenThroughTheClusterShortcut() {
        XCTAssertThrowsError(try SweepGrid.parse(["patroni.ttl=20", "cluster.patroni.ttl=30"])) { error in
            XCTAssertTrue((error as? SweepError)?.description.contains("already swept") == true, "\(error)")
        }
    }

    func testAGridLargerThanTheLimitIsRefused() {
        XCTAssertThrowsError(try SweepGrid.parse(["a=1..200", "b=1..200"]))
    }

    // MARK: - Seeds and shards

    func testSeedsMustBePositiveAndFitIn64Bits() throws {
        XCTAssertEqual(try SweepSeeds(first: 7, count: 3).description, "7..9")
        XCTAssertThrowsError(try SweepSeeds(count: 0))
        XCTAssertThrowsError(try SweepSeeds(first: UInt64.max, count: 2))
        XCTAssertEqual(try SweepSeeds(first: UInt64.max, count: 1).last, UInt64.max)
    }

    func testShardsSplitTheJobsByIndexModuloTheirCount() throws {
        let shards = try (1...3).map { try RunShard(index: $0, count: 3) }
        for job in 0..<30 {
            XCTAssertEqual(shards.filter { $0.contains(job: job) }.map(\.index), [job % 3 + 1], "job \(job)")
        }
        XCTAssertEqual(try RunShard.parse("2/8"), try RunShard(index: 2, count: 8))
        for bad in ["0/4", "5/4", "1/0", "1", "a/b", "1/2/3", "-1/2"] {
            XCTAssertThrowsError(try RunShard.parse(bad), bad)
        }
    }

    // MARK: - Percentiles

    func testNearestRankPercentilesAreValuesOfTheSet() {
        let values = Array(Int64(1)...10)
        XCTAssertEqual(Percentile.nearestRank(values, percent: 50), 5)
        XCTAssertEqual(Percentile.nearestRank(values, percent: 90), 9)
        XCTAssertEqual(Percentile.nearestRank(values, percent: 99), 10)
        XCTAssertEqual(Percentile.nearestRank(values, percent: 100), 10)
        XCTAssertEqual(Percentile.nearestRank(values, percent: 1), 1)
        XCTAssertEqual(Percentile.nearestRank([42], percent: 50), 42)
        XCTAssertNil(Percentile.nearestRank([], percent: 50))
    }

    func testNearestRankOfAnEvenCountTakesTheLowerMiddle() {
        XCTAssertEqual(Percentile.nearestRank([10, 20, 30, 40], percent: 50), 20)
        XCTAssertEqual(Percentile.nearestRank([10, 20, 30, 40], percent: 51), 30)
        XCTAssertEqual(Percentile.nearestRank(Array(Int64(1)...200), percent: 99), 198)
    }

    func testQuantilesSortTheirInput() {
        let quantiles = SweepQuantiles([30, 10, 20])
        XCTAssertEqual(quantiles?.p50, 20)
        XCTAssertEqual(quantiles?.max, 30)
        XCTAssertNil(SweepQuantiles([]))
    }
}
