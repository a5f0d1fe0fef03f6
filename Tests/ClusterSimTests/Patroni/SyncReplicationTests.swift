import XCTest
@testable import ClusterSim

/// Synchronous replication with several standbys, `nosync` and `sync_priority` tags,
/// strict mode and the leader race limited to `/sync` members (PATRONI.md §2.2, §5.2).
final class SyncReplicationTests: XCTestCase {
    /// Three nodes named like Patroni's acceptance harness, in synchronous mode; the
    /// others are stopped right after boot and started at 12 s, so postgres-0 bootstraps.
    private func cluster(seed: UInt64 = 1, strict: Bool = false, nodeCount: Int = 1,
                         tags: [String: (nosync: Bool?, priority: Int)] = [:], nodes: Int = 3) -> ClusterHarness {
        var cluster = ClusterHarness(seed: seed) { options in
            options.nodes = (0..<nodes).map { index in
                var node = NodeOptions(name: "postgres-\(index)")
                if let tag = tags[node.name] {
                    node.nosync = tag.nosync
                    node.syncPriority = tag.priority
                }
                return node
            }
            options.patroni.loopWait = 2
            options.patroni.synchronousMode = true
            options.patroni.synchronousModeStrict = strict
            options.patroni.synchronousNodeCount = nodeCount
            options.checks.lostWritesAreViolations = true
        }
        for index in 1..<nodes {
            cluster.stop(cluster.node("postgres-\(index)"), at: .millis(1))
            cluster.start(cluster.node("postgres-\(index)"), at: .s(12))
        }
        return cluster
    }

    func testWithTwoSyncStandbysBothAreRecordedAndACommitWaitsForBoth() {
        let (simulation, report) = cluster(nodeCount: 2).simulate(for: .s(60))
        XCTAssertEqual(report.final.leaderKeyHolder, "postgres-0")
        XCTAssertEqual(report.final.syncStandbys, ["postgres-1", "postgres-2"])
        XCTAssertEqual(report.final.members.filter { $0.role == .syncStandby }.count, 2)
        XCTAssertEqual(simulation.postgres[0].synchronousStandbyNames, .standbys([1, 2]))
        let lsn = simulation.postgres[0].lsn + 1_000
        simulation.nodes[0].postgres.waitingCommits = [WaitingCommit(writeID: 999_999, lsn: lsn)]
        simulation.nodes[0].standbyFlushed(1, attempt: simulation.nodes[0].postgres.walSenders[1]?.session ?? 0, upTo: lsn, &simulation.env)
        XCTAssertEqual(simulation.postgres[0].waitingCommits.count, 1, "one standby's flush must not release the commit")
        simulation.nodes[0].standbyFlushed(2, attempt: simulation.nodes[0].postgres.walSenders[2]?.session ?? 0, upTo: lsn, &simulation.env)
        XCTAssertEqual(simulation.postgres[0].waitingCommits.count, 0, "both flushes release it")
    }

    func testStoppingTheSyncStandbyMovesSyncDutyToTheOtherReplica() {
        var harness = cluster()
        let before = harness.run(for: .s(40)).final.syncStandbys
        XCTAssertEqual(before?.count, 1)
        let standby = try! XCTUnwrap(before?.first)
        let other = standby == "postgres-1" ? "postgres-2" : "postgres-1"
        harness.stop(harness.node(standby), at: .s(40))
        let after = harness.run(for: .s(50))
        XCTAssertEqual(after.final.syncStandbys, [other])
        let moved = try! XCTUnwrap(after.timeline.first { $0.message == "Synchronous standby status assigned to [\(other)]" })
        XCTAssertLessThan(moved.at.microseconds, 46_000_000, "within 5 s of the stop, as basic_replication.feature checks")
    }

    /// The sync standby stops receiving WAL from postgres-0 at 40 s but stays connected.
    private func stuckSyncStandby(maximumLag: Int64) -> (standby: String, other: String, after: [String]?) {
        var harness = cluster()
        harness.options.patroni.maximumLagOnSyncnode = maximumLag
        let standby = harness.run(for: .s(40)).final.syncStandbys?.first ?? "none"
        harness.partition(harness.node(standby), from: [.node(0, name: "postgres-0")], .inbound, at: .s(40))
        let other = standby == "postgres-1" ? "postgres-2" : "postgres-1"
        return (standby, other, harness.run(for: .s(60)).final.syncStandbys)
    }

    func testALaggingSyncStandbyIsSwappedBeyondMaximumLagOnSyncnode() {
        let stuck = stuckSyncStandby(maximumLag: 2_000)
        XCTAssertEqual(stuck.after, [stuck.other])
    }

    func testALaggingSyncStandbyStaysWithoutMaximumLagOnSyncnode() {
        let stuck = stuckSyncStandby(maximumLag: -1)
        XCTAssertEqual(stuck.after, [stuck.standby])
    }

    func testStrictModeBlocksCommitsWhenEverySyncStandbyIsGone() {
        var harness = cluster(strict: true)
        harness.stop(harness.node("postgres-1"), at: .s(40))
        harness.stop(harness.node("postgres-2"), at: .s(40))
        let (simulation, report) = harness.simulate(for: .s(90))
        XCTAssertEqual(report.final.leaderKeyHolder, "postgres-0")
        XCTAssertNotEqual(simulation.postgres[0].synchronousStandbyNames, .none)
        XCTAssertTrue(report.writes.failuresByReason.contains { $0.reason.hasPrefix("timeout") && $0.count > 100 },
                      "\(report.writes.failuresByReason)")
        XCTAssertTrue(report.timeline.contains { $0.message.hasPrefix("No active replication connections from Patroni members") })
    }

    func testWithoutStrictModeCommitsGoAsynchronousWhenEveryStandbyIsGone() {
        var harness = cluster()
        harness.stop(harness.node("postgres-1"), at: .s(40))
        harness.stop(harness.node("postgres-2"), at: .s(40))
        let (simulation, report) = harness.simulate(for: .s(90))
        XCTAssertEqual(simulation.postgres[0].synchronousStandbyNames, .none)
        XCTAssertEqual(report.final.syncStandbys, [])
        XCTAssertFalse(report.writes.failuresByReason.contains { $0.reason.hasPrefix("timeout") })
    }

    func testStrictModeLosesNoAcknowledgedWriteAcrossAFailover() {
        for seed in UInt64(1)...10 {
            var harness = cluster(seed: seed, strict: true)
            harness.kill(.leader, at: .s(50))
            let report = harness.run(for: .s(120))
            XCTAssertEqual(report.failovers.first?.timeline, 2, "seed \(seed)")
            XCTAssertEqual(report.writes.lost, 0, "seed \(seed)")
            XCTAssertEqual(report.violations, [], "seed \(seed)")
        }
    }

    func testOnlyASyncStandbyWinsAnAutomaticFailover() {
        for seed in UInt64(1)...5 {
            var harness = cluster(seed: seed)
            let standby = try! XCTUnwrap(harness.run(for: .s(50)).final.syncStandbys?.first, "seed \(seed)")
            harness.kill(.leader, at: .s(50))
            let report = harness.run(for: .s(100))
            XCTAssertEqual(report.final.leaderKeyHolder, standby, "seed \(seed)")
            let other = standby == "postgres-1" ? "postgres-2" : "postgres-1"
            XCTAssertNotNil(report.timeline.first { $0.host == other && $0.message.hasPrefix("not a member of /sync") }, "seed \(seed)")
        }
    }

    func testStrictPromotionKeepsTheFormerLeaderAsSyncStandby() {
        var harness = cluster(strict: true, tags: ["postgres-1": (nosync: true, priority: 1)])
        harness.stop(harness.node("postgres-0"), at: .s(40))
        let (simulation, report) = harness.simulate(for: .s(50))
        XCTAssertEqual(report.final.leaderKeyHolder, "postgres-2")
        XCTAssertEqual(report.final.syncStandbys, ["postgres-0"])
        XCTAssertEqual(simulation.postgres[2].synchronousStandbyNames, .standbys([0]))
    }

    func testASyncPriorityOfZeroNeverMakesASyncStandby() {
        let report = cluster(tags: ["postgres-1": (nosync: nil, priority: 0)], nodes: 2).run(for: .s(40))
        XCTAssertEqual(report.final.leaderKeyHolder, "postgres-0")
        XCTAssertEqual(report.final.syncStandbys, [])
    }

    func testTheHighestSyncPriorityIsChosen() {
        let tags: [String: (nosync: Bool?, priority: Int)] = ["postgres-1": (nil, 1), "postgres-2": (nil, 2)]
        XCTAssertEqual(cluster(tags: tags).run(for: .s(40)).final.syncStandbys, ["postgres-2"])
    }

    func testNosyncOverridesSyncPriorityAndNosyncFalseAllowsPriorityZero() {
        let tags: [String: (nosync: Bool?, priority: Int)] = [
            "postgres-1": (false, 0), "postgres-2": (nil, 1), "postgres-3": (true, 2),
        ]
        var harness = cluster(tags: tags, nodes: 4)
        XCTAssertEqual(harness.run(for: .s(40)).final.syncStandbys, ["postgres-2"])
        harness.stop(harness.node("postgres-2"), at: .s(40))
        XCTAssertEqual(harness.run(for: .s(50)).final.syncStandbys, ["postgres-1"])
    }
}
