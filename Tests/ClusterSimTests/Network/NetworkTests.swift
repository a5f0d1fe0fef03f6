import XCTest

@testable import ClusterSim

/// Simulated links: latency with uniform jitter, and one-way drop rules.
final class NetworkTests: XCTestCase {
    private func network(latency: SimDuration = .micros(1_000), jitter: SimDuration = .micros(500),
                         hosts: Int = 4, seed: UInt64 = 1) -> Network {
        var options = NetworkOptions()
        options.latency = latency
        options.jitter = jitter
        return Network(options: options, hostCount: hosts, random: RandomStream(seed: seed, stream: "network"))
    }

    /// Every directed link of `network` that is open, as `from->to` strings.
    private func openLinks(_ network: Network, hosts: Int = 4) -> [String] {
        var links: [String] = []
        for from in 0..<hosts {
            for to in 0..<hosts where network.isOpen(from: HostID(from), to: HostID(to)) { links.append("\(from)->\(to)") }
        }
        return links
    }

    private let allLinks: [String] = (0..<4).flatMap { from in (0..<4).map { "\(from)->\($0)" } }

    // MARK: Delays

    func testDelaysStayWithinLatencyAndLatencyPlusJitterAndReachBothEnds() {
        for seed: UInt64 in 1...5 {
            var net = network(latency: .micros(1_000), jitter: .micros(500), seed: seed)
            var seen = Set<Int64>()
            for _ in 0..<10_000 {
                let delay = net.nextDelay().microseconds
                XCTAssertTrue((1_000...1_500).contains(delay), "seed \(seed): delay \(delay)us")
                seen.insert(delay)
            }
            XCTAssertTrue(seen.contains(1_000), "seed \(seed): the latency itself is never drawn")
            XCTAssertTrue(seen.contains(1_500), "seed \(seed): latency + jitter is never drawn")
        }
    }

    func testWithoutJitterEveryDelayIsTheLatency() {
        var net = network(latency: .millis(3), jitter: .zero)
        for _ in 0..<100 { XCTAssertEqual(net.nextDelay(), .millis(3)) }
    }

    func testTheSameSeedGivesTheSameDelays() {
        var first = network(seed: 77)
        var second = network(seed: 77)
        XCTAssertEqual((0..<50).map { _ in first.nextDelay() }, (0..<50).map { _ in second.nextDelay() })
    }

    // MARK: Drop rules

    func testANewNetworkHasEveryLinkOpen() {
        let net = network()
        XCTAssertEqual(openLinks(net), allLinks)
        XCTAssertFalse(net.hasRules)
    }

    func testADropRuleIsOneWay() {
        var net = network()
        net.setDropped(true, from: HostID(0), to: HostID(1))
        XCTAssertFalse(net.isOpen(from: HostID(0), to: HostID(1)))
        XCTAssertTrue(net.isOpen(from: HostID(1), to: HostID(0)))
        XCTAssertEqual(openLinks(net), allLinks.filter { $0 != "0->1" })
        XCTAssertTrue(net.hasRules)

        net.setDropped(false, from: HostID(0), to: HostID(1))
        XCTAssertTrue(net.isOpen(from: HostID(0), to: HostID(1)))
        XCTAssertFalse(net.hasRules)
    }

    func testHealingAHostRestoresBothDirectionsOfItsLinksOnly() {
        var net = network()
        net.setDropped(true, from: HostID(0), to: HostID(1))
        net.setDropped(true, from: HostID(2), to: HostID(1))
        net.setDropped(true, from: HostID(1), to: HostID(3))
        net.setDropped(true, from: HostID(2), to: HostID(3))
        net.heal(host: HostID(1))
        XCTAssertEqual(openLinks(net), allLinks.filter { $0 != "2->3" })
        XCTAssertTrue(net.hasRules)
    }

    func testHealAllRestoresEveryLink() {
        var net = network()
        for from in 0..<4 {
            for to in 0..<4 where from != to { net.setDropped(true, from: HostID(from), to: HostID(to)) }
        }
        XCTAssertEqual(openLinks(net), ["0->0", "1->1", "2->2", "3->3"])
        net.healAll()
        XCTAssertEqual(openLinks(net), allLinks)
        XCTAssertFalse(net.hasRules)
    }
}
