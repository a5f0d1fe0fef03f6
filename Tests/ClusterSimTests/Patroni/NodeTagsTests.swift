import XCTest

@testable import ClusterSim

/// `nofailover` and `failover_priority` combine as Patroni's `tags.py` combines them.
final class NodeTagsTests: XCTestCase {
    private func node(nofailover: Bool?, priority: Int) -> NodeOptions {
        var node = NodeOptions(name: "pg")
        node.nofailover = nofailover
        node.failoverPriority = priority
        return node
    }

    func testAnExplicitNofailoverTagWinsOverThePriority() {
        XCTAssertTrue(node(nofailover: true, priority: 5).forbidsFailover)
        XCTAssertEqual(node(nofailover: true, priority: 5).effectivePriority, 0)
        XCTAssertFalse(node(nofailover: false, priority: 0).forbidsFailover)
        XCTAssertEqual(node(nofailover: false, priority: 0).effectivePriority, 0)
    }

    func testWithoutTheTagAPriorityOfZeroForbidsFailover() {
        XCTAssertTrue(node(nofailover: nil, priority: 0).forbidsFailover)
        XCTAssertFalse(node(nofailover: nil, priority: 1).forbidsFailover)
        XCTAssertEqual(node(nofailover: nil, priority: 3).effectivePriority, 3)
    }
}
