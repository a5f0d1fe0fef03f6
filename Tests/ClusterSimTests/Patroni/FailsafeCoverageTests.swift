import XCTest

@testable import ClusterSim

/// The `fenced-primary` checker with failsafe mode: a primary confirmed by every member
/// listed in `/failsafe` is covered for `ttl` after the check, with or without a lease.
final class FailsafeCoverageTests: XCTestCase {
    private func at(_ seconds: Int64) -> SimInstant { SimInstant(microseconds: seconds * 1_000_000) }

    func testAFailsafeConfirmationCoversAPrimaryPastItsLeaseForTtl() {
        var checker = FencedPrimaryChecker(nodeCount: 1, bound: .zero)
        XCTAssertNil(checker.setCoverage(0, until: at(20), at: at(0), name: "pg1"))
        XCTAssertNil(checker.setWritable(0, true, at: at(1), name: "pg1"))
        checker.confirmFailsafe(0, until: at(25), at: at(5), name: "pg1")
        XCTAssertNil(checker.setCoverage(0, until: nil, at: at(20), name: "pg1"), "the lease is gone, the confirmation is not")
        XCTAssertEqual(checker.pendingExpiry(0, after: at(20)), at(25))
        checker.confirmFailsafe(0, until: at(28), at: at(8), name: "pg1")
        XCTAssertNil(checker.evaluate(0, at: at(25), name: "pg1"))
        XCTAssertEqual(checker.evaluate(0, at: at(28), name: "pg1"), at(28), "no confirmation within ttl: a zombie")
        checker.finish(at: at(30), names: ["pg1"])
        XCTAssertEqual(checker.violations.map(\.at), [at(28)])
        XCTAssertEqual(checker.violations.map(\.until), [nil])
    }

    func testAnOlderConfirmationNeverShortensTheCoverage() {
        var checker = FencedPrimaryChecker(nodeCount: 1, bound: .zero)
        XCTAssertNil(checker.setCoverage(0, until: at(20), at: at(0), name: "pg1"))
        XCTAssertNil(checker.setWritable(0, true, at: at(1), name: "pg1"))
        checker.confirmFailsafe(0, until: at(40), at: at(20), name: "pg1")
        checker.confirmFailsafe(0, until: at(30), at: at(21), name: "pg1")
        XCTAssertNil(checker.setCoverage(0, until: nil, at: at(22), name: "pg1"))
        XCTAssertNil(checker.evaluate(0, at: at(39), name: "pg1"))
        XCTAssertEqual(checker.evaluate(0, at: at(40), name: "pg1"), at(40))
    }

    func testAConfirmationClosesAZombieWindowOpenedBeforeIt() {
        var checker = FencedPrimaryChecker(nodeCount: 1, bound: .zero)
        XCTAssertNil(checker.setCoverage(0, until: at(20), at: at(0), name: "pg1"))
        XCTAssertNil(checker.setWritable(0, true, at: at(1), name: "pg1"))
        XCTAssertEqual(checker.evaluate(0, at: at(20), name: "pg1"), at(20))
        checker.confirmFailsafe(0, until: at(43), at: at(23), name: "pg1")
        XCTAssertEqual(checker.violations, [Violation(
            invariant: .fencedPrimary, at: at(20), until: at(23), nodes: ["pg1"],
            detail: "pg1 accepted writes for 3.0s without a live leader lease (0 writes accepted)")])
    }
}
