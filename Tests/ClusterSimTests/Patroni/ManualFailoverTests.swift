import XCTest
@testable import ClusterSim

/// Manual switchover and failover requests and pause mode (PATRONI.md §6, §1.3-§1.4).
final class ManualFailoverTests: XCTestCase {
    /// The leader and the replicas (in node order) of the lab cluster at 50 s for `seed`;
    /// requests made later in a run with the same seed find the same roles.
    private func roles(seed: UInt64) -> (leader: String, replicas: [String]) {
        let report = ClusterHarness(seed: seed).run(for: .s(50))
        let leader = report.finalLeader?.name ?? ""
        return (leader, report.final.members.map(\.name).filter { $0 != leader })
    }

    private func target(_ cluster: ClusterHarness, _ name: String) -> FaultTarget { cluster.node(name) }

    private func add(_ action: FaultAction, at seconds: Int64, to cluster: inout ClusterHarness) {
        cluster.options.faults.append(Fault(at: .zero + .s(seconds), action: action))
    }

    /// The timeline messages of kind `manual-failover`.
    private func answers(_ report: Report) -> [String] { report.all(.manualFailover).map(\.message) }

    func testASwitchoverToANamedCandidateHandsTheLeadOverCleanly() {
        for seed in UInt64(1)...3 {
            let (leader, replicas) = roles(seed: seed)
            let candidate = replicas[1]
            var cluster = ClusterHarness(seed: seed)
            add(.switchover(candidate: target(cluster, candidate), scheduledAt: nil), at: 60, to: &cluster)
            let report = cluster.run(for: .s(120))
            XCTAssertEqual(report.failovers.count, 1, "seed \(seed)")
            let failover = report.failovers.first
            XCTAssertEqual(failover?.fault, "switchover to \(candidate)", "seed \(seed)")
            XCTAssertEqual(failover?.oldLeader, leader, "seed \(seed)")
            XCTAssertEqual(failover?.newLeader, candidate, "seed \(seed)")
            XCTAssertEqual(failover?.leaderKeyGoneHow, "released", "seed \(seed)")
            XCTAssertLessThan((failover?.promotedAt ?? .zero) - (.zero + .s(60)), .s(4), "seed \(seed)")
            XCTAssertEqual(report.finalLeader?.name, candidate, "seed \(seed)")
            let old = report.final.members.first { $0.name == leader }
            XCTAssertEqual(old?.role, .replica, "seed \(seed)")
            XCTAssertEqual(old?.state, "streaming", "seed \(seed)")
            XCTAssertEqual(old?.timeline, 2, "seed \(seed)")
            XCTAssertEqual(report.writes.lost, 0, "seed \(seed)")
            XCTAssertEqual(report.violations.count, 0, "seed \(seed)")
            XCTAssertTrue(answers(report).contains("POST /switchover: 200 Successfully switched over to \"\(candidate)\""), "seed \(seed)")
            XCTAssertNotNil(report.first(.keyReleased, on: leader), "the old leader releases its key after a clean stop, seed \(seed)")
            XCTAssertNil(report.first(.rewind, on: leader), "its shutdown checkpoint reached the candidate: no pg_rewind, seed \(seed)")
        }
    }

    func testASwitchoverWithoutCandidatePicksTheHealthiestMember() {
        for seed in UInt64(1)...3 {
            let (_, replicas) = roles(seed: seed)
            for preferred in replicas {
                var cluster = ClusterHarness(seed: seed)
                let index = cluster.options.nodes.firstIndex { $0.name == preferred } ?? 0
                cluster.options.nodes[index].failoverPriority = 2
                add(.switchover(candidate: nil, scheduledAt: nil), at: 60, to: &cluster)
                let report = cluster.run(for: .s(100))
                XCTAssertEqual(report.failovers.first?.newLeader, preferred, "seed \(seed): equal WAL, higher priority")
                XCTAssertEqual(report.failovers.first?.fault, "switchover", "seed \(seed)")
            }
        }
    }

    func testASwitchoverToANofailoverNodeIsRefusedAndNothingChanges() {
        let (leader, replicas) = roles(seed: 2)
        var cluster = ClusterHarness(seed: 2)
        let index = cluster.options.nodes.firstIndex { $0.name == replicas[0] } ?? 0
        cluster.options.nodes[index].nofailover = true
        add(.switchover(candidate: target(cluster, replicas[0]), scheduledAt: nil), at: 60, to: &cluster)
        let report = cluster.run(for: .s(100))
        XCTAssertEqual(answers(report), ["POST /switchover: 412 switchover is not possible: no good candidates have been found"])
        XCTAssertTrue(report.failovers.isEmpty)
        XCTAssertEqual(report.finalLeader?.name, leader)
        XCTAssertEqual(report.finalLeader?.timeline, 1)
    }

    func testInSynchronousModeOnlyTheSynchronousStandbyCanTakeOver() {
        let (leader, replicas) = roles(seed: 1)
        var cluster = ClusterHarness(seed: 1) { $0.patroni.synchronousMode = true }
        add(.switchover(candidate: target(cluster, replicas[1]), scheduledAt: nil), at: 60, to: &cluster)
        add(.switchover(candidate: nil, scheduledAt: nil), at: 70, to: &cluster)
        let (simulation, report) = cluster.simulate(for: .s(100))
        XCTAssertEqual(answers(report).first, "POST /switchover: 412 candidate name does not match with sync_standby")
        XCTAssertEqual(report.failovers.count, 1)
        XCTAssertEqual(report.failovers.first?.oldLeader, leader)
        XCTAssertEqual(report.failovers.first?.newLeader, replicas[0], "the synchronous standby")
        XCTAssertEqual(report.writes.lost, 0)
        XCTAssertTrue(report.violations.isEmpty)
        XCTAssertEqual(simulation.currentLeader.map { simulation.options.nodes[$0].name }, replicas[0])
    }

    func testAFailoverWithoutCandidateIsRefused() {
        let (leader, _) = roles(seed: 1)
        var cluster = ClusterHarness(seed: 1)
        add(.failover(candidate: nil, scheduledAt: nil), at: 60, to: &cluster)
        let report = cluster.run(for: .s(90))
        XCTAssertEqual(answers(report), ["POST /failover: 400 Failover could be performed only to a specific candidate"])
        XCTAssertTrue(report.failovers.isEmpty)
        XCTAssertEqual(report.finalLeader?.name, leader)
    }

    func testAScheduledSwitchoverHappensAtItsTimeAndNotBefore() {
        let (_, replicas) = roles(seed: 3)
        var cluster = ClusterHarness(seed: 3)
        let at = SimInstant.zero + .s(95)
        add(.switchover(candidate: target(cluster, replicas[0]), scheduledAt: at), at: 60, to: &cluster)
        let report = cluster.run(for: .s(140))
        XCTAssertEqual(answers(report).first, "POST /switchover: 202 Switchover scheduled")
        XCTAssertEqual(report.failovers.count, 1)
        let woke = report.all(.switchover).first { $0.message.hasPrefix("Manual scheduled switchover at") }
        XCTAssertEqual(woke?.at, at, "the leader sleeps until the exact moment")
        let demotedAt = report.failovers.first?.faultAt ?? .zero
        XCTAssertTrue(at <= demotedAt && demotedAt - at < .s(2),
                      "then demotes once the members answered its probes (REST timeout 2 s): \(demotedAt)")
        XCTAssertEqual(report.failovers.first?.newLeader, replicas[0])
        XCTAssertLessThan((report.failovers.first?.promotedAt ?? .zero) - at, .s(4))
    }

    func testAScheduledSwitchoverIsRefusedWhilePaused() {
        let (leader, replicas) = roles(seed: 1)
        var cluster = ClusterHarness(seed: 1)
        add(.pause, at: 55, to: &cluster)
        add(.switchover(candidate: target(cluster, replicas[0]), scheduledAt: .zero + .s(80)), at: 60, to: &cluster)
        let report = cluster.run(for: .s(110))
        XCTAssertEqual(answers(report), ["Success: cluster management is paused",
                                         "POST /switchover: 400 Can't schedule switchover in the paused state"])
        XCTAssertTrue(report.failovers.isEmpty)
        XCTAssertEqual(report.finalLeader?.name, leader)
    }

    func testKillingTheLeadersPostgresInPauseNeitherRestartsItNorFailsOver() {
        let (leader, _) = roles(seed: 1)
        var cluster = ClusterHarness(seed: 1)
        add(.pause, at: 55, to: &cluster)
        add(.killPostgres(.leader), at: 60, to: &cluster)
        let (simulation, report) = cluster.simulate(for: .s(150))
        let node = cluster.options.nodes.firstIndex { $0.name == leader } ?? 0
        XCTAssertFalse(simulation.postgres[node].processAlive, "Patroni does not restart PostgreSQL in pause")
        XCTAssertNil(report.first(.start, on: leader))
        XCTAssertTrue(report.failovers.allSatisfy { $0.lockAcquiredAt == nil }, "nobody races in pause")
        XCTAssertFalse(simulation.postgres.contains { $0.acceptsWrites })
        XCTAssertEqual(report.first(.paused, on: leader)?.message, "removed leader lock because postgres is not running")
    }

    func testStoppingTheLeadersPatroniInPauseKeepsPostgresPrimaryUntilResume() {
        let (leader, _) = roles(seed: 2)
        let node = ClusterHarness(seed: 2).options.nodes.firstIndex { $0.name == leader } ?? 0
        var paused = ClusterHarness(seed: 2)
        add(.pause, at: 55, to: &paused)
        add(.stop(.leader), at: 60, to: &paused)
        let (simulation, report) = paused.simulate(for: .s(130))
        XCTAssertTrue(simulation.postgres[node].acceptsWrites, "PostgreSQL stays up as primary")
        XCTAssertNil(simulation.currentLeader, "the key expired with the lease")
        XCTAssertTrue(report.failovers.allSatisfy { $0.lockAcquiredAt == nil }, "no failover while paused")

        var resumed = paused
        add(.resume, at: 130, to: &resumed)
        let after = resumed.run(for: .s(170))
        XCTAssertEqual(after.failovers.count, 1)
        XCTAssertGreaterThanOrEqual(after.failovers.first?.lockAcquiredAt ?? .zero, .zero + .s(130))
        XCTAssertNotEqual(after.failovers.first?.newLeader, leader)
    }

    func testTheWatchdogIsDisabledDuringPauseAndArmedAgainAfterResume() {
        var cluster = ClusterHarness(seed: 1) { $0.patroni.watchdog.mode = .required }
        add(.pause, at: 55, to: &cluster)
        add(.resume, at: 80, to: &cluster)
        let report = cluster.run(for: .s(110))
        XCTAssertTrue(report.all(.watchdog).contains { $0.message == "watchdog disabled" && $0.at >= .zero + .s(55) && $0.at < .zero + .s(80) })
        XCTAssertTrue(report.all(.watchdog).contains { $0.message.hasPrefix("watchdog activated") && $0.at >= .zero + .s(80) })
    }
}
