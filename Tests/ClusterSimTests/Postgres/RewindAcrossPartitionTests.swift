import XCTest

@testable import ClusterSim

/// pg_rewind and its check reach the new leader only over the network: a former leader cut
/// off from the other nodes cannot learn the leader's timeline nor copy its data, and
/// Patroni retries as `Rewind` does (PATRONI.md §4.2).
final class RewindAcrossPartitionTests: XCTestCase {
    private let seeds: ClosedRange<UInt64> = 1...3

    /// The crashed leader is cut off from the other nodes before it restarts, and the
    /// partition heals 80 s later.
    func testTheRewindCheckFailsBehindAPartitionAndTheRewindRunsAfterTheHeal() {
        var reached = 0
        for seed in seeds {
            var cluster = ClusterHarness(seed: seed)
            cluster.kill(.leader, at: .s(60))
            cluster.partition(.previous, from: [.otherNodes], at: .s(110))
            cluster.start(.previous, at: .s(120))
            cluster.heal(at: .s(200))
            let report = cluster.run(for: .s(260))
            guard let failover = report.failovers.first, let newLeader = failover.newLeader else {
                XCTFail("seed \(seed): no failover")
                continue
            }
            let old = failover.oldLeader
            let heal = SimInstant.zero + .s(200)
            let entries = report.timeline.filter { $0.host == old }
            let checks = entries.filter { $0.kind == .rewindCheckFailed && $0.at < heal }
            XCTAssertGreaterThanOrEqual(checks.count, 3, "seed \(seed): the check runs again every cycle")
            XCTAssertTrue(checks.allSatisfy { $0.message == "Exception when working with leader \(newLeader)" }, "seed \(seed)")
            XCTAssertFalse(entries.contains { ($0.kind == .rewind || $0.kind == .rewindDone) && $0.at < heal },
                           "seed \(seed): no rewind while the leader is out of reach")
            guard let rewind = entries.first(where: { $0.kind == .rewind }),
                  let done = entries.first(where: { $0.kind == .rewindDone }) else {
                XCTFail("seed \(seed): no rewind after the heal")
                continue
            }
            XCTAssertLessThanOrEqual(rewind.at - heal, .s(Int64(cluster.options.patroni.loopWait)) + .s(1),
                                     "seed \(seed): the first cycle after the heal decides")
            XCTAssertEqual(done.message, "pg_rewind from \(newLeader) done", "seed \(seed)")
            let row = report.final.members.first { $0.name == old }
            XCTAssertEqual(row?.state, "streaming", "seed \(seed)")
            XCTAssertEqual(row?.timeline, 2, "seed \(seed)")
            XCTAssertEqual(report.violations, [], "seed \(seed)")
            reached += 1
        }
        XCTAssertEqual(reached, seeds.count, "every seed reaches the checks")
    }

    /// The partition starts while pg_rewind copies: the copy times out after the connect
    /// timeout, Patroni finds the leader unreachable, and every later cycle tries again
    /// (each failing the 3 s check) until the heal.
    func testAPartitionDuringTheRewindFailsItAndPatroniRetriesEveryCycle() throws {
        var reached = 0
        for seed in seeds {
            var cluster = ClusterHarness(seed: seed)
            cluster.kill(.leader, at: .s(60))
            cluster.start(.previous, at: .s(120))
            let free = cluster.run(for: .s(180))
            let old = try XCTUnwrap(free.failovers.first?.oldLeader, "seed \(seed)")
            let newLeader = try XCTUnwrap(free.failovers.first?.newLeader, "seed \(seed)")
            let started = try XCTUnwrap(free.first(.rewind, on: old), "seed \(seed): a rewind without partition").at
            let cut = started + .millis(500)
            let heal = cut + .s(180)
            cluster.partition(.previous, from: [.otherNodes], at: cut - .zero)
            cluster.heal(at: heal - .zero)
            let report = cluster.run(for: heal - .zero + .s(60))
            let entries = report.timeline.filter { $0.host == old }
            let copyFailed = try XCTUnwrap(entries.first { $0.kind == .rewindFailed }, "seed \(seed)")
            XCTAssertEqual(copyFailed.message,
                           "pg_rewind: error: could not connect to the source server \(newLeader): Connection timed out")
            let timeout = cluster.options.postgres.connectTimeout
            XCTAssertGreaterThanOrEqual(copyFailed.at - started, timeout, "seed \(seed): the copy hangs for the connect timeout")
            XCTAssertLessThan(copyFailed.at - started, timeout + .s(5), "seed \(seed)")
            let verdict = entries.first { $0.message == "Failed to rewind because primary \(newLeader) become unreachable" }
            XCTAssertEqual(verdict.map { $0.at - copyFailed.at }, Node.rewindCheckTimeout, "seed \(seed): after one more 3 s check")
            let retries = entries.filter { $0.kind == .rewind && $0.at > copyFailed.at && $0.at < heal }
            XCTAssertGreaterThanOrEqual(retries.count, 2, "seed \(seed): the state stays NEED and every cycle retries")
            XCTAssertFalse(entries.contains { $0.kind == .rewindDone && $0.at < heal }, "seed \(seed)")
            let done = try XCTUnwrap(entries.first { $0.kind == .rewindDone }, "seed \(seed): rewound after the heal")
            XCTAssertLessThan(done.at - heal, .s(Int64(cluster.options.patroni.loopWait)) + .s(5), "seed \(seed)")
            XCTAssertEqual(report.final.members.first { $0.name == old }?.state, "streaming", "seed \(seed)")
            XCTAssertEqual(report.violations, [], "seed \(seed)")
            reached += 1
        }
        XCTAssertEqual(reached, seeds.count, "every seed reaches the checks")
    }
}
