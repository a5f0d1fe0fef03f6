import XCTest
@testable import ClusterSim

/// Per-node faults and operator actions: a PostgreSQL that cannot start, a slow disk,
/// and `patronictl reinit` (PATRONI.md §4, §7.2 C and F).
final class NodeFaultTests: XCTestCase {
    private func at(_ seconds: Int64) -> SimInstant { .zero + .s(seconds) }

    func testACrashedPrimaryThatCannotStartDemotesAndReleasesTheKey() {
        var cluster = ClusterHarness(seed: 2)
        cluster.options.faults = [
            Fault(at: at(50), action: .breakPostgres(.leader)),
            Fault(at: at(60), action: .killPostgres(.previous)),
        ]
        let report = cluster.run(for: .s(120))
        let released = report.first(.keyReleased)
        XCTAssertEqual(released?.message, "removed leader key after trying and failing to start postgres")
        XCTAssertEqual(report.first(.roleChange)?.message, "on_role_change demoted postgres-cluster")
        XCTAssertEqual(report.failovers.count, 1)
        let failover = report.failovers.first
        XCTAssertNotEqual(failover?.newLeader, failover?.oldLeader)
        XCTAssertLessThan(report.failoverSeconds ?? .infinity, 10)
        XCTAssertEqual(report.violations, [])
    }

    func testAFixedPostgresRejoinsAsAReplica() {
        var cluster = ClusterHarness(seed: 2)
        cluster.options.faults = [
            Fault(at: at(50), action: .breakPostgres(.leader)),
            Fault(at: at(60), action: .killPostgres(.previous)),
            Fault(at: at(80), action: .fixPostgres(.previous)),
        ]
        let (simulation, report) = cluster.simulate(for: .s(160))
        XCTAssertEqual(report.violations, [])
        XCTAssertEqual(simulation.postgres.filter { $0.state == .running }.count, 3)
    }

    func testWithoutTheFaultACrashedPrimaryRestartsInPlace() {
        var cluster = ClusterHarness(seed: 2)
        cluster.options.faults = [Fault(at: at(60), action: .killPostgres(.leader))]
        let report = cluster.run(for: .s(120))
        XCTAssertNil(report.first(.keyReleased))
        XCTAssertEqual(report.failovers.first?.newLeader ?? report.failovers.first?.oldLeader, report.failovers.first?.oldLeader)
    }

    /// Lag of every replica behind the primary at the end, in bytes.
    private func replicaLag(_ simulation: Simulation) -> [Int64] {
        guard let primary = simulation.postgres.first(where: \.acceptsWrites) else { return [] }
        return simulation.postgres.filter { $0.state == .running && !$0.isPrimary }.map { primary.lsn - $0.lsn }
    }

    func testASlowDiskMakesTheReplicaLagAndAFastDiskCatchesUp() {
        func lags(healAt: Int64?) -> [Int64] {
            var cluster = ClusterHarness(seed: 2) { $0.nodes = ["p1", "p2"].map(NodeOptions.init(name:)) }
            cluster.options.workload.writesPerSecond = 300
            cluster.options.faults = [Fault(at: at(30), action: .slowDisk(.replica, factor: 10_000, for: nil))]
            if let healAt { cluster.options.faults.append(Fault(at: at(healAt), action: .fastDisk(.previous))) }
            return replicaLag(cluster.simulate(for: .s(60)).0)
        }
        XCTAssertEqual(lags(healAt: nil).count, 1)
        XCTAssertGreaterThan(lags(healAt: nil).first ?? 0, 1_048_576)
        XCTAssertLessThan(lags(healAt: 50).first ?? .max, 10_000)
    }

    func testATimedSlowDiskRecoversByItself() {
        var cluster = ClusterHarness(seed: 2) { $0.nodes = ["p1", "p2"].map(NodeOptions.init(name:)) }
        cluster.options.workload.writesPerSecond = 300
        cluster.options.faults = [Fault(at: at(30), action: .slowDisk(.replica, factor: 10_000, for: .s(10)))]
        XCTAssertLessThan(replicaLag(cluster.simulate(for: .s(60)).0).first ?? .max, 10_000)
    }

    func testReinitIsRefusedOnTheLeader() {
        var cluster = ClusterHarness(seed: 2)
        cluster.options.faults = [Fault(at: at(60), action: .reinit(.leader))]
        let report = cluster.run(for: .s(90))
        XCTAssertEqual(report.first(.reinitRefused)?.message, "I am the leader, can not reinitialize")
        XCTAssertNil(report.first(.reinit))
    }

    func testReinitClonesTheReplicaAgainByBaseBackup() {
        var cluster = ClusterHarness(seed: 2)
        cluster.options.faults = [Fault(at: at(60), action: .reinit(.replica))]
        let (simulation, report) = cluster.simulate(for: .s(120))
        guard let reinit = report.first(.reinit), let host = reinit.host else {
            return XCTFail("no reinit in \(report.timeline.map(\.message))")
        }
        let clones = report.timeline.filter { $0.kind == .basebackupDone && $0.host == host }
        XCTAssertEqual(clones.count, 2)
        XCTAssertGreaterThan(clones.last?.at ?? .zero, reinit.at)
        XCTAssertEqual(report.violations, [])
        XCTAssertEqual(simulation.postgres.filter { $0.state == .running }.count, 3)
    }

    /// PATRONI.md §4.3 item 4: without pg_rewind (and no removal option) the divergence is
    /// never checked; the former primary starts as a replica that cannot stream.
    func testWithoutPgRewindADivergedFormerPrimaryCannotStream() {
        var cluster = ClusterHarness(seed: 3) { $0.patroni.usePgRewind = false }
        cluster.partition(.leader, from: [.etcd, .otherNodes], at: .s(60))
        cluster.heal(at: .s(110))
        let report = cluster.run(for: .s(180))
        XCTAssertNil(report.first(.rewind))
        XCTAssertTrue(report.all(.replicationRefused).contains { $0.message.contains("not in this server's history") },
                      "\(report.all(.replicationRefused).map(\.message))")
    }
}
