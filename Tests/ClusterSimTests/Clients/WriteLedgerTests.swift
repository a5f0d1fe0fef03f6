import XCTest

@testable import ClusterSim

/// The clients' write accounting: counts, failure reasons and outage windows.
final class WriteLedgerTests: XCTestCase {
    private func at(_ seconds: Int64) -> SimInstant { SimInstant(microseconds: seconds * 1_000_000) }

    // MARK: Outages

    func testFailuresBeforeTheFirstAcknowledgementStartNoOutage() {
        var ledger = WriteLedger()
        ledger.fail("connection refused", at: at(1))
        ledger.fail("connection refused", at: at(2))
        XCTAssertNil(ledger.outageStart)
        ledger.ack(at: at(3))
        XCTAssertNil(ledger.longestOutage)
        ledger.close(at: at(10))
        XCTAssertNil(ledger.longestOutage)
        XCTAssertEqual(ledger.failed, 2)
        XCTAssertEqual(ledger.failuresByReason, [ReasonCount(reason: "connection refused", count: 2)])
    }

    func testAnOutageRunsFromTheLastAcknowledgementToTheNextOne() {
        var ledger = WriteLedger()
        ledger.ack(at: at(2))
        ledger.fail("timeout", at: at(5))
        ledger.fail("read-only", at: at(6))
        XCTAssertEqual(ledger.outageStart, at(2))
        ledger.ack(at: at(7))
        XCTAssertEqual(ledger.longestOutage, OutageWindow(from: at(2), until: at(7)))
        XCTAssertNil(ledger.outageStart)
        XCTAssertEqual(ledger.failuresByReason, [ReasonCount(reason: "read-only", count: 1), ReasonCount(reason: "timeout", count: 1)])
    }

    func testTheLongestOutageWindowIsKept() {
        var ledger = WriteLedger()
        ledger.ack(at: at(2))
        ledger.fail("timeout", at: at(3))
        ledger.ack(at: at(7))   // 2...7
        ledger.fail("timeout", at: at(8))
        ledger.ack(at: at(9))   // 7...9, shorter
        XCTAssertEqual(ledger.longestOutage, OutageWindow(from: at(2), until: at(7)))
        ledger.fail("timeout", at: at(10))
        ledger.ack(at: at(20))  // 9...20, longer
        XCTAssertEqual(ledger.longestOutage, OutageWindow(from: at(9), until: at(20)))
    }

    func testCloseEndsAnOutageStillOpenAtTheEndOfTheRun() {
        var ledger = WriteLedger()
        ledger.ack(at: at(2))
        ledger.fail("timeout", at: at(3))
        ledger.ack(at: at(4))   // 2...4
        ledger.fail("timeout", at: at(5))
        ledger.close(at: at(30))                                         // 4...30
        XCTAssertEqual(ledger.longestOutage, OutageWindow(from: at(4), until: at(30)))
        XCTAssertNil(ledger.outageStart)
        ledger.close(at: at(40))
        XCTAssertEqual(ledger.longestOutage, OutageWindow(from: at(4), until: at(30)), "closing twice changes nothing")
    }
}
