import XCTest

@testable import ClusterSim

/// Random stops, starts, freezes and partitions of etcd members: raft keeps one leader
/// per term, Patroni never has two writable primaries, and everything recovers once the
/// faults end.
final class EtcdChaosTests: XCTestCase {
    /// A random schedule of etcd faults between 40 s and 150 s, then every member healed and started.
    private func schedule(seed: UInt64, members: Int) -> [Fault] {
        var random = RandomStream(seed: seed, stream: "test/etcd-chaos")
        let names = (1...members).map { "etcd\($0)" }
        var faults: [Fault] = []
        for _ in 0..<8 {
            let at = SimInstant.zero + .seconds(40) + SimDuration(microseconds: random.nextInt(in: 0...110_000_000))
            let index = Int(random.nextInt(below: UInt64(members)))
            let target = FaultTarget.etcdMember(index, name: names[index])
            let action: FaultAction
            switch random.nextInt(below: 5) {
            case 0: action = .stop(target)
            case 1: action = .start(target)
            case 2: action = .freeze(target, for: SimDuration(microseconds: random.nextInt(in: 100_000...20_000_000)))
            case 3:
                let peer = (index + 1 + Int(random.nextInt(below: UInt64(members - 1)))) % members
                action = .partition(Partition(target: target, peers: [.etcdMember(peer, name: names[peer]), .otherNodes],
                                              direction: random.nextInt(below: 2) == 0 ? .both : .outbound))
            default: action = .stop(.etcdLeader)
            }
            faults.append(Fault(at: at, action: action))
        }
        faults.sort { $0.at < $1.at }
        faults.append(Fault(at: .zero + .seconds(160), action: .heal(nil)))
        for index in 0..<members {
            faults.append(Fault(at: .zero + .seconds(160), action: .start(.etcdMember(index, name: names[index]))))
        }
        return faults
    }

    func testRandomEtcdFaultsKeepOneLeaderPerTermAndNoSplitBrain() {
        for members in [3, 5] {
            for seed: UInt64 in 1...8 {
                var harness = ClusterHarness(seed: seed) { $0.etcd.members = members }
                harness.options.faults = schedule(seed: seed, members: members)
                let (simulation, report) = harness.simulate(for: .seconds(300))
                let context = "members \(members), seed \(seed)"
                var leaderOfTerm: [String: String] = [:]
                for entry in report.all(.etcdLeaderElected) {
                    let term = String(entry.message.split(separator: " ").last ?? "")
                    if let other = leaderOfTerm[term], other != entry.host {
                        XCTFail("\(context): \(other) and \(entry.host ?? "?") both led term \(term)")
                    }
                    leaderOfTerm[term] = entry.host
                }
                XCTAssertFalse(report.violations.contains { $0.invariant != .liveness && $0.invariant != .noLostAcknowledgedWrites },
                               "\(context): \(report.violations)")
                XCTAssertFalse(report.violations.contains { $0.invariant == .singleWritablePrimary }, "\(context)")
                let leaders = simulation.etcd.members.indices.filter { simulation.etcd.members[$0].role == .leader }
                XCTAssertEqual(leaders.count, 1, "\(context): etcd leaders at the end: \(leaders)")
                let applied = Set(simulation.etcd.members.map(\.appliedIndex))
                XCTAssertEqual(applied.count, 1, "\(context): members did not converge: \(simulation.etcd.members.map(\.appliedIndex))")
                XCTAssertEqual(report.final.members.filter { $0.role == .leader }.count, 1, "\(context): no Patroni leader at the end")
            }
        }
    }
}
