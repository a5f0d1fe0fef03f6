import ClusterSim
import XCTest

@testable import SimScenarios
@testable import ClusterSim

/// Raft logs are compacted behind what every member applied, so a long run keeps them
/// short; a member that was down holds compaction back and then catches up.
final class RaftCompactionTests: XCTestCase {
    private func simulation(members: Int, faults: String) throws -> Simulation {
        let json = """
        {"name": "c", "duration": "75m", "cluster": {"etcd": {"members": \(members), "heartbeat_interval": "1s", "election_timeout": "5s"},
         "patroni": {"ttl": 30, "loop_wait": 2, "retry_timeout": 10}},
         "workload": {"writes_per_second": 2}, "faults": \(faults)}
        """
        return Simulation(options: try XCTUnwrap(decodedScenario(json)).options)
    }

    func testLogsStayShortOverALongRun() throws {
        for members in [1, 3] {
            let run = try simulation(members: members, faults: "[]")
            run.run(until: .zero + .seconds(75 * 60))
            XCTAssertGreaterThan(run.etcd.appliedEntries.count, 3 * RaftCompactionTestsLimits.batch, "\(members) members")
            XCTAssertGreaterThan(run.etcd.appliedEntries.dropped, 0, "\(members) members")
            for member in run.etcd.members.indices {
                XCTAssertLessThanOrEqual(run.etcd.members[member].lastIndex - run.etcd.members[member].log.dropped,
                                         2 * RaftCompactionTestsLimits.batch, "member \(member) of \(members)")
            }
        }
    }

    func testAStoppedMemberHoldsCompactionBackAndCatchesUp() throws {
        let run = try simulation(members: 3, faults: """
        [{"at": "5m", "action": "stop", "target": "etcd3"}, {"at": "45m", "action": "start", "target": "etcd3"}]
        """)
        run.run(until: .zero + .seconds(44 * 60))
        let stoppedAt = run.etcd.members[2].appliedIndex
        XCTAssertLessThanOrEqual(run.etcd.appliedEntries.dropped, stoppedAt, "nothing etcd3 still needs is dropped")
        XCTAssertGreaterThan(run.etcd.appliedEntries.count - stoppedAt, RaftCompactionTestsLimits.batch)
        run.run(until: .zero + .seconds(75 * 60))
        XCTAssertEqual(run.etcd.members[2].appliedIndex, run.etcd.members.map(\.appliedIndex).max(), "etcd3 caught up")
        XCTAssertGreaterThan(run.etcd.appliedEntries.dropped, stoppedAt, "compaction resumed")
        XCTAssertTrue(run.finish().violations.isEmpty)
    }
}

/// The compaction batch, as the simulation uses it.
private enum RaftCompactionTestsLimits {
    static let batch = EtcdCluster.compactionBatch
}
