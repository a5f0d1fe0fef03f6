import XCTest
@testable import ClusterSim

/// A promoted standby writes its end-of-recovery checkpoint record on the new timeline, and
/// standbys already streaming from it switch to that timeline (`recovery_target_timeline =
/// 'latest'`) without waiting for a client write.
final class TimelineSwitchTests: XCTestCase {
    /// The lab cluster with client writes until `stopWritesAt`, then none (every node cut off
    /// from the clients, so HAProxy routes nothing), or no workload at all when nil.
    private func quietCluster(seed: UInt64, stopWritesAt: SimDuration?) -> ClusterHarness {
        var cluster = ClusterHarness(seed: seed) { options in
            if stopWritesAt == nil { options.workload.writesPerSecond = 0 }
        }
        if let stopWritesAt {
            for name in ["patroni1", "patroni2", "patroni3"] {
                cluster.partition(cluster.node(name), from: [.clients], at: stopWritesAt)
            }
        }
        return cluster
    }

    func testReplicasFollowAPromotionWithoutWritesToTheNewTimeline() throws {
        for seed in UInt64(1)...6 {
            for stopWritesAt in [nil, SimDuration.s(50)] {
                let label = "seed \(seed), writes stopped at \(stopWritesAt.map { "\($0)" } ?? "never started")"
                var cluster = quietCluster(seed: seed, stopWritesAt: stopWritesAt)
                cluster.stop(.leader, at: .s(60))
                let (simulation, report) = cluster.simulate(for: .s(180))
                if stopWritesAt == nil {
                    XCTAssertEqual(report.writes.attempted, 0, label)
                } else {
                    XCTAssertGreaterThan(report.writes.acked, 0, label)
                }
                let leader = try XCTUnwrap(report.finalLeader, label)
                XCTAssertEqual(leader.timeline, 2, label)
                for row in report.final.members where row.role == .replica {
                    XCTAssertEqual(row.state, "streaming", "\(label): \(row.name)")
                    XCTAssertEqual(row.timeline, 2, "\(label): \(row.name)")
                }
                let leaderIndex = try XCTUnwrap(simulation.options.nodes.firstIndex { $0.name == leader.name })
                for node in simulation.postgres.indices where simulation.postgres[node].state == .running {
                    XCTAssertEqual(simulation.postgres[node].branch, simulation.postgres[leaderIndex].branch,
                                   "\(label): \(simulation.options.nodes[node].name) is on another branch")
                }
                let failover = try XCTUnwrap(report.failovers.first, label)
                let promoted = try XCTUnwrap(failover.promotedAt, label)
                let following = try XCTUnwrap(failover.replicasFollowingAt, "\(label): replicas never followed")
                XCTAssertLessThan((following - promoted).seconds, 1, label)
                XCTAssertTrue(report.liveness.held, label)
                XCTAssertTrue(report.violations.isEmpty, "\(label): \(report.violations)")
            }
        }
    }

    func testAFailoverAfterAPromotionWithoutWritesPromotesToTheNextTimeline() {
        for seed in UInt64(1)...6 {
            var cluster = quietCluster(seed: seed, stopWritesAt: .s(50))
            cluster.stop(.leader, at: .s(60))
            cluster.kill(.leader, at: .s(120))
            cluster.start(cluster.node("patroni1"), at: .s(180))
            cluster.start(cluster.node("patroni2"), at: .s(180))
            cluster.start(cluster.node("patroni3"), at: .s(180))
            let report = cluster.run(for: .s(300))
            XCTAssertEqual(report.failovers.compactMap(\.timeline), [2, 3], "seed \(seed)")
            XCTAssertFalse(report.violations.contains { $0.invariant == .timelineMonotonic }, "seed \(seed): \(report.violations)")
            XCTAssertEqual(report.finalLeader?.timeline, 3, "seed \(seed)")
            for row in report.final.members where row.role == .replica {
                XCTAssertEqual(row.state, "streaming", "seed \(seed): \(row.name)")
                XCTAssertEqual(row.timeline, 3, "seed \(seed): \(row.name)")
            }
            XCTAssertTrue(report.liveness.held, "seed \(seed)")
            XCTAssertTrue(report.violations.isEmpty, "seed \(seed): \(report.violations)")
        }
    }
}
