import XCTest

@testable import ClusterSim

/// The invariant checkers, driven by hand-built histories the way
/// `Simulation+Observers.swift` drives them.
final class InvariantCheckerTests: XCTestCase {
    private let names = ["pg1", "pg2", "pg3"]

    private func at(_ seconds: Int64) -> SimInstant { SimInstant(microseconds: seconds * 1_000_000) }

    // MARK: single-writable-primary

    func testASecondWritableNodeOpensAnOverlapThatCountsWritesPerSideAndClosesWhenOneIsLeft() {
        var checker = WritablePrimaryChecker(nodeCount: 3)
        XCTAssertNil(checker.update(writable: [true, false, false], at: at(1), names: names))
        checker.writeAccepted(by: 0) // before the overlap: not counted
        XCTAssertEqual(checker.update(writable: [true, true, false], at: at(10), names: names), [0, 1])
        checker.writeAccepted(by: 0)
        checker.writeAccepted(by: 0)
        checker.writeAccepted(by: 1)
        checker.writeAccepted(by: 0)
        XCTAssertNil(checker.update(writable: [true, true, false], at: at(12), names: names),
                     "an overlap already open does not start again")
        XCTAssertTrue(checker.violations.isEmpty, "the window is recorded when it closes")
        XCTAssertNil(checker.update(writable: [false, true, false], at: at(15), names: names))
        checker.writeAccepted(by: 1) // after the overlap: not counted
        checker.finish(names: names)

        XCTAssertEqual(checker.violations, [Violation(
            invariant: .singleWritablePrimary, at: at(10), until: at(15), nodes: ["pg1", "pg2"],
            detail: "2 nodes accepted writes at once; pg1 accepted 3 writes, pg2 accepted 1 writes")])
    }

    func testANodeJoiningAnOpenOverlapIsAddedToTheSameWindow() {
        var checker = WritablePrimaryChecker(nodeCount: 3)
        XCTAssertEqual(checker.update(writable: [false, true, true], at: at(5), names: names), [1, 2])
        XCTAssertNil(checker.update(writable: [true, true, true], at: at(6), names: names))
        checker.writeAccepted(by: 0)
        checker.writeAccepted(by: 2)
        checker.writeAccepted(by: 2)
        XCTAssertNil(checker.update(writable: [false, false, false], at: at(8), names: names))

        XCTAssertEqual(checker.violations, [Violation(
            invariant: .singleWritablePrimary, at: at(5), until: at(8), nodes: ["pg1", "pg2", "pg3"],
            detail: "3 nodes accepted writes at once; pg1 accepted 1 writes, pg2 accepted 0 writes, pg3 accepted 2 writes")])
    }

    func testAnOverlapStillOpenAtTheEndOfTheRunHasNoUntil() {
        var checker = WritablePrimaryChecker(nodeCount: 3)
        _ = checker.update(writable: [true, false, false], at: at(1), names: names)
        XCTAssertEqual(checker.update(writable: [true, false, true], at: at(20), names: names), [0, 2])
        checker.writeAccepted(by: 2)
        checker.writeAccepted(by: 2)
        checker.finish(names: names)

        XCTAssertEqual(checker.violations, [Violation(
            invariant: .singleWritablePrimary, at: at(20), until: nil, nodes: ["pg1", "pg3"],
            detail: "2 nodes accepted writes at once; pg1 accepted 0 writes, pg3 accepted 2 writes")])
    }

    func testTwoSeparateOverlapsAreTwoViolationsWithTheirOwnWriteCounts() {
        var checker = WritablePrimaryChecker(nodeCount: 2)
        _ = checker.update(writable: [true, true], at: at(1), names: names)
        checker.writeAccepted(by: 0)
        _ = checker.update(writable: [true, false], at: at(2), names: names)
        _ = checker.update(writable: [true, true], at: at(3), names: names)
        checker.writeAccepted(by: 1)
        _ = checker.update(writable: [false, true], at: at(4), names: names)

        XCTAssertEqual(checker.violations.map(\.detail), [
            "2 nodes accepted writes at once; pg1 accepted 1 writes, pg2 accepted 0 writes",
            "2 nodes accepted writes at once; pg1 accepted 0 writes, pg2 accepted 1 writes",
        ])
        XCTAssertEqual(checker.violations.map(\.at), [at(1), at(3)])
        XCTAssertEqual(checker.violations.map(\.until), [at(2), at(4)])
    }

    func testAHandoverWhereTheNewPrimaryStartsAfterTheOldOneStoppedIsClean() {
        var checker = WritablePrimaryChecker(nodeCount: 3)
        XCTAssertNil(checker.update(writable: [true, false, false], at: at(1), names: names))
        checker.writeAccepted(by: 0)
        XCTAssertNil(checker.update(writable: [false, false, false], at: at(10), names: names))
        XCTAssertNil(checker.update(writable: [false, true, false], at: at(30), names: names))
        checker.writeAccepted(by: 1)
        checker.finish(names: names)
        XCTAssertEqual(checker.violations, [])
    }

    func testAHandoverAtTheSameInstantAfterTheOldPrimaryStoppedIsClean() {
        var checker = WritablePrimaryChecker(nodeCount: 3)
        XCTAssertNil(checker.update(writable: [true, false, false], at: at(1), names: names))
        XCTAssertNil(checker.update(writable: [false, false, false], at: at(10), names: names))
        XCTAssertNil(checker.update(writable: [false, true, false], at: at(10), names: names))
        checker.writeAccepted(by: 1)
        XCTAssertNil(checker.update(writable: [false, true, false], at: at(10), names: names),
                     "re-observing the same single writer changes nothing")
        checker.finish(names: names)
        XCTAssertEqual(checker.violations, [])
    }

    // MARK: fenced-primary

    func testNothingIsCheckedBeforeTheFirstLeaderKeyExists() {
        var checker = FencedPrimaryChecker(nodeCount: 2, bound: .zero)
        XCTAssertNil(checker.setWritable(0, true, at: at(1), name: "pg1"))
        checker.writeAccepted(by: 0)
        XCTAssertNil(checker.evaluate(0, at: at(5), name: "pg1"))
        XCTAssertNil(checker.setCoverage(0, until: nil, at: at(6), name: "pg1"), "no key yet: still bootstrapping")
        XCTAssertNil(checker.pendingExpiry(0, after: at(6)))
        XCTAssertNil(checker.setCoverage(0, until: at(40), at: at(8), name: "pg1"), "the first key covers it")
        XCTAssertEqual(checker.pendingExpiry(0, after: at(8)), at(40))
        XCTAssertNil(checker.setWritable(0, false, at: at(20), name: "pg1"))
        checker.finish(at: at(100), names: names)
        XCTAssertEqual(checker.violations, [])
    }

    func testAWritableNodeThatNeverHadTheKeyIsAZombieFromTheFirstKeyOn() {
        var checker = FencedPrimaryChecker(nodeCount: 2, bound: .zero)
        XCTAssertNil(checker.setWritable(1, true, at: at(1), name: "pg2"))
        XCTAssertNil(checker.setCoverage(0, until: at(30), at: at(4), name: "pg1"))
        XCTAssertEqual(checker.setCoverage(1, until: nil, at: at(4), name: "pg2"), at(4),
                       "uncovered since the first key, writable since before it")
        XCTAssertNil(checker.setWritable(1, false, at: at(9), name: "pg2"))
        XCTAssertEqual(checker.violations, [Violation(
            invariant: .fencedPrimary, at: at(4), until: at(9), nodes: ["pg2"],
            detail: "pg2 accepted writes for 5.0s without a live leader lease (0 writes accepted)")])
    }

    func testANodeWritablePastItsLeaseExpiryOpensAWindowAtTheExpiry() {
        var checker = FencedPrimaryChecker(nodeCount: 2, bound: .zero)
        XCTAssertNil(checker.setCoverage(0, until: at(30), at: at(0), name: "pg1"))
        XCTAssertNil(checker.setWritable(0, true, at: at(5), name: "pg1"))
        XCTAssertEqual(checker.pendingExpiry(0, after: at(5)), at(30))
        checker.writeAccepted(by: 0) // covered: not counted
        XCTAssertNil(checker.evaluate(0, at: at(29), name: "pg1"))
        // The simulation schedules a check at the pending expiry.
        XCTAssertEqual(checker.evaluate(0, at: at(30), name: "pg1"), at(30))
        XCTAssertNil(checker.pendingExpiry(0, after: at(30)))
        XCTAssertNil(checker.evaluate(0, at: at(31), name: "pg1"), "a window already open does not open again")
        checker.writeAccepted(by: 0)
        checker.writeAccepted(by: 0)
        checker.writeAccepted(by: 1) // pg2 is not a zombie
        XCTAssertNil(checker.setWritable(0, false, at: at(42), name: "pg1"))
        checker.finish(at: at(100), names: names)

        XCTAssertEqual(checker.violations, [Violation(
            invariant: .fencedPrimary, at: at(30), until: at(42), nodes: ["pg1"],
            detail: "pg1 accepted writes for 12.0s without a live leader lease (2 writes accepted)")])
    }

    func testAWindowNoticedLateStillStartsAtTheLaterOfWritableSinceAndCoveredUntil() {
        // Lease expired at 30, but the node only became writable at 35; noticed at 50.
        var checker = FencedPrimaryChecker(nodeCount: 1, bound: .zero)
        XCTAssertNil(checker.setCoverage(0, until: at(30), at: at(0), name: "pg1"))
        XCTAssertNil(checker.setCoverage(0, until: nil, at: at(31), name: "pg1"))
        XCTAssertEqual(checker.setWritable(0, true, at: at(35), name: "pg1"), at(35))
        XCTAssertNil(checker.setWritable(0, false, at: at(50), name: "pg1"))

        // Writable since 10, lease expired at 30, noticed only at 50 (e.g. the lessor scan).
        var late = FencedPrimaryChecker(nodeCount: 1, bound: .zero)
        XCTAssertNil(late.setCoverage(0, until: at(30), at: at(0), name: "pg1"))
        XCTAssertNil(late.setWritable(0, true, at: at(10), name: "pg1"))
        XCTAssertEqual(late.setCoverage(0, until: nil, at: at(50), name: "pg1"), at(30))
        XCTAssertNil(late.setCoverage(0, until: at(80), at: at(55), name: "pg1"), "a renewed lease closes the window")

        XCTAssertEqual(checker.violations.map(\.at), [at(35)])
        XCTAssertEqual(checker.violations.map(\.until), [at(50)])
        XCTAssertEqual(late.violations, [Violation(
            invariant: .fencedPrimary, at: at(30), until: at(55), nodes: ["pg1"],
            detail: "pg1 accepted writes for 25.0s without a live leader lease (0 writes accepted)")])
    }

    func testRenewingTheLeaseBeforeItExpiresKeepsAWritableNodeClean() {
        var checker = FencedPrimaryChecker(nodeCount: 2, bound: .zero)
        XCTAssertNil(checker.setCoverage(0, until: at(30), at: at(0), name: "pg1"))
        XCTAssertNil(checker.setCoverage(1, until: nil, at: at(0), name: "pg2"))
        XCTAssertNil(checker.setWritable(0, true, at: at(1), name: "pg1"))
        for renewal in stride(from: Int64(10), through: 90, by: 10) {
            XCTAssertNil(checker.setCoverage(0, until: at(renewal + 30), at: at(renewal), name: "pg1"))
            XCTAssertEqual(checker.pendingExpiry(0, after: at(renewal)), at(renewal + 30))
            XCTAssertNil(checker.evaluate(0, at: at(renewal + 5), name: "pg1"))
            checker.writeAccepted(by: 0)
        }
        XCTAssertNil(checker.setWritable(0, false, at: at(100), name: "pg1"))
        checker.finish(at: at(200), names: names)
        XCTAssertEqual(checker.violations, [])
    }

    func testLosingTheKeyWhileWritableOpensAWindowAtThatInstant() {
        var checker = FencedPrimaryChecker(nodeCount: 2, bound: .zero)
        XCTAssertNil(checker.setCoverage(0, until: at(30), at: at(0), name: "pg1"))
        XCTAssertNil(checker.setWritable(0, true, at: at(2), name: "pg1"))
        // pg2 takes the key at 12: pg1's coverage ends now, not at its old lease expiry.
        XCTAssertEqual(checker.setCoverage(0, until: nil, at: at(12), name: "pg1"), at(12))
        XCTAssertNil(checker.setCoverage(1, until: at(42), at: at(12), name: "pg2"))
        XCTAssertNil(checker.pendingExpiry(0, after: at(12)), "no future expiry left for pg1")
        checker.writeAccepted(by: 0)
        XCTAssertNil(checker.setWritable(0, false, at: at(14), name: "pg1"))

        XCTAssertEqual(checker.violations, [Violation(
            invariant: .fencedPrimary, at: at(12), until: at(14), nodes: ["pg1"],
            detail: "pg1 accepted writes for 2.0s without a live leader lease (1 writes accepted)")])
    }

    func testAWindowNoLongerThanTheBoundIsNotAViolationButALongerOneIs() {
        let bound = SimDuration.seconds(5)
        var checker = FencedPrimaryChecker(nodeCount: 3, bound: bound)
        for node in NodeID.all(3) {
            XCTAssertNil(checker.setCoverage(node, until: at(10), at: at(0), name: names[node]))
            XCTAssertNil(checker.setWritable(node, true, at: at(0), name: names[node]))
            XCTAssertEqual(checker.evaluate(node, at: at(10), name: names[node]), at(10))
        }
        // pg1: 4 s, pg2: exactly 5 s, pg3: 5 s and 1 µs.
        XCTAssertNil(checker.setWritable(0, false, at: at(14), name: "pg1"))
        XCTAssertNil(checker.setWritable(1, false, at: at(15), name: "pg2"))
        XCTAssertNil(checker.setWritable(2, false, at: at(15) + .micros(1), name: "pg3"))

        XCTAssertEqual(checker.violations, [Violation(
            invariant: .fencedPrimary, at: at(10), until: at(15) + .micros(1), nodes: ["pg3"],
            detail: "pg3 accepted writes for 5.0s without a live leader lease (0 writes accepted)")])
    }

    func testPendingExpiryIsTheFutureLeaseEndOfAWritableNodeOnly() {
        var checker = FencedPrimaryChecker(nodeCount: 2, bound: .zero)
        XCTAssertNil(checker.pendingExpiry(0, after: at(0)), "neither writable nor covered")
        XCTAssertNil(checker.setCoverage(0, until: at(30), at: at(0), name: "pg1"))
        XCTAssertNil(checker.pendingExpiry(0, after: at(0)), "covered but not writable")
        XCTAssertNil(checker.setWritable(0, true, at: at(1), name: "pg1"))
        XCTAssertEqual(checker.pendingExpiry(0, after: at(1)), at(30))
        XCTAssertNil(checker.pendingExpiry(0, after: at(29)), "the check at 30 s was already asked for")
        XCTAssertNil(checker.pendingExpiry(0, after: at(30)), "the expiry is not after now")
        XCTAssertEqual(checker.setWritable(1, true, at: at(1), name: "pg2"), at(1),
                       "writable and never covered after the first key: a zombie at once")
        XCTAssertNil(checker.pendingExpiry(1, after: at(1)), "writable but never covered: nothing to wait for")
    }

    func testFinishClosesAnOpenWindowWithNoUntilAndItsLengthToTheEnd() {
        var checker = FencedPrimaryChecker(nodeCount: 2, bound: .seconds(1))
        XCTAssertNil(checker.setCoverage(0, until: at(30), at: at(0), name: "pg1"))
        XCTAssertNil(checker.setWritable(0, true, at: at(1), name: "pg1"))
        XCTAssertEqual(checker.evaluate(0, at: at(30), name: "pg1"), at(30))
        checker.writeAccepted(by: 0)
        checker.writeAccepted(by: 0)
        checker.writeAccepted(by: 0)
        checker.finish(at: at(45), names: names)

        XCTAssertEqual(checker.violations, [Violation(
            invariant: .fencedPrimary, at: at(30), until: nil, nodes: ["pg1"],
            detail: "pg1 accepted writes for 15.0s without a live leader lease (3 writes accepted), still at the end of the run")])
    }

    func testFinishOpensAndClosesAWindowWhoseExpiryWasNeverEvaluated() {
        var checker = FencedPrimaryChecker(nodeCount: 2, bound: .zero)
        XCTAssertNil(checker.setCoverage(1, until: at(20), at: at(0), name: "pg2"))
        XCTAssertNil(checker.setWritable(1, true, at: at(3), name: "pg2"))
        checker.finish(at: at(26), names: names)

        XCTAssertEqual(checker.violations, [Violation(
            invariant: .fencedPrimary, at: at(20), until: nil, nodes: ["pg2"],
            detail: "pg2 accepted writes for 6.0s without a live leader lease (0 writes accepted), still at the end of the run")])
    }

    // MARK: timeline-monotonic

    func testATimelineGoingBackOnOneNodeIsAViolation() {
        var checker = TimelineChecker(nodeCount: 3)
        XCTAssertNil(checker.timelineChanged(1, number: 1, at: at(0), names: names))
        XCTAssertNil(checker.timelineChanged(1, number: 3, at: at(10), names: names))
        let violation = checker.timelineChanged(1, number: 2, at: at(20), names: names)
        let expected = Violation(
            invariant: .timelineMonotonic, at: at(20), until: at(20), nodes: ["pg2"],
            detail: "pg2's timeline went back from 3 to 2")
        XCTAssertEqual(violation, expected)
        XCTAssertEqual(checker.violations, [expected])
        XCTAssertNil(checker.timelineChanged(1, number: 3, at: at(21), names: names),
                     "the highest timeline seen is kept, not the one it went back to")
    }

    func testTimelinesMovingForwardOrStayingPutAreClean() {
        var checker = TimelineChecker(nodeCount: 3)
        for node in NodeID.all(3) {
            XCTAssertNil(checker.timelineChanged(node, number: 1, at: at(0), names: names))
        }
        XCTAssertNil(checker.becamePrimary(1, branch: 1, number: 2, at: at(10), names: names))
        XCTAssertNil(checker.timelineChanged(0, number: 2, at: at(12), names: names))
        XCTAssertNil(checker.timelineChanged(2, number: 2, at: at(12), names: names))
        XCTAssertNil(checker.timelineChanged(2, number: 2, at: at(13), names: names))
        XCTAssertNil(checker.becamePrimary(2, branch: 2, number: 3, at: at(20), names: names))
        XCTAssertNil(checker.timelineChanged(0, number: 3, at: at(22), names: names))
        XCTAssertNil(checker.timelineChanged(1, number: 3, at: at(22), names: names))
        XCTAssertEqual(checker.violations, [])
    }

    func testTwoBranchesWithTheSameNumberBothBecomingPrimaryIsAViolationNamingBothNodes() {
        var checker = TimelineChecker(nodeCount: 3)
        XCTAssertNil(checker.becamePrimary(0, branch: 0, number: 1, at: at(0), names: names))
        XCTAssertNil(checker.becamePrimary(1, branch: 1, number: 2, at: at(10), names: names))
        let violation = checker.becamePrimary(2, branch: 2, number: 2, at: at(11), names: names)
        let expected = Violation(
            invariant: .timelineMonotonic, at: at(11), until: at(11), nodes: ["pg2", "pg3"],
            detail: "pg2 and pg3 were both primary on a timeline 2 of their own (diverged WAL under one number)")
        XCTAssertEqual(violation, expected)
        XCTAssertEqual(checker.violations, [expected])
    }

    func testTheSameBranchPromotedAgainOnTheSameNodeIsClean() {
        var checker = TimelineChecker(nodeCount: 3)
        XCTAssertNil(checker.becamePrimary(0, branch: 0, number: 1, at: at(0), names: names))
        XCTAssertNil(checker.becamePrimary(1, branch: 1, number: 2, at: at(10), names: names))
        XCTAssertNil(checker.becamePrimary(1, branch: 1, number: 2, at: at(30), names: names))
        XCTAssertEqual(checker.violations, [])
    }

    func testBecomingPrimaryOnAnOlderTimelineThanTheNodeHadIsAGoingBackViolation() {
        var checker = TimelineChecker(nodeCount: 3)
        XCTAssertNil(checker.timelineChanged(0, number: 4, at: at(1), names: names))
        XCTAssertEqual(checker.becamePrimary(0, branch: 2, number: 3, at: at(5), names: names), Violation(
            invariant: .timelineMonotonic, at: at(5), until: at(5), nodes: ["pg1"],
            detail: "pg1's timeline went back from 4 to 3"))
    }

    // MARK: no-lost-acknowledged-writes

    func testNoMissingWritesIsCleanEvenWhereLossIsAViolation() {
        var checker = LostWriteChecker(lossIsViolation: true, spacing: 10)
        XCTAssertNil(checker.missing(0, newPrimary: "pg2", timeline: 2, at: at(10)))
        XCTAssertEqual(checker.lost, 0)
        XCTAssertEqual(checker.violations, [])
    }

    func testMissingWritesAreCountedButNotAViolationWithoutADurabilityPromise() {
        var checker = LostWriteChecker(lossIsViolation: false, spacing: 10)
        XCTAssertNil(checker.missing(4, newPrimary: "pg2", timeline: 2, at: at(10)))
        XCTAssertNil(checker.missing(3, newPrimary: "pg3", timeline: 3, at: at(20)))
        XCTAssertNil(checker.missing(0, newPrimary: "pg1", timeline: 4, at: at(30)))
        XCTAssertEqual(checker.lost, 7)
        XCTAssertEqual(checker.violations, [])
    }

    func testMissingWritesAreAViolationWhereDurabilityWasPromised() {
        var checker = LostWriteChecker(lossIsViolation: true, spacing: 10)
        let expected = Violation(
            invariant: .noLostAcknowledgedWrites, at: at(10), until: at(10), nodes: ["pg2"],
            detail: "4 acknowledged writes are not in the history of pg2 on timeline 2")
        XCTAssertEqual(checker.missing(4, newPrimary: "pg2", timeline: 2, at: at(10)), expected)
        XCTAssertEqual(checker.lost, 4)
        XCTAssertEqual(checker.violations, [expected])
    }

    /// Timeline 1 (branch 0) acknowledges 100...200 (11 writes, 10 bytes apart); pg2
    /// promotes to timeline 2 forked at 150 and acknowledges 160...180; pg3 promotes to
    /// timeline 3 forked off timeline 2 at 170. The checker counts what each settle misses.
    func testAcknowledgedWritesPastTheForkPointAreLostEndToEnd() {
        var timelines = TimelineRegistry()
        var checker = LostWriteChecker(lossIsViolation: true, spacing: 10)

        for lsn in stride(from: Int64(100), through: 200, by: 10) { checker.acknowledged(branch: 0, lsn: lsn) }
        let two = timelines.fork(from: 0, at: 150)
        XCTAssertEqual(checker.settle(primary: "pg2", branch: two, end: 150, timeline: timelines.number(of: two),
                                      timelines: timelines, at: at(10)),
                       Violation(invariant: .noLostAcknowledgedWrites, at: at(10), until: at(10), nodes: ["pg2"],
                                 detail: "5 acknowledged writes are not in the history of pg2 on timeline 2"),
                       "160...200 on timeline 1 are past the fork point")
        XCTAssertNil(checker.settle(primary: "pg2", branch: two, end: 150, timeline: 2, timelines: timelines, at: at(11)),
                     "a write is counted once")

        for lsn in stride(from: Int64(160), through: 180, by: 10) { checker.acknowledged(branch: two, lsn: lsn) }
        let three = timelines.fork(from: two, at: 170)
        XCTAssertNotNil(checker.settle(primary: "pg3", branch: three, end: 170, timeline: timelines.number(of: three),
                                       timelines: timelines, at: at(20)),
                        "180 on timeline 2 is past timeline 3's fork point")

        XCTAssertEqual(checker.lost, 6)
        XCTAssertEqual(checker.violations.map(\.detail), [
            "5 acknowledged writes are not in the history of pg2 on timeline 2",
            "1 acknowledged writes are not in the history of pg3 on timeline 3",
        ])
        XCTAssertEqual(checker.violations.map(\.nodes), [["pg2"], ["pg3"]])
    }

    func testAFailoverThatKeepsEveryAcknowledgedWriteLosesNothing() {
        var timelines = TimelineRegistry()
        var checker = LostWriteChecker(lossIsViolation: true, spacing: 10)
        for lsn in stride(from: Int64(100), through: 200, by: 10) { checker.acknowledged(branch: 0, lsn: lsn) }
        let two = timelines.fork(from: 0, at: 200)
        XCTAssertNil(checker.settle(primary: "pg2", branch: two, end: 200, timeline: 2, timelines: timelines, at: at(10)))
        XCTAssertEqual(checker.lost, 0)
        XCTAssertEqual(checker.violations, [])
    }

    // MARK: liveness

    func testAClusterConvergedThroughTheDeadlineHoldsFromTheStartOfItsStretch() {
        var checker = LivenessChecker(since: at(100), within: .seconds(30))
        checker.observe(converged: false, at: at(100))
        checker.observe(converged: true, at: at(112))
        checker.observe(converged: false, at: at(115))
        checker.observe(converged: true, at: at(120))
        checker.reachDeadline()
        let (result, violation) = checker.result(endedAt: at(200))
        XCTAssertEqual(result, LivenessResult(since: at(100), deadline: at(130), convergedAt: at(120), decided: true))
        XCTAssertTrue(result.held)
        XCTAssertNil(violation)
    }

    func testAStretchThatBeganBeforeTheLastFaultCountsFromTheFault() {
        var checker = LivenessChecker(since: at(100), within: .seconds(30))
        checker.observe(converged: true, at: at(50))
        checker.reachDeadline()
        let (result, violation) = checker.result(endedAt: at(200))
        XCTAssertEqual(result.convergedAt, at(100))
        XCTAssertNil(violation)
    }

    func testConvergingOnlyAtTheFaultInstantAndBreakingApartIsAViolation() {
        // The partition that never heals: converged at the instant of the fault, not after.
        var checker = LivenessChecker(since: at(100), within: .seconds(30))
        checker.observe(converged: true, at: at(100))
        checker.observe(converged: false, at: at(110))
        checker.reachDeadline()
        let (result, violation) = checker.result(endedAt: at(200))
        XCTAssertEqual(result, LivenessResult(since: at(100), deadline: at(130), convergedAt: nil, decided: true))
        XCTAssertEqual(violation, Violation(
            invariant: .liveness, at: at(130), until: nil, nodes: [],
            detail: "the cluster did not converge within 30.0s after the last fault at t=100.0s"))
    }

    func testARunEndingBeforeTheDeadlineIsUndecidedAndNotAViolation() {
        var checker = LivenessChecker(since: at(100), within: .seconds(30))
        checker.observe(converged: false, at: at(110))
        let (result, violation) = checker.result(endedAt: at(129))
        XCTAssertEqual(result, LivenessResult(since: at(100), deadline: at(130), convergedAt: nil, decided: false))
        XCTAssertFalse(result.held)
        XCTAssertNil(violation)
    }

    func testConvergingAfterTheDeadlineIsAViolationUntilTheConvergence() {
        var checker = LivenessChecker(since: at(100), within: .seconds(30))
        checker.observe(converged: false, at: at(120))
        checker.reachDeadline()
        checker.observe(converged: true, at: at(145))
        let (result, violation) = checker.result(endedAt: at(200))
        XCTAssertEqual(result, LivenessResult(since: at(100), deadline: at(130), convergedAt: at(145), decided: true))
        XCTAssertFalse(result.held)
        XCTAssertEqual(violation?.until, at(145))
        XCTAssertEqual(violation?.detail, "the cluster converged only at t=145.0s, after the deadline t=130.0s")
    }
}
