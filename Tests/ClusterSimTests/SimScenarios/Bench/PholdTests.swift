import XCTest

@testable import SimScenarios

/// PHOLD is deterministic: its checksum of deliveries per process and the virtual time it
/// reaches depend only on the seed, through ClusterSim's scheduler and random streams.
final class PholdTests: XCTestCase {
    func testTheSameSeedGivesTheSameDeliveriesAndVirtualTime() {
        let first = Phold.run(processes: 100, events: 20_000, seed: 5)
        let second = Phold.run(processes: 100, events: 20_000, seed: 5)
        XCTAssertEqual(first.events, 20_000)
        XCTAssertEqual(first.checksum, second.checksum)
        XCTAssertEqual(first.virtualTime, second.virtualTime)
        XCTAssertNotEqual(Phold.run(processes: 100, events: 20_000, seed: 6).checksum, first.checksum)
    }

    /// Pinned from the scheduler and the exponential draws as they were before the logarithm
    /// read its exponent from the bits: a change here means PHOLD no longer runs the same model.
    func testASmallRunIsPinned() {
        let result = Phold.run(processes: 100, events: 20_000, seed: 5)
        XCTAssertEqual(result.checksum, 11_377_717_832_409_162_415)
        XCTAssertEqual(result.virtualTime, 218.658364)
    }
}
