import XCTest

@testable import ClusterSim

/// etcd as a raft cluster of 3 or 5 members under Patroni: elections, quorum, lease
/// extension on a leader change, and the client's failover between endpoints.
final class EtcdClusterTests: XCTestCase {
    /// The lab cluster with `members` etcd members.
    private func cluster(seed: UInt64 = 1, members: Int = 3, configure: (inout ClusterOptions) -> Void = { _ in }) -> ClusterHarness {
        ClusterHarness(seed: seed) { options in
            options.etcd.members = members
            configure(&options)
        }
    }

    private func add(_ action: FaultAction, at seconds: Int64, to harness: inout ClusterHarness) {
        harness.options.faults.append(Fault(at: .zero + .seconds(seconds), action: action))
    }

    /// The members that lead now, with their terms.
    private func leaders(_ simulation: Simulation) -> [(member: Int, term: Int64)] {
        simulation.etcd.members.indices.filter { simulation.etcd.members[$0].role == .leader && simulation.etcd.members[$0].process == .running }
            .map { ($0, simulation.etcd.members[$0].term) }
    }

    func testThreeMembersElectOneLeaderAndEveryTermHasAtMostOne() {
        for seed: UInt64 in 1...10 {
            let (simulation, report) = cluster(seed: seed).simulate(for: .seconds(20))
            let elected = report.all(.etcdLeaderElected)
            XCTAssertFalse(elected.isEmpty, "seed \(seed): no etcd leader was elected")
            let terms = elected.compactMap { $0.message.split(separator: " ").last.map(String.init) }
            XCTAssertEqual(terms.count, Set(terms).count, "seed \(seed): two leaders in one term: \(terms)")
            XCTAssertEqual(leaders(simulation).count, 1, "seed \(seed): expected one etcd leader at the end")
            let first = elected[0].at
            XCTAssertGreaterThanOrEqual(first, .zero + .seconds(1), "seed \(seed): elected before one election timeout")
            XCTAssertLessThan(first, .zero + .seconds(3), "seed \(seed): the first election took too long")
            XCTAssertNotNil(report.finalLeader, "seed \(seed): Patroni did not bootstrap over three etcd members")
        }
    }

    func testOneMemberLeadsFromTimeZeroWithoutAnElection() {
        let (simulation, report) = cluster(members: 1).simulate(for: .seconds(20))
        XCTAssertTrue(report.all(.etcdLeaderElected).isEmpty)
        XCTAssertEqual(leaders(simulation).map(\.term), [1])
    }

    func testStoppingTheEtcdLeaderElectsAnotherAndPatroniKeepsItsKey() {
        var durations: [Double] = []
        for seed: UInt64 in 1...10 {
            var harness = cluster(seed: seed)
            add(.stop(.etcdLeader), at: 60, to: &harness)
            let (simulation, report) = harness.simulate(for: .seconds(150))
            guard let stopped = report.first(.etcdMemberStopped),
                  let elected = report.all(.etcdLeaderElected).first(where: { $0.at > stopped.at }) else {
                return XCTFail("seed \(seed): no new etcd leader after the stop")
            }
            let took = (elected.at - stopped.at).seconds
            durations.append(took)
            // The followers' timers started at the last heartbeat, up to one heartbeat interval before the stop.
            XCTAssertGreaterThanOrEqual(took, 0.89, "seed \(seed): a follower campaigned before its election timeout")
            XCTAssertLessThan(took, 2.5, "seed \(seed): the new etcd leader took \(took) s")
            XCTAssertTrue(report.failovers.isEmpty, "seed \(seed): Patroni failed over: \(report.failovers)")
            XCTAssertTrue(report.violations.isEmpty, "seed \(seed): \(report.violations)")
            XCTAssertEqual(report.final.members.filter { $0.role == .leader }.count, 1, "seed \(seed)")
            XCTAssertEqual(leaders(simulation).count, 1, "seed \(seed)")
        }
        XCTAssertGreaterThan(durations.max() ?? 0, durations.min() ?? 0, "election timeouts are randomized")
    }

    func testANewEtcdLeaderExtendsEveryLeaseByTTLPlusTheElectionTimeout() {
        var harness = cluster()
        add(.stop(.etcdLeader), at: 60, to: &harness)
        harness.options.duration = .seconds(150)
        let simulation = Simulation(options: harness.options)
        simulation.run(until: .zero + .seconds(60))
        let leaseID = simulation.etcd.store.entries[simulation.etcd.keys.leader]?.lease ?? 0
        XCTAssertNotEqual(leaseID, 0)
        simulation.run(until: .zero + .seconds(63))
        guard let promoted = simulation.env.recorder.timeline.last(where: { $0.kind == .etcdLeaderElected })?.at else {
            return XCTFail("no etcd leader after the stop")
        }
        // The promotion happens when the new leader applies its first entry, a round trip after the election.
        let expiry = simulation.etcd.store.expiry(of: leaseID) ?? .zero
        let renewedSince = expiry - (promoted + .seconds(30) + .seconds(1))
        XCTAssertGreaterThanOrEqual(renewedSince, .zero, "the lease expires before promotion + ttl + E")
        XCTAssertLessThan(renewedSince, .seconds(3), "the leader's keep-alive after the promotion moved it at most by now + ttl")
    }

    func testWithoutQuorumTheLeaderDemotesNobodyLeadsAndNoSplitBrain() {
        for seed: UInt64 in 1...5 {
            var harness = cluster(seed: seed)
            harness.options.faults = [
                Fault(at: .zero + .seconds(60), action: .stop(.etcdMember(0, name: "etcd1"))),
                Fault(at: .zero + .seconds(60), action: .stop(.etcdMember(1, name: "etcd2"))),
            ]
            harness.options.duration = .seconds(150)
            let simulation = Simulation(options: harness.options)
            simulation.run(until: .zero + .seconds(150))
            let report = simulation.finish()
            XCTAssertTrue(report.all(.etcdLeaderElected).allSatisfy { $0.at < .zero + .seconds(60) },
                          "seed \(seed): a leader was elected without a quorum")
            XCTAssertNotNil(report.timeline.first { $0.message.contains("demoting self because DCS is not accessible") },
                            "seed \(seed): the Patroni leader did not demote")
            XCTAssertTrue(simulation.postgres.allSatisfy { !$0.acceptsWrites }, "seed \(seed): a node accepts writes without etcd quorum")
            XCTAssertTrue(report.failovers.isEmpty, "seed \(seed): \(report.failovers)")
            // Without quorum the cluster cannot converge; every safety invariant must hold.
            XCTAssertEqual(report.violations.map(\.invariant), [.liveness], "seed \(seed): \(report.violations)")
        }
    }

    func testQuorumLostLongerThanTTLThenRestoredKeepsTheOldLeadersKey() {
        for seed: UInt64 in 1...5 {
            var harness = cluster(seed: seed)
            harness.options.faults = [
                Fault(at: .zero + .seconds(60), action: .stop(.etcdMember(0, name: "etcd1"))),
                Fault(at: .zero + .seconds(60), action: .stop(.etcdMember(1, name: "etcd2"))),
                Fault(at: .zero + .seconds(120), action: .start(.etcdMember(0, name: "etcd1"))),
                Fault(at: .zero + .seconds(120), action: .start(.etcdMember(1, name: "etcd2"))),
            ]
            harness.options.duration = .seconds(200)
            let simulation = Simulation(options: harness.options)
            simulation.run(until: .zero + .seconds(60))
            let oldLeader = simulation.currentLeader
            XCTAssertNotNil(oldLeader)
            simulation.run(until: .zero + .seconds(200))
            let report = simulation.finish()
            XCTAssertTrue(report.all(.leaderKeyExpired).isEmpty, "seed \(seed): the leader key expired during the outage")
            XCTAssertEqual(simulation.currentLeader, oldLeader, "seed \(seed): the old leader lost its key")
            XCTAssertNotNil(report.timeline.first { $0.message.contains("promoted self to leader because I had the session lock") },
                            "seed \(seed): the old leader did not promote again with its key")
            XCTAssertTrue(report.violations.isEmpty, "seed \(seed): \(report.violations)")
            XCTAssertTrue(simulation.postgres.indices.contains { simulation.postgres[$0].acceptsWrites }, "seed \(seed): no writable primary at the end")
        }
    }

    func testANodeCutOffFromItsMemberWorksThroughAnother() {
        for seed: UInt64 in 1...5 {
            var harness = cluster(seed: seed)
            harness.options.faults = [
                Fault(at: .zero + .seconds(60), action: .partition(Partition(target: .leader, peers: [.etcdMember(0, name: "etcd1")], direction: .both))),
            ]
            let (simulation, report) = harness.simulate(for: .seconds(150))
            XCTAssertTrue(report.failovers.allSatisfy { $0.newLeader == nil && $0.promotedAt == nil },
                          "seed \(seed): the leader lost its lock through one member: \(report.failovers)")
            XCTAssertNil(report.timeline.first { $0.message.contains("demoting self") }, "seed \(seed): the leader demoted")
            guard let leader = simulation.currentLeader else { return XCTFail("seed \(seed): no leader") }
            XCTAssertNotEqual(simulation.nodes[leader].etcdEndpoint, MemberID(0), "seed \(seed): the leader still talks to etcd1")
            XCTAssertTrue(report.violations.isEmpty, "seed \(seed)")
        }
    }

    func testALeaderCutOffFromItsMemberMovesToAnotherAfterOneAttemptTimeout() {
        for seed: UInt64 in 1...5 {
            var harness = cluster(seed: seed)
            harness.options.duration = .seconds(120)
            let cut = SimInstant.zero + .seconds(60)
            let probe = Simulation(options: harness.options)
            probe.run(until: cut)
            guard let leader = probe.currentLeader else { return XCTFail("seed \(seed): no leader") }
            let member = probe.nodes[leader].etcdEndpoint
            harness.options.faults = [Fault(at: cut, action: .partition(Partition(target: .leader, peers: [.etcdMember(member.index, name: "etcd\(member.index + 1)")], direction: .both)))]
            let simulation = Simulation(options: harness.options)
            simulation.run(until: cut)
            var sent: SimInstant?
            var switched: SimInstant?
            var time = cut
            while switched == nil, time < cut + .seconds(20) {
                time = time + .millis(5)
                simulation.run(until: time)
                if sent == nil, simulation.nodes[leader].agent.call != nil { sent = simulation.now }
                if simulation.nodes[leader].etcdEndpoint != member { switched = simulation.now }
            }
            guard let sent, let switched else { return XCTFail("seed \(seed): the leader never left etcd\(member.index + 1)") }
            let waited = (switched - sent).seconds
            XCTAssertEqual(waited, 10.0 / 3, accuracy: 0.02, "seed \(seed): one attempt of retry_timeout / 3 before the next endpoint")
            simulation.run(until: .zero + .seconds(120))
            XCTAssertEqual(simulation.currentLeader, leader, "seed \(seed): the leader lost its key")
        }
    }

    func testPerRequestTimeoutsSplitRetryTimeoutOverTheEndpoints() {
        let one = EtcdClientTimeouts(members: 1, retryTimeout: .seconds(10))
        XCTAssertEqual([one.endpoints, one.attemptsPerEndpoint], [1, 3])
        XCTAssertEqual(one.perAttempt, .seconds(10) / 3)
        let three = EtcdClientTimeouts(members: 3, retryTimeout: .seconds(10))
        XCTAssertEqual([three.endpoints, three.attemptsPerEndpoint], [3, 1])
        XCTAssertEqual(three.perAttempt, .seconds(10) / 3)
        let five = EtcdClientTimeouts(members: 5, retryTimeout: .seconds(3))
        XCTAssertEqual([five.endpoints, five.attemptsPerEndpoint], [3, 1], "at least 1 s per endpoint: fewer are tried")
        XCTAssertEqual(five.perAttempt, .seconds(1))
        let two = EtcdClientTimeouts(members: 2, retryTimeout: .seconds(10))
        XCTAssertEqual([two.endpoints, two.attemptsPerEndpoint], [2, 2])
        XCTAssertEqual(two.perAttempt, .millis(2_500))
    }

    func testFiveMembersTolerateTwoDown() {
        for seed: UInt64 in 1...3 {
            var harness = cluster(seed: seed, members: 5)
            harness.options.faults = [
                Fault(at: .zero + .seconds(60), action: .stop(.etcdLeader)),
                Fault(at: .zero + .seconds(65), action: .stop(.etcdLeader)),
            ]
            let (simulation, report) = harness.simulate(for: .seconds(150))
            XCTAssertEqual(report.all(.etcdMemberStopped).count, 2, "seed \(seed)")
            XCTAssertEqual(leaders(simulation).count, 1, "seed \(seed): three of five members must elect a leader")
            XCTAssertTrue(report.failovers.isEmpty, "seed \(seed): \(report.failovers)")
            XCTAssertNil(report.timeline.first { $0.message.contains("demoting self") }, "seed \(seed): the leader demoted")
            XCTAssertTrue(report.violations.isEmpty, "seed \(seed)")
        }
    }

    func testAFrozenEtcdLeaderIsReplacedAndStepsDownWhenItResumes() {
        var harness = cluster()
        harness.options.faults = [Fault(at: .zero + .seconds(60), action: .freeze(.etcdLeader, for: .seconds(20)))]
        let (simulation, report) = harness.simulate(for: .seconds(120))
        let elected = report.all(.etcdLeaderElected).filter { $0.at > .zero + .seconds(60) }
        XCTAssertEqual(elected.count, 1, "one new leader while the old one is frozen")
        XCTAssertLessThan(elected.first.map { $0.at - (.zero + .seconds(60)) } ?? .seconds(99), .seconds(3))
        XCTAssertNotNil(report.first(.etcdLeaderLost), "the thawed leader stepped down")
        XCTAssertEqual(leaders(simulation).count, 1)
        XCTAssertTrue(report.failovers.isEmpty)
    }

    func testAMemberCutOffFromItsPeersDoesNotDeposeTheLeaderWhenItReturns() {
        let probe = cluster()
        let (before, _) = probe.simulate(for: .seconds(55))
        guard let leader = leaders(before).first else { return XCTFail("no etcd leader before the partition") }
        let follower = (leader.member + 1) % 3
        let name = "etcd\(follower + 1)"
        var harness = cluster()
        harness.options.faults = [
            Fault(at: .zero + .seconds(60), action: .partition(Partition(target: .etcdMember(follower, name: name), peers: [.etcd], direction: .both))),
            Fault(at: .zero + .seconds(75), action: .heal(.etcdMember(follower, name: name))),
        ]
        let (simulation, report) = harness.simulate(for: .seconds(100))
        XCTAssertNil(report.first(.etcdLeaderLost), "the returning member deposed the leader")
        XCTAssertEqual(leaders(simulation).map(\.member), [leader.member])
        XCTAssertEqual(simulation.etcd.members.map(\.term), [leader.term, leader.term, leader.term],
                       "pre-votes keep the isolated member's term")
        XCTAssertEqual(simulation.etcd.members[follower].appliedIndex, simulation.etcd.members[leader.member].appliedIndex,
                       "the returning member catches up")
    }
}
