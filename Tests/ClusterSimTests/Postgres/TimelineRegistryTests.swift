import XCTest

@testable import ClusterSim

/// Timeline branches compared as PostgreSQL does: by history, not by number alone.
final class TimelineRegistryTests: XCTestCase {
    /// Timeline 1 (branch 0), forked at 100 into timeline 2 (branch 1), which forked at 200
    /// into timeline 3 (branch 2); and a sibling "timeline 2" (branch 3) forked off
    /// timeline 1 at 150 by an independent promotion.
    private func registry() -> (TimelineRegistry, root: Int, two: Int, three: Int, sibling: Int) {
        var timelines = TimelineRegistry()
        let two = timelines.fork(from: 0, at: 100)
        let three = timelines.fork(from: two, at: 200)
        let sibling = timelines.fork(from: 0, at: 150)
        return (timelines, 0, two, three, sibling)
    }

    func testANewRegistryHoldsOnlyTimelineOne() {
        let timelines = TimelineRegistry()
        XCTAssertEqual(timelines.branches, [TimelineRegistry.Branch(number: 1, parent: nil, forkLSN: 0)])
        XCTAssertEqual(timelines.number(of: 0), 1)
    }

    func testAForkIsNumberedOneAboveItsParentAndGetsTheNextBranchID() {
        let (timelines, root, two, three, sibling) = registry()
        XCTAssertEqual([root, two, three, sibling], [0, 1, 2, 3])
        XCTAssertEqual(timelines.number(of: two), 2)
        XCTAssertEqual(timelines.number(of: three), 3)
        XCTAssertEqual(timelines.number(of: sibling), 2, "two independent promotions both make timeline 2")
        XCTAssertEqual(timelines.branches[three], TimelineRegistry.Branch(number: 3, parent: two, forkLSN: 200))
    }

    func testABranchContainsItsOwnWALUpToItsEnd() {
        let (timelines, _, two, _, _) = registry()
        XCTAssertTrue(timelines.contains(branch: two, end: 300, position: two, lsn: 300))
        XCTAssertTrue(timelines.contains(branch: two, end: 300, position: two, lsn: 120))
        XCTAssertFalse(timelines.contains(branch: two, end: 300, position: two, lsn: 301))
    }

    func testABranchContainsItsParentsWALUpToTheForkPointOnly() {
        let (timelines, root, two, _, _) = registry()
        XCTAssertTrue(timelines.contains(branch: two, end: 300, position: root, lsn: 50))
        XCTAssertTrue(timelines.contains(branch: two, end: 300, position: root, lsn: 100))
        XCTAssertFalse(timelines.contains(branch: two, end: 300, position: root, lsn: 101),
                       "WAL written on timeline 1 after the fork is not in timeline 2's history")
    }

    func testAGrandchildContainsItsGrandparentUpToWhereItsLineLeftIt() {
        let (timelines, root, two, three, _) = registry()
        XCTAssertTrue(timelines.contains(branch: three, end: 400, position: root, lsn: 100))
        XCTAssertFalse(timelines.contains(branch: three, end: 400, position: root, lsn: 150),
                       "the line left timeline 1 at 100, not at timeline 3's own fork point 200")
        XCTAssertTrue(timelines.contains(branch: three, end: 400, position: two, lsn: 200))
        XCTAssertFalse(timelines.contains(branch: three, end: 400, position: two, lsn: 201))
    }

    func testSiblingBranchesWithTheSameNumberAreNotInEachOthersHistory() {
        let (timelines, _, two, three, sibling) = registry()
        XCTAssertFalse(timelines.contains(branch: two, end: 1_000, position: sibling, lsn: 151))
        XCTAssertFalse(timelines.contains(branch: sibling, end: 1_000, position: two, lsn: 101))
        XCTAssertFalse(timelines.contains(branch: three, end: 1_000, position: sibling, lsn: 151))
        XCTAssertFalse(timelines.contains(branch: sibling, end: 1_000, position: three, lsn: 201))
    }

    func testAnAncestorDoesNotContainItsDescendantsWAL() {
        let (timelines, root, two, _, _) = registry()
        XCTAssertFalse(timelines.contains(branch: root, end: 1_000, position: two, lsn: 101))
    }

    func testSwitchPointIsWhereTheDescendantsLineLeftTheAncestor() {
        let (timelines, root, two, three, sibling) = registry()
        XCTAssertEqual(timelines.switchPoint(from: root, toward: two), 100)
        XCTAssertEqual(timelines.switchPoint(from: root, toward: three), 100)
        XCTAssertEqual(timelines.switchPoint(from: two, toward: three), 200)
        XCTAssertEqual(timelines.switchPoint(from: root, toward: sibling), 150)
    }

    func testSwitchPointIsNilUnlessTheFirstBranchIsAProperAncestor() {
        let (timelines, root, two, three, sibling) = registry()
        XCTAssertNil(timelines.switchPoint(from: sibling, toward: two))
        XCTAssertNil(timelines.switchPoint(from: two, toward: sibling))
        XCTAssertNil(timelines.switchPoint(from: three, toward: root))
        XCTAssertNil(timelines.switchPoint(from: two, toward: two))
    }

    func testHistoryListsEachAncestorOldestFirst() {
        let (timelines, root, two, three, sibling) = registry()
        func lines(_ branch: Int) -> [String] {
            timelines.history(of: branch).map { "\($0.timeline)@\($0.switchLSN)" }
        }
        XCTAssertEqual(lines(root), [])
        XCTAssertEqual(lines(two), ["1@100"])
        XCTAssertEqual(lines(three), ["1@100", "2@200"])
        XCTAssertEqual(lines(sibling), ["1@150"])
    }
}
