import XCTest

@testable import ClusterSim

/// `failsafe_mode` (PATRONI.md §5.1): a primary that cannot reach etcd stays primary only
/// while every member listed in `/failsafe` accepts its `POST /failsafe`; members absent
/// from `/failsafe` never win the race. "etcd is down" is every node cut off from etcd.
final class FailsafeModeTests: XCTestCase {
    /// A cluster of `names` with the acceptance harness's timers for this feature
    /// (ttl 20, loop_wait 2, retry_timeout 3) and writes from 20 s on.
    private func cluster(_ names: [String], failsafe: Bool, seed: UInt64 = 1) -> ClusterHarness {
        ClusterHarness(seed: seed) { options in
            options.nodes = names.map(NodeOptions.init(name:))
            options.patroni.ttl = 20
            options.patroni.loopWait = 2
            options.patroni.retryTimeout = 3
            options.patroni.failsafeMode = failsafe
            options.workload.startAt = .zero + .seconds(20)
            options.checks.lostWritesAreViolations = true
        }
    }

    /// Cuts every node of `cluster` off from etcd at `at`.
    private func etcdDown(_ cluster: inout ClusterHarness, at time: SimDuration) {
        for node in cluster.options.nodes {
            cluster.partition(cluster.node(node.name), from: [.etcd], at: time)
        }
    }

    /// The violations other than liveness, which cannot hold while etcd stays down: the
    /// cluster has no leader key to converge on.
    private func safetyViolations(_ report: Report) -> [Violation] {
        report.violations.filter { $0.invariant != .liveness }
    }

    /// The leader key's holder at `time` in a run of `cluster` (deterministic, so a later
    /// run with more faults scheduled after `time` has the same leader then).
    private func leader(of cluster: ClusterHarness, at time: SimDuration) -> String? {
        var options = cluster.options
        options.duration = time
        let simulation = Simulation(options: options)
        simulation.run(until: .zero + time)
        return simulation.currentLeader.map(simulation.name)
    }

    func testAOneNodeClusterKeepsItsPrimaryWhileEtcdIsDownOnlyWithFailsafe() throws {
        var on = cluster(["postgres-0"], failsafe: true)
        etcdDown(&on, at: .s(40))
        let (simulation, kept) = on.simulate(for: .s(100))
        XCTAssertNotNil(kept.first(.leaderKeyExpired), "the outage outlasts the lease")
        XCTAssertNotNil(kept.first(.failsafe, on: "postgres-0"))
        XCTAssertNil(kept.first(.demote))
        XCTAssertTrue(simulation.postgres[0].acceptsWrites)
        XCTAssertEqual(kept.writes.failed, 0, "HAProxy keeps routing: /primary stays 200")
        XCTAssertEqual(safetyViolations(kept), [], "a failsafe-confirmed primary is not a zombie")

        var off = cluster(["postgres-0"], failsafe: false)
        etcdDown(&off, at: .s(40))
        let demoted = off.run(for: .s(100))
        XCTAssertEqual(demoted.first(.demote)?.message, "demoting self because DCS is not accessible and I was a leader")
        XCTAssertGreaterThan(demoted.writes.failed, 0)
    }

    func testThreeNodesWithEtcdDownKeepTheirPrimaryWhileItReachesBothReplicas() throws {
        let names = ["postgres-0", "postgres-1", "postgres-2"]
        for seed in UInt64(1)...2 {
            var harness = cluster(names, failsafe: true, seed: seed)
            let before = try XCTUnwrap(leader(of: harness, at: .s(39)), "seed \(seed)")
            etcdDown(&harness, at: .s(40))
            let (simulation, report) = harness.simulate(for: .s(100))
            let primary = try XCTUnwrap(simulation.node(named: before))
            XCTAssertNotNil(report.first(.leaderKeyExpired), "seed \(seed)")
            XCTAssertNotNil(report.first(.failsafe, on: before), "seed \(seed)")
            XCTAssertNil(report.first(.demote), "seed \(seed)")
            XCTAssertNil(report.first(.lockAcquired), "seed \(seed): nobody takes the lock while etcd is down")
            XCTAssertEqual(safetyViolations(report), [], "seed \(seed)")
            XCTAssertEqual(report.writes.failed, 0, "seed \(seed)")
            XCTAssertTrue(simulation.postgres[primary].acceptsWrites, "seed \(seed)")
            for replica in simulation.layout.nodes where replica != primary {
                XCTAssertEqual(simulation.postgres[replica].receiver, .streaming(upstream: primary), "seed \(seed)")
                XCTAssertEqual(simulation.nodes[replica].effectiveLeader(simulation.now), primary,
                               "seed \(seed): the replica follows the leader of the last POST /failsafe")
            }
        }
    }

    func testALeaderCutOffFromEtcdAndFromOneReplicaDemotesWithoutSplitBrain() throws {
        let names = ["postgres-0", "postgres-1", "postgres-2"]
        for seed in UInt64(1)...2 {
            var harness = cluster(names, failsafe: true, seed: seed)
            let before = try XCTUnwrap(leader(of: harness, at: .s(39)), "seed \(seed)")
            let cutOff = try XCTUnwrap(names.first { $0 != before })
            harness.partition(harness.node(before), from: [.etcd, harness.peer(cutOff)], at: .s(40))
            let report = harness.run(for: .s(100))
            let refused = try XCTUnwrap(report.first(.failsafeRefused, on: before), "seed \(seed)")
            XCTAssertEqual(refused.message, "Request failed to \(cutOff): POST http://\(cutOff):8008/failsafe")
            let demoted = try XCTUnwrap(report.first(.demote, on: before), "seed \(seed)")
            XCTAssertEqual(demoted.message, "demoting self because DCS is not accessible and I was a leader")
            // loop_wait + retry_timeout to notice, two POST attempts of 2 s to give up.
            XCTAssertLessThanOrEqual((demoted.at - .zero - .s(40)).seconds, 2 + 3 + 4 + 0.1, "seed \(seed)")
            XCTAssertNil(report.first(.failsafe, on: before), "seed \(seed): never confirmed")
            XCTAssertFalse(report.violations.contains { $0.invariant == .singleWritablePrimary }, "seed \(seed)")
            XCTAssertNotNil(report.first(.promoted), "seed \(seed): a replica takes over once the lease expires")
        }
    }

    func testAReplicaMissingFromFailsafeIsNeverPromoted() throws {
        let names = ["postgres-0", "postgres-1"]
        var harness = cluster(names, failsafe: true)
        let first = try XCTUnwrap(leader(of: harness, at: .s(39)))
        let second = try XCTUnwrap(names.first { $0 != first })
        // The replica stops; its member key expires a ttl later and the leader drops it
        // from /failsafe; then the leader stops and the replica comes back, with its data.
        harness.stop(harness.node(second), at: .s(40))
        harness.stop(harness.node(first), at: .s(80))
        harness.start(harness.node(second), at: .s(85))
        let (simulation, report) = harness.simulate(for: .s(160))
        let failsafe = report.final.keys.first { $0.key.hasSuffix("/failsafe") }
        XCTAssertEqual(failsafe?.value, "{\"\(first)\":\"http://\(first):8008/patroni\"}")
        XCTAssertNil(report.timeline.first { $0.kind == .lockAcquired && $0.host == second })
        XCTAssertEqual(report.first(.notHealthiest, on: second)?.message,
                       "not listed in /failsafe: following a different leader because i am not the healthiest node")
        let node = try XCTUnwrap(simulation.node(named: second))
        XCTAssertEqual(simulation.postgres[node].state, .running)
        XCTAssertFalse(simulation.postgres[node].isPrimary)

        var without = cluster(names, failsafe: false)
        without.stop(without.node(second), at: .s(40))
        without.stop(without.node(first), at: .s(80))
        without.start(without.node(second), at: .s(85))
        XCTAssertNotNil(without.run(for: .s(160)).timeline.first { $0.kind == .lockAcquired && $0.host == second },
                        "without failsafe the returning replica takes over")
    }

    func testOnceEtcdIsBackTheSameLeaderRetakesTheLockWithNothingLost() throws {
        let names = ["postgres-0", "postgres-1", "postgres-2"]
        for seed in UInt64(1)...4 {
            var harness = cluster(names, failsafe: true, seed: seed)
            let before = try XCTUnwrap(leader(of: harness, at: .s(39)), "seed \(seed)")
            etcdDown(&harness, at: .s(40))
            harness.heal(at: .s(90))
            let report = harness.run(for: .s(150))
            XCTAssertEqual(report.violations, [], "seed \(seed)")
            XCTAssertEqual(report.writes.lost, 0, "seed \(seed)")
            XCTAssertTrue(report.liveness.held, "seed \(seed)")
            XCTAssertEqual(report.final.leaderKeyHolder, before, "seed \(seed)")
            XCTAssertEqual(report.all(.lockAcquired).map(\.host), [before], "seed \(seed)")
            XCTAssertNil(report.first(.promoted), "seed \(seed): no new timeline")
        }
    }
}

extension ClusterHarness {
    /// The partition peer for node `name`.
    func peer(_ name: String) -> PeerSelector {
        guard case let .node(index, _) = node(name) else { preconditionFailure("node(_:) names a node") }
        return .node(index, name: name)
    }
}
