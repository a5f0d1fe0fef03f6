import XCTest

@testable import ClusterSim

/// The acknowledged writes the lost-write check keeps: runs of commits per branch, and
/// what a new primary's history lacks.
final class AcknowledgedWritesTests: XCTestCase {
    private let spacing: Int64 = 10

    /// The runs of `branch` as `first...last×count` strings.
    private func runs(_ writes: AcknowledgedWrites, _ branch: Int) -> [String] {
        (branch < writes.runs.count ? writes.runs[branch] : []).map { "\($0.firstLSN)...\($0.lastLSN)×\($0.count)" }
    }

    /// Acknowledges commits at `lsns` on `branch`.
    private func ack(_ writes: inout AcknowledgedWrites, branch: Int, _ lsns: StrideThrough<Int64>) {
        for lsn in lsns { writes.add(branch: branch, lsn: lsn, spacing: spacing) }
    }

    // MARK: Runs

    func testContiguousAcknowledgementsFormOneRun() {
        var writes = AcknowledgedWrites()
        ack(&writes, branch: 0, stride(from: 100, through: 150, by: 10))
        XCTAssertEqual(runs(writes, 0), ["100...150×6"])
    }

    func testAGapStartsANewRun() {
        var writes = AcknowledgedWrites()
        ack(&writes, branch: 0, stride(from: 100, through: 110, by: 10))
        ack(&writes, branch: 0, stride(from: 130, through: 140, by: 10))
        writes.add(branch: 0, lsn: 145, spacing: spacing)
        XCTAssertEqual(runs(writes, 0), ["100...110×2", "130...140×2", "145...145×1"])
    }

    func testEachBranchHasItsOwnRuns() {
        var writes = AcknowledgedWrites()
        ack(&writes, branch: 0, stride(from: 100, through: 110, by: 10))
        ack(&writes, branch: 1, stride(from: 120, through: 130, by: 10))
        XCTAssertEqual(runs(writes, 0), ["100...110×2"])
        XCTAssertEqual(runs(writes, 1), ["120...130×2"])
    }

    // MARK: Lost writes

    /// Timeline 1 (branch 0) acked 100...150; timeline 2 (branch 1) forked at 120 and acked
    /// 130...160; a sibling timeline 2 (branch 2) forked at 140 and acked 150...160.
    private func divergedHistory() -> (AcknowledgedWrites, TimelineRegistry, two: Int, sibling: Int) {
        var timelines = TimelineRegistry()
        let two = timelines.fork(from: 0, at: 120)
        let sibling = timelines.fork(from: 0, at: 140)
        var writes = AcknowledgedWrites()
        ack(&writes, branch: 0, stride(from: 100, through: 150, by: 10))
        ack(&writes, branch: two, stride(from: 130, through: 160, by: 10))
        ack(&writes, branch: sibling, stride(from: 150, through: 160, by: 10))
        return (writes, timelines, two, sibling)
    }

    private func lost(_ writes: AcknowledgedWrites, reference: Int, end: Int64, timelines: TimelineRegistry, spacing: Int64) -> Int {
        var copy = writes
        return copy.settle(reference: reference, end: end, timelines: timelines, spacing: spacing)
    }

    func testSettlingCountsEachLostWriteOnceAndKeepsTheRest() {
        var (writes, timelines, two, _) = divergedHistory()
        XCTAssertEqual(writes.settle(reference: two, end: 160, timelines: timelines, spacing: spacing), 3 + 2)
        XCTAssertEqual(writes.settle(reference: two, end: 160, timelines: timelines, spacing: spacing), 0)
        XCTAssertEqual(writes.settle(reference: two, end: 125, timelines: timelines, spacing: spacing), 4,
                       "100-120 on timeline 1 stay, 130-160 on timeline 2 go")
    }

    func testWritesAckedOnTheParentPastTheForkPointAreLostAndTheSiblingLosesEverything() {
        let (writes, timelines, two, _) = divergedHistory()
        // 130, 140, 150 on timeline 1, and both sibling writes.
        XCTAssertEqual(lost(writes, reference: two, end: 160, timelines: timelines, spacing: spacing), 3 + 2)
    }

    func testWritesOnTheReferenceBranchAreLostOnlyPastItsEnd() {
        let (writes, timelines, two, _) = divergedHistory()
        XCTAssertEqual(lost(writes, reference: two, end: 140, timelines: timelines, spacing: spacing), 3 + 2 + 2)
        XCTAssertEqual(lost(writes, reference: two, end: 129, timelines: timelines, spacing: spacing), 3 + 4 + 2)
    }

    func testNoWriteIsLostWhenTheReferenceIsTheOnlyBranchUpToItsEnd() {
        var writes = AcknowledgedWrites()
        ack(&writes, branch: 0, stride(from: 100, through: 150, by: 10))
        XCTAssertEqual(lost(writes, reference: 0, end: 150, timelines: TimelineRegistry(), spacing: spacing), 0)
        XCTAssertEqual(lost(writes, reference: 0, end: 1_000, timelines: TimelineRegistry(), spacing: spacing), 0)
        XCTAssertEqual(lost(writes, reference: 0, end: 149, timelines: TimelineRegistry(), spacing: spacing), 1)
    }

    func testADescendantsWritesAreLostWhenTheReferenceIsItsAncestor() {
        let (writes, timelines, _, _) = divergedHistory()
        // Timeline 1 keeps all of its own writes up to 150; both timeline-2 branches are lost.
        XCTAssertEqual(lost(writes, reference: 0, end: 150, timelines: timelines, spacing: spacing), 4 + 2)
    }

    func testAForkPointInsideARunKeepsTheWritesUpToItAndInGappedRuns() {
        var timelines = TimelineRegistry()
        let two = timelines.fork(from: 0, at: 205)
        var writes = AcknowledgedWrites()
        ack(&writes, branch: 0, stride(from: 100, through: 110, by: 10))
        ack(&writes, branch: 0, stride(from: 200, through: 230, by: 10))
        XCTAssertEqual(lost(writes, reference: two, end: 205, timelines: timelines, spacing: spacing), 3,
                       "210, 220 and 230 were acked on timeline 1 after the switch point")
    }
}
