import XCTest

@testable import ClusterSim

/// Events are plain data: one payload with a reference (a `String`, an array) would make
/// every heap move of every event retain and release through value witnesses.
final class PlainDataEventTests: XCTestCase {
    func testSimulationEventsHoldNoReferences() {
        XCTAssertTrue(_isPOD(SimEvent.self), "a SimEvent case carries a reference; keep it in a side table or as indices")
        XCTAssertTrue(_isPOD(Payload.self), "a message payload carries a reference; make it a HeldPayload case instead")
    }

    func testAQueuedEventFitsInOneCacheLine() {
        XCTAssertLessThanOrEqual(MemoryLayout<EventQueue<SimEvent>.Entry>.stride, 64,
                                 "an event case grew: every heap move now copies more than a cache line")
    }

    func testRefusalTextsAreWhatPostgreSQLSays() {
        XCTAssertEqual(WriteRejection.readOnly.text, "ERROR: cannot execute INSERT in a read-only transaction")
        XCTAssertEqual(WalRefusal.noSlot(node: 1).text(name: { "patroni\($0.index + 1)" }),
                       "replication slot \"patroni2\" does not exist")
        XCTAssertEqual(WalRefusal.forked(timeline: 1, fork: 0x3000060).text(name: { _ in "" }),
                       "requested starting point on timeline 1 is not in this server's history; "
                       + "this server's history forked from timeline 1 at 0/3000060")
    }

    func testANodeSetGivesBackTheSortedNodesItWasMadeOf() {
        for nodes: [NodeID] in [[], [0], [1, 2], [0, 3, 8], NodeID.all(64)] {
            XCTAssertEqual(NodeSet(nodes).nodes, nodes)
        }
    }
}
