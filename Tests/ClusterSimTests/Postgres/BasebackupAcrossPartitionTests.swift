import XCTest

@testable import ClusterSim

/// `pg_basebackup` copies the leader's data over the network: behind a partition it hangs
/// for the connect timeout and fails, and Patroni retries as `Bootstrap.clone` does.
final class BasebackupAcrossPartitionTests: XCTestCase {
    func testAReinitBehindAPartitionFailsIsRetriedAndSucceedsAfterTheHeal() throws {
        var reached = 0
        let seeds: ClosedRange<UInt64> = 1...3
        for seed in seeds {
            var cluster = ClusterHarness(seed: seed)
            cluster.partition(.replica, from: [.otherNodes], at: .s(60))
            cluster.options.faults.append(Fault(at: .zero + .s(70), action: .reinit(.replica)))
            let heal = SimInstant.zero + .s(300)
            cluster.heal(at: heal - .zero)
            let report = cluster.run(for: .s(520))
            let reinit = try XCTUnwrap(report.timeline.first { $0.message.hasPrefix("reinitialize requested") }, "seed \(seed)")
            let node = try XCTUnwrap(reinit.host)
            let leader = try XCTUnwrap(report.final.leaderKeyHolder)
            let entries = report.timeline.filter { $0.host == node && $0.at >= reinit.at }
            let failures = entries.filter { $0.message.hasPrefix("pg_basebackup: error:") }
            XCTAssertGreaterThanOrEqual(failures.count, 2, "seed \(seed)")
            XCTAssertEqual(failures.first?.message,
                           "pg_basebackup: error: could not connect to the source server \(leader): Connection timed out")
            let timeout = cluster.options.postgres.connectTimeout
            let firstFailure = try XCTUnwrap(failures.first).at
            XCTAssertGreaterThanOrEqual(firstFailure - reinit.at, timeout, "seed \(seed): the connect hangs for the timeout")
            XCTAssertLessThan(firstFailure - reinit.at, timeout + .s(5), "seed \(seed)")
            let retry = try XCTUnwrap(entries.first { $0.message == "Trying again in 5 seconds" }, "seed \(seed)")
            XCTAssertEqual(retry.at, firstFailure)
            let secondFailure = try XCTUnwrap(failures.dropFirst().first).at
            XCTAssertGreaterThanOrEqual(secondFailure - firstFailure, .s(5) + timeout, "seed \(seed): the second try after 5 s")
            XCTAssertTrue(entries.contains { $0.message == "failed to bootstrap from leader '\(leader)'" && $0.at == secondFailure },
                          "seed \(seed): two tries, then the clone fails")
            let created = try XCTUnwrap(entries.first { $0.kind == .basebackupDone }, "seed \(seed): cloned after the heal")
            XCTAssertGreaterThan(created.at, heal, "seed \(seed): no copy crosses the partition")
            XCTAssertEqual(report.final.members.first { $0.name == node }?.state, "streaming", "seed \(seed)")
            XCTAssertEqual(report.violations, [], "seed \(seed)")
            reached += 1
        }
        XCTAssertEqual(reached, seeds.count, "every seed reaches the checks")
    }
}
