import XCTest

@testable import ClusterSim

/// Client write accounting: runs of acknowledged commits, lost writes, outage windows.
final class WriteLedgerTests: XCTestCase {
    private let spacing: Int64 = 10

    private func at(_ seconds: Int64) -> SimInstant { SimInstant(microseconds: seconds * 1_000_000) }

    /// The runs of `branch` as `first...last×count` strings.
    private func runs(_ ledger: WriteLedger, _ branch: Int) -> [String] {
        (branch < ledger.runs.count ? ledger.runs[branch] : []).map { "\($0.firstLSN)...\($0.lastLSN)×\($0.count)" }
    }

    /// Acknowledges commits at `lsns` on `branch`.
    private func ack(_ ledger: inout WriteLedger, branch: Int, _ lsns: StrideThrough<Int64>, at now: SimInstant = .zero) {
        for lsn in lsns { ledger.ack(branch: branch, lsn: lsn, spacing: spacing, at: now) }
    }

    // MARK: Runs

    func testContiguousAcknowledgementsFormOneRun() {
        var ledger = WriteLedger()
        ack(&ledger, branch: 0, stride(from: 100, through: 150, by: 10))
        XCTAssertEqual(runs(ledger, 0), ["100...150×6"])
        XCTAssertEqual(ledger.acked, 6)
    }

    func testAGapStartsANewRun() {
        var ledger = WriteLedger()
        ack(&ledger, branch: 0, stride(from: 100, through: 110, by: 10))
        ack(&ledger, branch: 0, stride(from: 130, through: 140, by: 10))
        ledger.ack(branch: 0, lsn: 145, spacing: spacing, at: .zero)
        XCTAssertEqual(runs(ledger, 0), ["100...110×2", "130...140×2", "145...145×1"])
    }

    func testEachBranchHasItsOwnRuns() {
        var ledger = WriteLedger()
        ack(&ledger, branch: 0, stride(from: 100, through: 110, by: 10))
        ack(&ledger, branch: 1, stride(from: 120, through: 130, by: 10))
        XCTAssertEqual(runs(ledger, 0), ["100...110×2"])
        XCTAssertEqual(runs(ledger, 1), ["120...130×2"])
    }

    // MARK: Lost writes

    /// Timeline 1 (branch 0) acked 100...150; timeline 2 (branch 1) forked at 120 and acked
    /// 130...160; a sibling timeline 2 (branch 2) forked at 140 and acked 150...160.
    private func divergedHistory() -> (WriteLedger, TimelineRegistry, two: Int, sibling: Int) {
        var timelines = TimelineRegistry()
        let two = timelines.fork(from: 0, at: 120)
        let sibling = timelines.fork(from: 0, at: 140)
        var ledger = WriteLedger()
        ack(&ledger, branch: 0, stride(from: 100, through: 150, by: 10))
        ack(&ledger, branch: two, stride(from: 130, through: 160, by: 10))
        ack(&ledger, branch: sibling, stride(from: 150, through: 160, by: 10))
        return (ledger, timelines, two, sibling)
    }

    private func lost(_ ledger: WriteLedger, reference: Int, end: Int64, timelines: TimelineRegistry, spacing: Int64) -> Int {
        var copy = ledger
        return copy.settle(reference: reference, end: end, timelines: timelines, spacing: spacing)
    }

    func testSettlingCountsEachLostWriteOnceAndKeepsTheRest() {
        var (ledger, timelines, two, _) = divergedHistory()
        XCTAssertEqual(ledger.settle(reference: two, end: 160, timelines: timelines, spacing: spacing), 3 + 2)
        XCTAssertEqual(ledger.settle(reference: two, end: 160, timelines: timelines, spacing: spacing), 0)
        XCTAssertEqual(ledger.settle(reference: two, end: 125, timelines: timelines, spacing: spacing), 4,
                       "100-120 on timeline 1 stay, 130-160 on timeline 2 go")
    }

    func testWritesAckedOnTheParentPastTheForkPointAreLostAndTheSiblingLosesEverything() {
        let (ledger, timelines, two, _) = divergedHistory()
        // 130, 140, 150 on timeline 1, and both sibling writes.
        XCTAssertEqual(lost(ledger, reference: two, end: 160, timelines: timelines, spacing: spacing), 3 + 2)
    }

    func testWritesOnTheReferenceBranchAreLostOnlyPastItsEnd() {
        let (ledger, timelines, two, _) = divergedHistory()
        XCTAssertEqual(lost(ledger, reference: two, end: 140, timelines: timelines, spacing: spacing), 3 + 2 + 2)
        XCTAssertEqual(lost(ledger, reference: two, end: 129, timelines: timelines, spacing: spacing), 3 + 4 + 2)
    }

    func testNoWriteIsLostWhenTheReferenceIsTheOnlyBranchUpToItsEnd() {
        var ledger = WriteLedger()
        ack(&ledger, branch: 0, stride(from: 100, through: 150, by: 10))
        XCTAssertEqual(lost(ledger, reference: 0, end: 150, timelines: TimelineRegistry(), spacing: spacing), 0)
        XCTAssertEqual(lost(ledger, reference: 0, end: 1_000, timelines: TimelineRegistry(), spacing: spacing), 0)
        XCTAssertEqual(lost(ledger, reference: 0, end: 149, timelines: TimelineRegistry(), spacing: spacing), 1)
    }

    func testADescendantsWritesAreLostWhenTheReferenceIsItsAncestor() {
        let (ledger, timelines, _, _) = divergedHistory()
        // Timeline 1 keeps all of its own writes up to 150; both timeline-2 branches are lost.
        XCTAssertEqual(lost(ledger, reference: 0, end: 150, timelines: timelines, spacing: spacing), 4 + 2)
    }

    func testAForkPointInsideARunKeepsTheWritesUpToItAndInGappedRuns() {
        var timelines = TimelineRegistry()
        let two = timelines.fork(from: 0, at: 205)
        var ledger = WriteLedger()
        ack(&ledger, branch: 0, stride(from: 100, through: 110, by: 10))
        ack(&ledger, branch: 0, stride(from: 200, through: 230, by: 10))
        XCTAssertEqual(lost(ledger, reference: two, end: 205, timelines: timelines, spacing: spacing), 3,
                       "210, 220 and 230 were acked on timeline 1 after the switch point")
    }

    // MARK: Outages

    func testFailuresBeforeTheFirstAcknowledgementStartNoOutage() {
        var ledger = WriteLedger()
        ledger.fail("connection refused", at: at(1))
        ledger.fail("connection refused", at: at(2))
        XCTAssertNil(ledger.outageStart)
        ledger.ack(branch: 0, lsn: 100, spacing: spacing, at: at(3))
        XCTAssertNil(ledger.longestOutage)
        ledger.close(at: at(10))
        XCTAssertNil(ledger.longestOutage)
        XCTAssertEqual(ledger.failed, 2)
        XCTAssertEqual(ledger.failuresByReason, [ReasonCount(reason: "connection refused", count: 2)])
    }

    func testAnOutageRunsFromTheLastAcknowledgementToTheNextOne() {
        var ledger = WriteLedger()
        ledger.ack(branch: 0, lsn: 100, spacing: spacing, at: at(2))
        ledger.fail("timeout", at: at(5))
        ledger.fail("read-only", at: at(6))
        XCTAssertEqual(ledger.outageStart, at(2))
        ledger.ack(branch: 0, lsn: 110, spacing: spacing, at: at(7))
        XCTAssertEqual(ledger.longestOutage, OutageWindow(from: at(2), until: at(7)))
        XCTAssertNil(ledger.outageStart)
        XCTAssertEqual(ledger.failuresByReason, [ReasonCount(reason: "read-only", count: 1), ReasonCount(reason: "timeout", count: 1)])
    }

    func testTheLongestOutageWindowIsKept() {
        var ledger = WriteLedger()
        ledger.ack(branch: 0, lsn: 100, spacing: spacing, at: at(2))
        ledger.fail("timeout", at: at(3))
        ledger.ack(branch: 0, lsn: 110, spacing: spacing, at: at(7))   // 2...7
        ledger.fail("timeout", at: at(8))
        ledger.ack(branch: 0, lsn: 120, spacing: spacing, at: at(9))   // 7...9, shorter
        XCTAssertEqual(ledger.longestOutage, OutageWindow(from: at(2), until: at(7)))
        ledger.fail("timeout", at: at(10))
        ledger.ack(branch: 0, lsn: 130, spacing: spacing, at: at(20))  // 9...20, longer
        XCTAssertEqual(ledger.longestOutage, OutageWindow(from: at(9), until: at(20)))
    }

    func testCloseEndsAnOutageStillOpenAtTheEndOfTheRun() {
        var ledger = WriteLedger()
        ledger.ack(branch: 0, lsn: 100, spacing: spacing, at: at(2))
        ledger.fail("timeout", at: at(3))
        ledger.ack(branch: 0, lsn: 110, spacing: spacing, at: at(4))   // 2...4
        ledger.fail("timeout", at: at(5))
        ledger.close(at: at(30))                                         // 4...30
        XCTAssertEqual(ledger.longestOutage, OutageWindow(from: at(4), until: at(30)))
        XCTAssertNil(ledger.outageStart)
        ledger.close(at: at(40))
        XCTAssertEqual(ledger.longestOutage, OutageWindow(from: at(4), until: at(30)), "closing twice changes nothing")
    }
}
