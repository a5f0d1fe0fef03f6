@testable import ClusterSim
@testable import SimScenarios
import XCTest

/// Tests of `ComparisonTable` and `ComparisonRow` on hand-built summaries; the reports
/// come from `RenderFixtures` in TextReportTests.swift.
final class CompareTableTests: XCTestCase {
    private func at(_ tenths: Int64) -> SimInstant { RenderFixtures.at(tenths) }

    /// A failing Patroni run: failover 22.1 s, first write 22.4 s, one split brain.
    private func patroniRun() -> (name: String, summary: RunSummary) {
        (name: "leader-stop", summary: RenderFixtures.summary(RenderFixtures.fullReport()))
    }

    /// A passing run without faults, writes or failovers, under `ha: none`.
    private func quietRun() -> (name: String, summary: RunSummary) {
        var report = RenderFixtures.quietReport()
        report.ha = "none"
        report.seed = 7
        return (name: "quiet", summary: RenderFixtures.summary(report))
    }

    /// A manual failover with repeated violations of two invariants and a liveness failure.
    private func manualRun() -> (name: String, summary: RunSummary) {
        var report = RenderFixtures.livenessOnlyReport()
        report.ha = "manual"
        report.seed = 1234
        var record = RenderFixtures.completeFailover
        record.promotedAt = at(600 + 15_000)
        record.firstWriteAt = at(600 + 21_003)
        report.failovers = [record, RenderFixtures.completeFailover]
        report.writes.acked = 12
        report.writes.failed = 30_000
        report.writes.lost = 3
        report.writes.longestOutage = OutageWindow(from: at(600), until: at(600 + 21_003))
        report.violations = [
            Violation(invariant: .fencedPrimary, at: at(700), until: at(710), nodes: ["patroni1"], detail: "a"),
            Violation(invariant: .singleWritablePrimary, at: at(720), until: at(730), nodes: ["patroni1", "patroni2"], detail: "b"),
            Violation(invariant: .fencedPrimary, at: at(740), until: nil, nodes: ["patroni1"], detail: "c"),
            Violation(invariant: .liveness, at: at(1500), until: nil, nodes: [], detail: "d"),
        ]
        return (name: "manual-failover", summary: RenderFixtures.summary(report))
    }

    /// A run whose only failure is liveness.
    private func stuckRun() -> (name: String, summary: RunSummary) {
        (name: "stuck", summary: RenderFixtures.summary(RenderFixtures.livenessOnlyReport()))
    }

    // MARK: - Rows

    func testARowMeasuresTheFirstFailoverFromItsFault() {
        let row = ComparisonRow(name: "m", summary: manualRun().summary)
        XCTAssertEqual(row.failoverTime, .seconds(1_500))
        XCTAssertEqual(row.firstWriteTime, .micros(2_100_300_000))
        XCTAssertEqual(row.longestOutage, .micros(2_100_300_000))
        XCTAssertEqual(row.ha, "manual")
        XCTAssertEqual(row.seed, 1234)
        XCTAssertEqual(row.verdict, .failed)
    }

    func testARowWithoutAFailoverHasNoTimes() {
        let row = ComparisonRow(name: "q", summary: quietRun().summary)
        XCTAssertNil(row.failoverTime)
        XCTAssertNil(row.firstWriteTime)
        XCTAssertNil(row.longestOutage)
        XCTAssertEqual(row.violationsText, "none")
        XCTAssertEqual(row.verdict, .ok)
    }

    func testAFailoverWithoutAPromotionHasNoFailoverTime() {
        var report = RenderFixtures.fullReport()
        report.failovers = [RenderFixtures.stalledFailover, RenderFixtures.completeFailover]
        let row = ComparisonRow(name: "s", summary: RenderFixtures.summary(report))
        XCTAssertNil(row.failoverTime)
        XCTAssertNil(row.firstWriteTime)
    }

    func testViolationsAreCountedPerInvariantInTheOrderFirstBroken() {
        let row = ComparisonRow(name: "m", summary: manualRun().summary)
        XCTAssertEqual(row.violations, [
            .init(invariant: "fenced-primary", count: 2),
            .init(invariant: "single-writable-primary", count: 1),
            .init(invariant: "liveness", count: 1),
        ])
        XCTAssertEqual(row.violationsText, "fenced-primary\u{00D7}2, single-writable-primary\u{00D7}1, liveness\u{00D7}1")
    }

    func testTheVerdictDistinguishesALivenessOnlyFailure() {
        XCTAssertEqual(ComparisonRow(name: "s", summary: stuckRun().summary).verdict, .livenessFailed)
        XCTAssertEqual(RunVerdict.livenessFailed.rawValue, "liveness-failed")
    }

    // MARK: - Text

    func testTheTextTableHasAHeaderAndAlignedColumns() {
        let text = ComparisonTable.render([patroniRun(), quietRun(), manualRun(), stuckRun()], format: .text)
        XCTAssertEqual(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), [
            "scenario         ha       seed  failover  first write  longest outage  acked  failed  lost  violations                                               verdict",
            "leader-stop      patroni    42     22.1s        22.4s           22.1s   1650     140     0  single-writable-primary\u{00D7}1                                failed",
            "quiet            none        7         -            -               -      0       0     0  none                                                     ok",
            "manual-failover  manual   1234   1500.0s      2100.3s         2100.3s     12   30000     3  fenced-primary\u{00D7}2, single-writable-primary\u{00D7}1, liveness\u{00D7}1  failed",
            "stuck            patroni    42         -            -               -      0       0     0  liveness\u{00D7}1                                               liveness-failed",
            "",
        ])
    }

    /// The character offset of the first occurrence of `title` surrounded by spaces or
    /// the line's ends, in `header`.
    private func offset(of title: String, in header: String) -> Int? {
        let characters = Array(header)
        let target = Array(title)
        for start in 0...(characters.count - target.count) where Array(characters[start..<start + target.count]) == target {
            let before = start == 0 || characters[start - 1] == " "
            let after = start + target.count == characters.count || characters[start + target.count] == " "
            if before && after { return start }
        }
        return nil
    }

    func testEveryTextColumnStartsOrEndsAtItsHeadersOffsetInEveryLine() throws {
        let text = ComparisonTable.render([patroniRun(), quietRun(), manualRun()], format: .text)
        let lines = text.split(separator: "\n").map(String.init)
        let rows = lines.dropFirst().map { Array($0) }
        for title in ["ha", "violations", "verdict"] {
            let start = try XCTUnwrap(offset(of: title, in: lines[0]), title)
            for row in rows {
                XCTAssertEqual(row[start - 1], " ", "\(title) in \(String(row))")
                XCTAssertNotEqual(row[start], " ", "\(title) in \(String(row))")
            }
        }
        for title in ["seed", "failover", "first write", "longest outage", "acked", "failed", "lost"] {
            let end = try XCTUnwrap(offset(of: title, in: lines[0]), title) + title.count - 1
            for row in rows {
                XCTAssertNotEqual(row[end], " ", "\(title) in \(String(row))")
                XCTAssertEqual(row[end + 1], " ", "\(title) in \(String(row))")
            }
        }
    }

    func testNoTextLineEndsWithASpace() {
        let text = ComparisonTable.render([patroniRun(), quietRun(), manualRun(), stuckRun()], format: .text)
        XCTAssertTrue(text.hasSuffix("\n"))
        for line in text.split(separator: "\n") {
            XCTAssertFalse(line.hasSuffix(" "), "trailing space in \(line)")
        }
    }

    func testAnEmptyTextTableIsOnlyItsHeader() {
        XCTAssertEqual(ComparisonTable.render([], format: .text),
                       "scenario  ha  seed  failover  first write  longest outage  acked  failed  lost  violations  verdict\n")
    }

    // MARK: - CSV

    func testTheCSVHasAHeaderAndTimesInMillisecondsOrEmpty() {
        let csv = ComparisonTable.render([patroniRun(), quietRun()], format: .csv)
        XCTAssertEqual(csv, """
            scenario,ha,seed,failover_time_ms,first_write_ms,longest_outage_ms,writes_acked,writes_failed,writes_lost,violations,verdict
            leader-stop,patroni,42,22100,22400,22100,1650,140,0,single-writable-primary\u{00D7}1,failed
            quiet,none,7,,,,0,0,0,none,ok

            """)
    }

    func testCSVFieldsWithCommasQuotesOrLineBreaksAreQuotedAndQuotesDoubled() {
        var named = manualRun()
        named.name = #"lab "4", crash"#
        let csv = ComparisonTable.render([named], format: .csv)
        let record = csv.split(separator: "\n").map(String.init)[1]
        XCTAssertEqual(record, #""lab ""4"", crash",manual,1234,1500000,2100300,2100300,12,30000,3,"fenced-primary×2, single-writable-primary×1, liveness×1",failed"#)
    }

    func testTheCSVQuotingRulesFollowRFC4180() {
        XCTAssertEqual(ComparisonTable.csvField("plain"), "plain")
        XCTAssertEqual(ComparisonTable.csvField(""), "")
        XCTAssertEqual(ComparisonTable.csvField("a,b"), #""a,b""#)
        XCTAssertEqual(ComparisonTable.csvField(#"say "hi""#), #""say ""hi""""#)
        XCTAssertEqual(ComparisonTable.csvField("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(ComparisonTable.csvField("cr\r\nlf"), "\"cr\r\nlf\"")
        XCTAssertEqual(ComparisonTable.csvField("semi;colon 'quote'"), "semi;colon 'quote'")
    }

    // MARK: - JSON

    /// The rendered JSON parsed back, as an array of objects.
    private func parsedJSON(_ rows: [(name: String, summary: RunSummary)]) throws -> [JSONObject] {
        let text = ComparisonTable.render(rows, format: .json)
        XCTAssertTrue(text.hasSuffix("\n"))
        guard case .array(let elements) = try JSONParser.parse(text) else {
            XCTFail("not an array: \(text)")
            return []
        }
        return elements.compactMap { element in
            guard case .object(let object) = element else { return nil }
            return object
        }
    }

    func testTheJSONIsAnArrayOfObjectsWithTheDocumentedKeys() throws {
        let objects = try parsedJSON([patroniRun(), quietRun(), manualRun()])
        XCTAssertEqual(objects.count, 3)
        for object in objects {
            XCTAssertEqual(object.keys.sorted(), ComparisonTable.fieldNames.sorted())
        }
        XCTAssertEqual(objects[0]["scenario"], .string("leader-stop"))
        XCTAssertEqual(objects[0]["ha"], .string("patroni"))
        XCTAssertEqual(objects[0]["seed"], .int(42))
        XCTAssertEqual(objects[0]["failover_time_ms"], .int(22_100))
        XCTAssertEqual(objects[0]["first_write_ms"], .int(22_400))
        XCTAssertEqual(objects[0]["longest_outage_ms"], .int(22_100))
        XCTAssertEqual(objects[0]["writes_acked"], .int(1650))
        XCTAssertEqual(objects[0]["writes_failed"], .int(140))
        XCTAssertEqual(objects[0]["writes_lost"], .int(0))
        XCTAssertEqual(objects[0]["verdict"], .string("failed"))
        XCTAssertEqual(objects[0]["violations"], .object(JSONObject([("single-writable-primary", .int(1))])))
        XCTAssertEqual(objects[2]["violations"], .object(JSONObject([
            ("fenced-primary", .int(2)), ("liveness", .int(1)), ("single-writable-primary", .int(1)),
        ])))
    }

    func testMissingJSONTimesAreNullAndNoViolationsIsAnEmptyObject() throws {
        let object = try XCTUnwrap(try parsedJSON([quietRun()]).first)
        XCTAssertEqual(object["failover_time_ms"], .null)
        XCTAssertEqual(object["first_write_ms"], .null)
        XCTAssertEqual(object["longest_outage_ms"], .null)
        XCTAssertEqual(object["violations"], .object(JSONObject()))
        XCTAssertEqual(object["verdict"], .string("ok"))
    }

    func testTheJSONKeysAreWrittenSorted() {
        let text = ComparisonTable.render([patroniRun()], format: .json)
        let keys = text.split(separator: "\n")
            .filter { $0.hasPrefix("    \"") }
            .map { String($0.dropFirst(5).prefix { $0 != "\"" }) }
        XCTAssertEqual(keys.count, ComparisonTable.fieldNames.count)
        XCTAssertEqual(keys, keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    func testAnEmptyJSONTableIsAnEmptyArray() {
        XCTAssertEqual(ComparisonTable.render([], format: .json), "[]\n")
    }

    func testRenderingIsDeterministic() {
        for format in ComparisonTable.Format.allCases {
            let rows = [patroniRun(), manualRun()]
            XCTAssertEqual(ComparisonTable.render(rows, format: format), ComparisonTable.render(rows, format: format))
        }
    }
}
