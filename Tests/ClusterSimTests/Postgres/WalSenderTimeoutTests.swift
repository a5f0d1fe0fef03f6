import XCTest

@testable import ClusterSim

/// The primary knows its standbys only through its walsenders: a synchronous standby cut
/// off from it stays "connected" until `wal_sender_timeout` ends the walsender, and only
/// then does Patroni's sync handler, which reads `pg_stat_replication`, move `/sync`.
final class WalSenderTimeoutTests: XCTestCase {
    func testAPartitionedSyncStandbyKeepsSyncDutyUntilTheWalSenderTimesOut() throws {
        var reached = 0
        let seeds: ClosedRange<UInt64> = 1...3
        for seed in seeds {
            var cluster = ClusterHarness(seed: seed) { $0.patroni.synchronousMode = true }
            let cut = SimInstant.zero + .s(60)
            let before = cluster.run(for: cut - .zero)
            let standby = try XCTUnwrap(before.final.syncStandbys?.first, "seed \(seed): a sync standby before the cut")
            let leader = try XCTUnwrap(before.final.leaderKeyHolder)
            let other = try XCTUnwrap(before.final.members.map(\.name).first { $0 != standby && $0 != leader })
            cluster.partition(cluster.node(standby), from: [.otherNodes], at: cut - .zero)
            let timeout = cluster.options.postgres.walSenderTimeout
            XCTAssertEqual(cluster.run(for: cut - .zero + timeout - .s(11)).final.syncStandbys, [standby],
                           "seed \(seed): the primary still sees its standby")
            let report = cluster.run(for: cut - .zero + timeout + .s(40))
            let ended = try XCTUnwrap(report.timeline.first {
                $0.host == leader && $0.message == "terminating walsender process for \(standby) due to replication timeout"
            }, "seed \(seed)")
            XCTAssertGreaterThanOrEqual(ended.at - cut, timeout - cluster.options.postgres.walReceiverStatusInterval,
                                        "seed \(seed): at most one status interval before the cut was the last reply")
            XCTAssertLessThanOrEqual(ended.at - cut, timeout + .s(1), "seed \(seed)")
            let moved = try XCTUnwrap(report.timeline.first { $0.message == "Synchronous standby status assigned to [\(other)]" },
                                      "seed \(seed)")
            XCTAssertGreaterThan(moved.at, ended.at, "seed \(seed): /sync moves only once the walsender is gone")
            XCTAssertLessThan(moved.at - ended.at, .s(Int64(cluster.options.patroni.loopWait)) + .s(3), "seed \(seed): at the next cycle")
            XCTAssertEqual(report.final.syncStandbys, [other], "seed \(seed)")
            XCTAssertEqual(report.writes.lost, 0, "seed \(seed)")
            reached += 1
        }
        XCTAssertEqual(reached, seeds.count, "every seed reaches the checks")
    }
}
