import XCTest
@testable import ClusterSim

/// `set-config` at run time (`patronictl edit-config`): the DCS `config` key, each node
/// picking it up, timers re-validated, the lease re-granted on a TTL change.
final class DynamicConfigTests: XCTestCase {
    private func at(_ seconds: Int64) -> SimInstant { .zero + .s(seconds) }

    func testTheConfigKeyRendersOnlyTheKeysItHas() {
        let config = DynamicConfig(ttl: 30, loopWait: 10, retryTimeout: 10, maximumLagOnFailover: 1_048_576)
        XCTAssertEqual(config.rendered, #"{"loop_wait":10,"maximum_lag_on_failover":1048576,"retry_timeout":10,"ttl":30}"#)
        let changed = DynamicConfigChange(ttl: 20, checkTimeline: true, primaryStartTimeout: 0).applied(to: config)
        XCTAssertEqual(changed.rendered,
                       #"{"check_timeline":true,"loop_wait":10,"maximum_lag_on_failover":1048576,"primary_start_timeout":0,"retry_timeout":10,"ttl":20}"#)
    }

    func testEveryNodeAppliesANewTtlAndValidatesItsTimers() {
        var cluster = ClusterHarness(seed: 2)
        cluster.options.faults = [Fault(at: at(60), action: .setConfig(DynamicConfigChange(ttl: 20)))]
        let (simulation, report) = cluster.simulate(for: .s(120))
        XCTAssertEqual(report.all(.config).count, 3)
        // ttl 20 with loop_wait 10 and retry_timeout 10: Patroni lowers loop_wait to 1 and retry_timeout to 9.
        for node in NodeID.all(3) {
            XCTAssertEqual(simulation.timers(of: node).ttl, .s(20))
            XCTAssertEqual(simulation.timers(of: node).loopWait, .s(1))
            XCTAssertEqual(simulation.timers(of: node).retryTimeout, .s(9))
        }
        XCTAssertEqual(report.all(.configWarning).count, 3)
        XCTAssertEqual(report.failovers.count, 0)
        XCTAssertEqual(report.violations, [])
    }

    func testATtlChangeGrantsTheLeaderANewLeaseWithTheNewTtl() {
        var cluster = ClusterHarness(seed: 2)
        cluster.options.faults = [Fault(at: at(60), action: .setConfig(DynamicConfigChange(ttl: 40)))]
        let renewals = cluster.run(for: .s(120)).history?.leaseRenewals ?? []
        let before = renewals.filter { $0.at < at(60) }.last
        let after = renewals.filter { $0.at > at(61) }.first
        XCTAssertEqual(before.map { $0.expiresAt - $0.at }, .s(30))
        XCTAssertEqual(after.map { $0.expiresAt - $0.at }, .s(40))
    }

    func testANodeCutOffFromEtcdKeepsTheOldConfig() {
        var cluster = ClusterHarness(seed: 2)
        cluster.partition(.replica, from: [.etcd], at: .s(50))
        cluster.options.faults.append(Fault(at: at(60), action: .setConfig(DynamicConfigChange(loopWait: 5))))
        let (simulation, report) = cluster.simulate(for: .s(80))
        let loopWaits = NodeID.all(3).map { simulation.timers(of: $0).loopWait }
        XCTAssertEqual(loopWaits.filter { $0 == .s(5) }.count, 2, "\(loopWaits)")
        XCTAssertEqual(loopWaits.filter { $0 == .s(10) }.count, 1, "\(loopWaits)")
        XCTAssertEqual(report.all(.config).count, 2)
    }

    /// The operator's way out of the leaderless stall (PATRONI.md §7.2 C): raising
    /// `maximum_lag_on_failover` lets a lagging replica promote.
    func testRaisingMaximumLagOnFailoverEndsTheStall() {
        func newLeaders(raise: Bool) -> Int {
            var cluster = ClusterHarness(seed: 2) { options in
                options.nodes = ["p1", "p2"].map(NodeOptions.init(name:))
                options.workload.writesPerSecond = 100
                options.workload.startAt = .zero + .s(5)
            }
            cluster.options.faults = [
                Fault(at: at(5), action: .slowDisk(.node(0, name: "p1"), factor: 100_000, for: nil)),
                Fault(at: at(5), action: .slowDisk(.node(1, name: "p2"), factor: 100_000, for: nil)),
                Fault(at: at(70), action: .kill(.leader)),
            ]
            if raise {
                cluster.options.faults.append(Fault(at: at(105), action: .setConfig(DynamicConfigChange(maximumLagOnFailover: 1 << 40))))
            }
            return cluster.run(for: .s(130)).failovers.filter { $0.promotedAt != nil }.count
        }
        XCTAssertEqual(newLeaders(raise: false), 0)
        XCTAssertEqual(newLeaders(raise: true), 1)
    }
}
