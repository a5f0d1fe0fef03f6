import XCTest
@testable import ClusterSim
@testable import SimScenarios

/// Bounded property test: random crashes, stops and partitions with `failsafe_mode` on
/// never leave two writable primaries nor a primary writable without a lease or a
/// failsafe confirmation. Many more seeds belong in `simrun explore`.
final class FailsafePropertyTests: XCTestCase {
    func testFailsafeNeverGivesTwoWritersOrAnUnconfirmedPrimary() throws {
        let document = try JSONParser.parse("""
        {"name": "failsafe-property", "cluster": {"patroni": {"failsafe_mode": true}},
         "workload": {"writes_per_second": 5, "start_at": "30s"}}
        """)
        let explore = try Exploration(base: document, source: "<failsafe-property>", kinds: [.kill, .stop, .partition],
                                      length: .minutes(3), maxFaults: 5)
        for seed in UInt64(1)...10 {
            let record = explore.record(seed: seed)
            for invariant in ["single-writable-primary", "fenced-primary", "invalid-schedule"] {
                XCTAssertFalse(record.invariants.contains(invariant),
                               "seed \(seed) broke \(invariant); replay: simrun explore <scenario with failsafe_mode> --faults kill,stop,partition --first-seed \(seed) --seeds 1")
            }
        }
    }
}
