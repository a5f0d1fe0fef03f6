import XCTest
@testable import ClusterSim

/// Per-node wall clocks (offset and drift) and how they pace Patroni's HA loop
/// (PATRONI.md §1.2, §7.3).
final class NodeClockTests: XCTestCase {
    func testTheDefaultClockIsTheSimulationClock() {
        let clock = NodeClock()
        XCTAssertEqual(clock.wall(at: .zero + .s(123)), .zero + .s(123))
        XCTAssertEqual(clock.realDuration(.s(10)), .s(10))
    }

    func testAnOffsetAndADriftMoveTheWallClock() {
        let clock = NodeClock(offset: .s(2), driftPPM: 500)
        XCTAssertEqual(clock.wall(at: .zero + .s(100)), .zero + .s(102) + .millis(50))
    }

    func testAWallClockIntervalLastsItsLengthDividedByOnePlusTheDrift() {
        XCTAssertEqual(NodeClock(driftPPM: 500_000).realDuration(.s(3)), .s(2))
        XCTAssertEqual(NodeClock(driftPPM: -300_000).realDuration(.s(7)), .s(10))
        // Rounded up, so that a nap never ends before its wall-clock deadline.
        XCTAssertEqual(NodeClock(driftPPM: 500).realDuration(.s(2)), .micros(1_999_001))
    }

    func testAStepMovesOnlyTheOffset() {
        var clock = NodeClock(driftPPM: 1_000)
        clock.step(by: .zero - .s(40))
        XCTAssertEqual(clock.wall(at: .zero + .s(1_000)), .zero + .s(961))
        XCTAssertEqual(clock.driftPPM, 1_000)
    }

    /// The mean spacing of the single leader's lease renewals between 40 s and 100 s, with
    /// every node's clock drifting at `drift` ppm.
    private func leaderLoopSeconds(drift: Int64) -> Double {
        var cluster = ClusterHarness(seed: 2) { options in
            for index in options.nodes.indices { options.nodes[index].clock = NodeClock(driftPPM: drift) }
        }
        cluster.options.workload.writesPerSecond = 0
        let renewals = (cluster.run(for: .s(100)).history?.leaseRenewals ?? [])
            .filter { $0.at >= .zero + .s(40) }
        guard let first = renewals.first, let last = renewals.last, renewals.count > 2 else { return 0 }
        return (last.at - first.at).seconds / Double(renewals.count - 1)
    }

    func testAFastClockOnTheLeaderShortensItsLoop() {
        XCTAssertEqual(leaderLoopSeconds(drift: 0), 10, accuracy: 0.01)
        XCTAssertEqual(leaderLoopSeconds(drift: 500_000), 10 / 1.5, accuracy: 0.01)
    }

    func testASlowClockOnTheLeaderLengthensItsLoop() {
        XCTAssertEqual(leaderLoopSeconds(drift: -300_000), 10 / 0.7, accuracy: 0.01)
    }

    /// A clock so slow that a `loop_wait` nap outlasts `ttl` (10 s / 0.3 > 30 s): the
    /// leader's lease expires between its renewals, although nothing failed.
    func testAVerySlowClockLetsTheLeaderLoseItsLock() {
        func expiries(drift: Int64) -> Int {
            let cluster = ClusterHarness(seed: 2) { options in
                for index in options.nodes.indices { options.nodes[index].clock = NodeClock(driftPPM: drift) }
            }
            return cluster.run(for: .s(150)).timeline.filter { $0.message.hasPrefix("leader key expired") }.count
        }
        XCTAssertEqual(expiries(drift: 0), 0)
        XCTAssertGreaterThan(expiries(drift: -700_000), 0)
    }

    /// `(L + R + ε)(1 + ρ) < T` (PATRONI.md §7.3): an isolated leader whose clock runs at
    /// half speed demotes only after its lease expired and a replica was promoted.
    func testASlowClockOnAnIsolatedLeaderSplitsTheBrain() {
        func invariants(drift: Int64) -> [String] {
            var cluster = ClusterHarness(seed: 1) { options in
                for index in options.nodes.indices { options.nodes[index].clock = NodeClock(driftPPM: drift) }
            }
            cluster.partition(.leader, from: [.etcd, .otherNodes], at: .s(60))
            return cluster.run(for: .s(150)).violations.map(\.invariant.rawValue)
        }
        XCTAssertFalse(invariants(drift: 0).contains("single-writable-primary"))
        XCTAssertTrue(invariants(drift: -500_000).contains("single-writable-primary"))
    }
}
