import XCTest

@testable import ClusterSim

/// Events are plain data: one payload with a reference (a `String`, an array) would make
/// every heap move of every event retain and release through value witnesses.
final class PlainDataEventTests: XCTestCase {
    func testSimulationEventsHoldNoReferences() {
        XCTAssertTrue(_isPOD(SimEvent.self), "a SimEvent case carries a reference; keep it in a side table or as indices")
    }

    func testANodeSetGivesBackTheSortedNodesItWasMadeOf() {
        for nodes in [[], [0], [1, 2], [0, 3, 8], Array(0..<64)] {
            XCTAssertEqual(NodeSet(nodes).nodes, nodes)
        }
    }
}
