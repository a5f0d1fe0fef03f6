import XCTest
@testable import ClusterSim

/// The leader race, rejoin and tag rules of PATRONI.md §2-§4.
final class LeaderRaceTests: XCTestCase {
    func testBootstrapGivesOneLeaderAndTwoStreamingReplicasOnTimelineOne() {
        let report = ClusterHarness(seed: 1).run(for: .s(40))
        XCTAssertEqual(report.final.members.filter { $0.role == .leader }.count, 1)
        XCTAssertEqual(report.final.members.filter { $0.role == .replica && $0.state == "streaming" }.count, 2)
        XCTAssertEqual(Set(report.final.members.compactMap(\.timeline)), [1])
        XCTAssertNotNil(report.first(.initialized))
        XCTAssertEqual(report.all(.basebackupDone).count, 2)
    }

    func testANofailoverReplicaNeverTakesTheLock() {
        for seed in UInt64(1)...4 {
            var cluster = ClusterHarness(seed: seed) { options in
                options.nodes[0].nofailover = true
                options.nodes[2].nofailover = true
            }
            cluster.kill(.leader, at: .s(60))
            let report = cluster.run(for: .s(120))
            let winner = report.failovers.first?.newLeader
            XCTAssertNotEqual(winner, "patroni1", "seed \(seed)")
            XCTAssertNotEqual(winner, "patroni3", "seed \(seed)")
        }
    }

    func testAtEqualWalTheHigherFailoverPriorityWins() throws {
        var reached = 0
        let seeds: ClosedRange<UInt64> = 1...4
        for seed in seeds {
            var cluster = ClusterHarness(seed: seed)
            let bootstrap = cluster.run(for: .s(60))
            let leader = try XCTUnwrap(bootstrap.final.leaderKeyHolder, "seed \(seed)")
            // The replica that sorts last gets the higher priority, so a tie broken by name would pick the other.
            let favoured = try XCTUnwrap(cluster.options.nodes.map(\.name).last { $0 != leader })
            let index = try XCTUnwrap(cluster.options.nodes.firstIndex { $0.name == favoured })
            cluster.options.nodes[index].failoverPriority = 2
            cluster.stop(cluster.node(leader), at: .s(60))
            let report = cluster.run(for: .s(100))
            XCTAssertEqual(report.failovers.first?.oldLeader, leader, "seed \(seed)")
            XCTAssertEqual(report.failovers.first?.newLeader, favoured, "seed \(seed)")
            reached += 1
        }
        XCTAssertEqual(reached, seeds.count, "every seed reaches the check")
    }

    func testALaggingReplicaCannotWinTheRace() {
        // one replica loses its stream at 40 s and falls 2 MB behind before the leader dies.
        var cluster = ClusterHarness(seed: 3) { options in
            options.workload.writesPerSecond = 250
            options.postgres.walBytesPerWrite = 400
        }
        let bootstrap = cluster.run(for: .s(30))
        let leader = try! XCTUnwrap(bootstrap.finalLeader?.name)
        let laggard = bootstrap.final.members.first { $0.name != leader }!.name
        let other = bootstrap.final.members.first { $0.name != leader && $0.name != laggard }!.name
        cluster.partition(cluster.node(laggard), from: [.otherNodes], at: .s(40))
        cluster.kill(cluster.node(leader), at: .s(62))
        let report = cluster.run(for: .s(130))
        XCTAssertEqual(report.failovers.first?.newLeader, other)
        XCTAssertTrue(report.timeline.contains { $0.host == laggard && $0.message == "My wal position exceeds maximum replication lag" })
    }

    func testAQuickRestartOfTheLeaderReclaimsItsKeyOnTheSameTimeline() {
        var cluster = ClusterHarness(seed: 2)
        cluster.kill(.leader, at: .s(60))
        let bootstrap = cluster.run(for: .s(30))
        let leader = try! XCTUnwrap(bootstrap.finalLeader?.name)
        cluster.start(cluster.node(leader), at: .s(64))
        let report = cluster.run(for: .s(100))
        XCTAssertNil(report.failovers.first?.lockAcquiredAt)
        XCTAssertEqual(report.finalLeader?.name, leader)
        XCTAssertEqual(report.finalLeader?.timeline, 1)
        XCTAssertTrue(report.timeline.contains { $0.host == leader && $0.message == "starting primary after failure" })
    }

    func testARejoinAfterACrashRewindsAndAfterAGracefulStopDoesNot() {
        for (action, rewinds) in [("kill", 1), ("stop", 0)] {
            var cluster = ClusterHarness(seed: 6)
            if action == "kill" { cluster.kill(.leader, at: .s(60)) } else { cluster.stop(.leader, at: .s(60)) }
            cluster.start(.previous, at: .s(120))
            let report = cluster.run(for: .s(180))
            XCTAssertEqual(report.all(.rewindDone).count, rewinds, action)
            XCTAssertEqual(report.final.members.filter { $0.role == .replica && $0.state == "streaming" && $0.timeline == 2 }.count, 2, action)
            XCTAssertEqual(report.writes.lost, 0, action)
        }
    }

    /// The leader loses its replicas (not etcd) at 60 s and keeps acknowledging writes
    /// that never replicate; it dies at 70 s, a replica takes over, and it is restarted at 120 s.
    private func divergedFormerPrimary(usePgRewind: Bool) -> (leader: String, report: Report) {
        var cluster = ClusterHarness(seed: 6) { $0.patroni.usePgRewind = usePgRewind }
        let leader = try! XCTUnwrap(cluster.run(for: .s(30)).finalLeader?.name)
        cluster.partition(cluster.node(leader), from: [.otherNodes], at: .s(60))
        cluster.kill(cluster.node(leader), at: .s(70))
        cluster.heal(at: .s(115))
        cluster.start(cluster.node(leader), at: .s(120))
        return (leader, cluster.run(for: .s(180)))
    }

    func testWritesAckedOnlyByAnIsolatedPrimaryAreCountedAsLost() {
        let (_, report) = divergedFormerPrimary(usePgRewind: true)
        // About ten seconds of writes at 20 per second reached no replica.
        XCTAssertGreaterThanOrEqual(report.writes.lost, 190)
        XCTAssertLessThanOrEqual(report.writes.lost, 201)
        XCTAssertEqual(report.all(.rewindDone).count, 1)
    }

    func testWithoutPgRewindADivergedFormerPrimaryCannotStream() {
        let (leader, report) = divergedFormerPrimary(usePgRewind: false)
        XCTAssertEqual(report.all(.rewindDone).count, 0)
        XCTAssertTrue(report.timeline.contains { $0.host == leader && $0.message.contains("not in this server's history") })
        let row = report.final.members.first { $0.name == leader }!
        XCTAssertNotEqual(row.state, "streaming")
    }

    func testTwoFailoversGiveTimelineThreeAndTwoHistoryLines() {
        var cluster = ClusterHarness(seed: 8)
        cluster.kill(.leader, at: .s(60))
        cluster.kill(.leader, at: .s(110))
        let report = cluster.run(for: .s(160))
        XCTAssertEqual(report.failovers.count, 2)
        XCTAssertEqual(report.finalLeader?.timeline, 3)
        let history = try! XCTUnwrap(report.final.keys.first { $0.key.hasSuffix("/history") })
        XCTAssertTrue(history.value.hasPrefix("[[1,"))
        XCTAssertTrue(history.value.contains("],[2,"))
    }

    func testKillingAReplicaCausesNoFailover() {
        var cluster = ClusterHarness(seed: 1)
        cluster.kill(.replica, at: .s(60))
        let report = cluster.run(for: .s(120))
        XCTAssertTrue(report.failovers.isEmpty)
        XCTAssertEqual(report.finalLeader?.timeline, 1)
        XCTAssertEqual(report.writes.failed, 0)
    }
}

/// `recovery.feature`: a crash of PostgreSQL alone on the leader.
final class PostgresCrashTests: XCTestCase {
    func testACrashedPrimaryRestartsInPlaceOnTheSameTimelineByDefault() {
        var cluster = ClusterHarness(seed: 4)
        cluster.options.faults = [Fault(at: .zero + .s(60), action: .killPostgres(.leader))]
        let report = cluster.run(for: .s(100))
        XCTAssertNil(report.failovers.first?.lockAcquiredAt)
        XCTAssertEqual(report.finalLeader?.timeline, 1)
        XCTAssertNotNil(report.timeline.first { $0.message == "starting primary after failure" })
    }

    func testWithPrimaryStartTimeoutZeroAReplicaTakesOverAtOnce() {
        var cluster = ClusterHarness(seed: 4) { $0.patroni.primaryStartTimeout = 0 }
        cluster.options.faults = [Fault(at: .zero + .s(60), action: .killPostgres(.leader))]
        let report = cluster.run(for: .s(130))
        let failover = try! XCTUnwrap(report.failovers.first)
        XCTAssertEqual(failover.leaderKeyGoneHow, "released")
        XCTAssertNotEqual(failover.newLeader, failover.oldLeader)
        // recovery.feature: "postgres-1 is leader within 10 s" (next cycle ≤ loop_wait).
        XCTAssertLessThanOrEqual(try! XCTUnwrap(report.failoverSeconds), 10 + 1)
        XCTAssertEqual(report.finalLeader?.timeline, 2)
        XCTAssertNotNil(report.timeline.first { $0.message == "Primary crashed. Failing over." })
        XCTAssertEqual(report.violations, [])
    }
}
