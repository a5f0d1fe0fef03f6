@testable import ClusterSim
@testable import SimScenarios
import Foundation
import XCTest

/// Tests of `JSONReport`; the reports come from `RenderFixtures` in TextReportTests.swift.
final class JSONReportTests: XCTestCase {
    /// The rendered report for `report`, parsed back into a value.
    private func parsed(_ report: Report, expectations: [ExpectationResult] = RenderFixtures.passingExpectations) throws -> JSONValue {
        try JSONParser.parse(JSONReport.render(RenderFixtures.summary(report, expectations: expectations)))
    }

    /// The value at a dotted path such as `failovers.1.promoted_at_ms` (numbers index arrays).
    private func lookup(_ value: JSONValue, _ path: String) -> JSONValue? {
        var current = value
        for component in path.split(separator: ".") {
            switch current {
            case .object(let object):
                guard let next = object[String(component)] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(component), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    private func int(_ value: JSONValue?) -> Int64? {
        guard case .number(let number)? = value else { return nil }
        return number.int64Value
    }

    func testTheRenderedReportParsesBackAndNamesItsSchema() throws {
        let text = JSONReport.render(RenderFixtures.summary(RenderFixtures.fullReport()))
        XCTAssertTrue(text.hasSuffix("}\n"))
        let value = try JSONParser.parse(text)
        XCTAssertEqual(lookup(value, "schema"), .string("clustersim.report/1"))
        XCTAssertEqual(JSONReport.schema, "clustersim.report/1")
    }

    func testTheTopLevelFieldsCarryTheRunsIdentityAndOutcome() throws {
        let value = try parsed(RenderFixtures.fullReport())
        XCTAssertEqual(lookup(value, "scenario"), .string("leader-stop"))
        XCTAssertEqual(int(lookup(value, "seed")), 42)
        XCTAssertEqual(lookup(value, "ha"), .string("patroni"))
        XCTAssertEqual(lookup(value, "outcome"), .string("completed"))
        XCTAssertEqual(int(lookup(value, "ended_at_ms")), 180_000)
        XCTAssertEqual(int(lookup(value, "events_handled")), 123_456)
        XCTAssertEqual(int(lookup(value, "first_fault_at_ms")), 60_000)
        XCTAssertEqual(lookup(value, "reproduce"), .string("simrun run leader-stop --seed 42"))
    }

    func testTheSeedIsWrittenExactlyEvenAboveTheRangeOfADouble() {
        var report = RenderFixtures.fullReport()
        report.seed = UInt64.max
        XCTAssertTrue(JSONReport.render(RenderFixtures.summary(report)).contains(#""seed": 18446744073709551615,"#))
    }

    func testTimersAreInSecondsWithFractionsOnlyWhenNeeded() throws {
        var report = RenderFixtures.fullReport()
        report.timers.loopWait = .millis(2_500)
        report.timers.warnings = ["loop_wait adjusted"]
        let value = try parsed(report)
        XCTAssertEqual(lookup(value, "timers.ttl_s"), .int(30))
        XCTAssertEqual(lookup(value, "timers.loop_wait_s"), .double(2.5))
        XCTAssertEqual(lookup(value, "timers.retry_timeout_s"), .int(10))
        XCTAssertEqual(lookup(value, "timers.warnings"), .array([.string("loop_wait adjusted")]))
    }

    func testTimelineEntriesHaveIntegerMillisecondsAndANullHostForTheCluster() throws {
        let value = try parsed(RenderFixtures.fullReport())
        XCTAssertEqual(int(lookup(value, "timeline.0.at_ms")), 55_000)
        XCTAssertEqual(lookup(value, "timeline.0.host"), .string("patroni1"))
        XCTAssertEqual(lookup(value, "timeline.1.host"), .null)
        XCTAssertEqual(lookup(value, "timeline.2.kind"), .string("lock-acquired"))
        XCTAssertEqual(lookup(value, "timeline.2.message"), .string("acquired the leader lock"))
    }

    func testACompleteFailoverHasEveryPhaseAndItsFailoverTime() throws {
        let value = try parsed(RenderFixtures.fullReport())
        let expected: [(String, Int64)] = [
            ("fault_at_ms", 60_000), ("leader_key_gone_at_ms", 81_600), ("lock_acquired_at_ms", 81_600),
            ("promoted_at_ms", 82_100), ("first_write_at_ms", 82_400), ("replicas_following_at_ms", 95_000),
            ("failover_time_ms", 22_100), ("timeline", 2),
        ]
        for (field, milliseconds) in expected {
            XCTAssertEqual(int(lookup(value, "failovers.0.\(field)")), milliseconds, field)
        }
        XCTAssertEqual(lookup(value, "failovers.0.fault"), .string("stop leader"))
        XCTAssertEqual(lookup(value, "failovers.0.old_leader"), .string("patroni1"))
        XCTAssertEqual(lookup(value, "failovers.0.new_leader"), .string("patroni3"))
        XCTAssertEqual(lookup(value, "failovers.0.leader_key_gone_how"), .string("expired"))
    }

    func testMissingFailoverPhasesAreWrittenAsNull() throws {
        let value = try parsed(RenderFixtures.fullReport())
        for field in [
            "new_leader", "leader_key_gone_at_ms", "leader_key_gone_how", "lock_acquired_at_ms", "promoted_at_ms",
            "first_write_at_ms", "replicas_following_at_ms", "failover_time_ms", "timeline",
        ] {
            XCTAssertEqual(lookup(value, "failovers.1.\(field)"), .null, field)
        }
        XCTAssertEqual(int(lookup(value, "failovers.1.fault_at_ms")), 120_000)
    }

    func testAQuietRunWritesNullsForItsMissingValuesAndEmptyArrays() throws {
        let value = try parsed(RenderFixtures.quietReport(), expectations: [])
        XCTAssertEqual(lookup(value, "first_fault_at_ms"), .null)
        XCTAssertEqual(lookup(value, "writes.longest_outage"), .null)
        XCTAssertEqual(lookup(value, "final.system_identifier"), .null)
        XCTAssertEqual(lookup(value, "failovers"), .array([]))
        XCTAssertEqual(lookup(value, "violations"), .array([]))
        XCTAssertEqual(lookup(value, "expectations"), .array([]))
        XCTAssertEqual(lookup(value, "writes.failures_by_reason"), .array([]))
        XCTAssertEqual(lookup(value, "final.etcd_keys"), .array([]))
        XCTAssertEqual(lookup(value, "verdict"), .string("ok"))
    }

    func testWritesCarryCountsReasonsAndTheLongestOutage() throws {
        let value = try parsed(RenderFixtures.fullReport())
        XCTAssertEqual(int(lookup(value, "writes.attempted")), 1800)
        XCTAssertEqual(int(lookup(value, "writes.acked")), 1650)
        XCTAssertEqual(int(lookup(value, "writes.failed")), 140)
        XCTAssertEqual(int(lookup(value, "writes.pending")), 10)
        XCTAssertEqual(int(lookup(value, "writes.lost")), 0)
        XCTAssertEqual(lookup(value, "writes.failures_by_reason.0.reason"), .string("connection refused"))
        XCTAssertEqual(int(lookup(value, "writes.failures_by_reason.0.count")), 95)
        XCTAssertEqual(int(lookup(value, "writes.longest_outage.from_ms")), 60_300)
        XCTAssertEqual(int(lookup(value, "writes.longest_outage.until_ms")), 82_400)
        XCTAssertEqual(int(lookup(value, "writes.longest_outage.length_ms")), 22_100)
    }

    func testViolationsCarryTheirWindowAndAnOpenEndAsNull() throws {
        var report = RenderFixtures.fullReport()
        report.violations.append(Violation(invariant: .noLostAcknowledgedWrites, at: RenderFixtures.at(1300), until: nil, nodes: [], detail: "write 17 is missing"))
        let value = try parsed(report)
        XCTAssertEqual(lookup(value, "violations.0.invariant"), .string("single-writable-primary"))
        XCTAssertEqual(int(lookup(value, "violations.0.at_ms")), 120_500)
        XCTAssertEqual(int(lookup(value, "violations.0.until_ms")), 125_000)
        XCTAssertEqual(lookup(value, "violations.0.nodes"), .array([.string("patroni1"), .string("patroni3")]))
        XCTAssertEqual(lookup(value, "violations.0.detail"), .string("two primaries accepted writes"))
        XCTAssertEqual(lookup(value, "violations.1.until_ms"), .null)
    }

    func testEveryViolationCarriesTheReproduceCommand() throws {
        var report = RenderFixtures.fullReport()
        report.violations.append(Violation(invariant: .liveness, at: RenderFixtures.at(2100), until: nil, nodes: [], detail: "no convergence"))
        let value = try parsed(report)
        for index in 0..<2 {
            XCTAssertEqual(lookup(value, "violations.\(index).reproduce"), .string("simrun run leader-stop --seed 42"))
        }
    }

    func testLivenessCarriesItsWindowAndWhetherItHeld() throws {
        let value = try parsed(RenderFixtures.fullReport())
        XCTAssertEqual(int(lookup(value, "liveness.since_ms")), 120_000)
        XCTAssertEqual(int(lookup(value, "liveness.deadline_ms")), 210_000)
        XCTAssertEqual(int(lookup(value, "liveness.converged_at_ms")), 152_100)
        XCTAssertEqual(lookup(value, "liveness.decided"), .bool(false))
        XCTAssertEqual(lookup(value, "liveness.held"), .bool(true))
    }

    func testALivenessFailureHasANullConvergenceAndFailsTheVerdict() throws {
        let value = try parsed(RenderFixtures.livenessOnlyReport())
        XCTAssertEqual(lookup(value, "liveness.converged_at_ms"), .null)
        XCTAssertEqual(lookup(value, "liveness.decided"), .bool(true))
        XCTAssertEqual(lookup(value, "liveness.held"), .bool(false))
        XCTAssertEqual(lookup(value, "violations.0.invariant"), .string("liveness"))
        XCTAssertEqual(lookup(value, "verdict"), .string("failed"))
    }

    func testTheHAPolicyIsWrittenAsGiven() throws {
        var report = RenderFixtures.fullReport()
        report.ha = "none"
        XCTAssertEqual(lookup(try parsed(report), "ha"), .string("none"))
    }

    func testTheFinalSnapshotListsMembersAndEtcdKeys() throws {
        let value = try parsed(RenderFixtures.fullReport())
        XCTAssertEqual(int(lookup(value, "final.at_ms")), 180_000)
        XCTAssertEqual(lookup(value, "final.system_identifier"), .string("7318483939484837267"))
        XCTAssertEqual(lookup(value, "final.members.0.name"), .string("patroni1"))
        XCTAssertEqual(int(lookup(value, "final.members.0.lag_bytes")), 3_500_000)
        XCTAssertEqual(int(lookup(value, "final.members.0.lsn")), 50_000_000)
        XCTAssertEqual(lookup(value, "final.members.2.lag_bytes"), .null)
        XCTAssertEqual(lookup(value, "final.members.3.timeline"), .null)
        XCTAssertEqual(lookup(value, "final.members.3.role"), .string(""))
        XCTAssertEqual(lookup(value, "final.members.3.registered"), .bool(false))
        XCTAssertEqual(lookup(value, "final.etcd_keys.0.lease"), .null)
        XCTAssertEqual(int(lookup(value, "final.etcd_keys.1.lease")), 7_587_869_211_234_567)
        XCTAssertEqual(lookup(value, "final.etcd_keys.1.value"), .string("patroni3"))
    }

    func testTheVerdictIsFailedWhenThereIsAViolationOrAFailedExpectation() throws {
        XCTAssertEqual(lookup(try parsed(RenderFixtures.fullReport()), "verdict"), .string("failed"))
        let missed = [ExpectationResult(check: "writes.lost", expected: "== 0", actual: "3", held: false)]
        let value = try parsed(RenderFixtures.quietReport(), expectations: missed)
        XCTAssertEqual(lookup(value, "verdict"), .string("failed"))
        XCTAssertEqual(lookup(value, "expectations.0.check"), .string("writes.lost"))
        XCTAssertEqual(lookup(value, "expectations.0.expected"), .string("== 0"))
        XCTAssertEqual(lookup(value, "expectations.0.actual"), .string("3"))
        XCTAssertEqual(lookup(value, "expectations.0.held"), .bool(false))
    }

    func testTopLevelKeysAreWrittenInSortedOrder() {
        let text = JSONReport.render(RenderFixtures.summary(RenderFixtures.fullReport()))
        let topLevelKeys = text.split(separator: "\n")
            .filter { $0.hasPrefix("  \"") }
            .map { $0.dropFirst(3).prefix { $0 != "\"" } }
            .map(String.init)
        XCTAssertEqual(topLevelKeys.count, 18)
        XCTAssertEqual(topLevelKeys, topLevelKeys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    // MARK: - The schema document

    /// The documented paths and their types, from the table in docs/report-schema.md.
    private func documentedFields() throws -> [(path: String, type: String)] {
        let doc = try String(contentsOf: ShippedScenarios.packageRoot.appendingPathComponent("docs/report-schema.md"), encoding: .utf8)
        return doc.split(separator: "\n").compactMap { line -> (path: String, type: String)? in
            guard line.hasPrefix("| `") else { return nil }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count > 3 else { return nil }
            return (path: cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")), type: cells[2])
        }
    }

    /// Every path in `value`, with the JSON types seen there (`a.b`, `a[].b`).
    private func producedFields(_ value: JSONValue, prefix: String = "", into fields: inout [String: Set<String>]) {
        switch value {
        case .object(let object):
            for (key, member) in object.entries {
                let path = prefix.isEmpty ? key : prefix + "." + key
                fields[path, default: []].insert(typeName(member))
                producedFields(member, prefix: path, into: &fields)
            }
        case .array(let elements):
            for element in elements {
                producedFields(element, prefix: prefix + "[]", into: &fields)
            }
        default:
            break
        }
    }

    /// The type as the document spells it: `integer` for whole numbers, else the JSON type name.
    private func typeName(_ value: JSONValue) -> String {
        if case .number(let number) = value, number.isInteger { return "integer" }
        return value.typeName
    }

    /// Whether a value of JSON type `seen` matches a documented type such as `integer or null`.
    private func matches(_ seen: String, documented: String) -> Bool {
        documented.components(separatedBy: " or ").contains { alternative in
            let base = alternative.hasPrefix("array of ") ? "array" : alternative
            return base == seen || (base == "number" && seen == "integer")
        }
    }

    func testTheSchemaDocumentListsFieldsAndTheReportAgreesWithIt() throws {
        let documented = try documentedFields()
        XCTAssertGreaterThan(documented.count, 50, "the field table of docs/report-schema.md was not found")
        let expectations = RenderFixtures.passingExpectations + [ExpectationResult(check: "writes.lost", expected: "== 0", actual: "3", held: false)]
        var produced: [String: Set<String>] = [:]
        // The optional members (`events`, `snapshots`) are asked for, so that every documented path is produced.
        let report = RenderFixtures.fullReport()
        let summary = RenderFixtures.summary(report, expectations: expectations)
        producedFields(try JSONParser.parse(JSONReport.render(summary, events: true, snapshots: [report.final])), into: &produced)

        for (path, type) in documented {
            guard let seen = produced[path] else {
                XCTFail("documented field \(path) is missing from the report")
                continue
            }
            for kind in seen.sorted() {
                XCTAssertTrue(matches(kind, documented: type), "\(path) is documented as \(type) but holds a value of type \(kind)")
            }
        }
        let documentedPaths = Set(documented.map(\.path))
        for path in produced.keys.sorted() where !documentedPaths.contains(path) {
            XCTFail("field \(path) of the report is not documented in docs/report-schema.md")
        }
        XCTAssertEqual(documented.count, documentedPaths.count, "a field is documented twice")
    }

    func testTheOptionalMembersAreDocumentedAsOptionalAndAbsentByDefault() throws {
        let optional = try documentedFields().filter { $0.type.hasSuffix(", optional") }.map(\.path)
        XCTAssertEqual(optional, ["events", "snapshots"])
        guard case .object(let object) = try parsed(RenderFixtures.fullReport()) else { return XCTFail("not an object") }
        for key in optional { XCTAssertNil(object[key], "\(key) is present without being asked for") }
    }

    func testEventsListTheTimelineAndTheHistoryInTimeOrder() throws {
        var report = RenderFixtures.fullReport()
        var history = RunHistory(nodeCount: 4)
        history.record(node: 0, state: "primary", timeline: 1, at: RenderFixtures.at(10))
        history.record(holder: "patroni1", at: RenderFixtures.at(11))
        history.record(renewal: RunHistory.LeaseRenewal(at: RenderFixtures.at(11), holder: "patroni1", expiresAt: RenderFixtures.at(311)))
        history.record(node: 2, state: "primary", timeline: 2, at: RenderFixtures.at(821))
        report.history = history
        let value = try JSONParser.parse(JSONReport.render(RenderFixtures.summary(report), events: true))
        guard case .array(let events)? = lookup(value, "events") else { return XCTFail("no events") }
        XCTAssertEqual(events.count, report.timeline.count + 4)
        let times = events.compactMap { int(lookup($0, "at_ms")) }
        XCTAssertEqual(times, times.sorted())
        XCTAssertEqual(lookup(value, "events.0.kind"), .string("state"))
        XCTAssertEqual(lookup(value, "events.0.node"), .string("patroni1"))
        XCTAssertEqual(lookup(value, "events.0.detail"), .string("primary on timeline 1"))
        XCTAssertEqual(lookup(value, "events.1.kind"), .string("leader-key"))
        XCTAssertEqual(lookup(value, "events.2.kind"), .string("lease-renewed"))
        XCTAssertTrue(events.contains { lookup($0, "kind") == .string("fault") && lookup($0, "node") == .null })
        XCTAssertTrue(events.contains { lookup($0, "kind") == .string("state") && lookup($0, "node") == .string("patroni3") })
    }

    func testTheSchemaDocumentNamesTheCurrentSchemaVersion() throws {
        let doc = try String(contentsOf: ShippedScenarios.packageRoot.appendingPathComponent("docs/report-schema.md"), encoding: .utf8)
        XCTAssertTrue(doc.contains("`\(JSONReport.schema)`"))
    }
}
