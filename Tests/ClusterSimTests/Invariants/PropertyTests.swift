import XCTest
@testable import ClusterSim
@testable import SimScenarios

/// Bounded property tests: random schedules of the faults Patroni is built to survive.
/// Many more seeds belong in `simrun explore`; these keep the suite fast.
final class PropertyTests: XCTestCase {
    /// The lab cluster with a light workload, explored with `kinds` over short schedules.
    private func exploration(kinds: [FaultKind], synchronous: Bool = false) throws -> Exploration {
        let document = try JSONParser.parse("""
        {"name": "property", "cluster": {"patroni": {"synchronous_mode": \(synchronous)}},
         "workload": {"writes_per_second": 5, "start_at": "30s"}}
        """)
        return try Exploration(base: document, source: "<property>", kinds: kinds, length: .minutes(3), maxFaults: 5)
    }

    func testCrashesStopsRestartsAndPartitionsNeverGiveTwoWritersOrAStepBackInTimeline() throws {
        let explore = try exploration(kinds: [.kill, .stop, .partition])
        for seed in UInt64(1)...16 {
            let record = explore.record(seed: seed)
            for invariant in ["single-writable-primary", "timeline-monotonic", "liveness", "invalid-schedule"] {
                XCTAssertFalse(record.invariants.contains(invariant),
                               "seed \(seed) broke \(invariant); replay: simrun explore <lab scenario> --faults kill,stop,partition --first-seed \(seed) --seeds 1")
            }
        }
    }

    func testWithSynchronousModeNoAcknowledgedWriteIsLost() throws {
        let explore = try exploration(kinds: [.kill, .stop, .partition], synchronous: true)
        for seed in UInt64(1)...10 {
            guard let report = explore.run(explore.document(seed: seed)) else { return XCTFail("seed \(seed): invalid schedule") }
            XCTAssertEqual(report.writes.lost, 0, "seed \(seed)")
            XCTAssertFalse(report.violations.contains { $0.invariant == .noLostAcknowledgedWrites }, "seed \(seed)")
        }
    }

    func testTheShrinkerReturnsASmallerScheduleThatStillFails() throws {
        // Freezes break Patroni's guarantee: find a failing seed, then shrink it.
        let explore = try exploration(kinds: [.freeze, .kill, .partition])
        guard let failing = (UInt64(1)...40).first(where: { explore.record(seed: $0).failed }) else {
            return XCTFail("no seed in 1...40 broke an invariant with freezes")
        }
        let minimized = try XCTUnwrap(explore.minimize(seed: failing, maxRuns: 60))
        XCTAssertLessThanOrEqual(minimized.faultsAfter, minimized.faultsBefore)
        let report = try XCTUnwrap(explore.run(minimized.document))
        XCTAssertTrue(report.violations.contains { $0.invariant.rawValue == minimized.invariant }, "seed \(failing)")
    }
}
