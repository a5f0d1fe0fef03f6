@testable import ClusterSim
@testable import SimScenarios
import XCTest

/// The closed-form failover envelope of PATRONI.md §7.2 and Patroni's timer notes per point.
final class SweepEnvelopeTests: XCTestCase {
    private func options(_ faults: [FaultAction], configure: (inout ClusterOptions) -> Void = { _ in }) -> ClusterOptions {
        var options = ClusterOptions()
        options.faults = faults.map { Fault(at: .zero + .seconds(60), within: .seconds(10), action: $0) }
        configure(&options)
        return options
    }

    private func envelope(_ options: ClusterOptions, file: StaticString = #filePath, line: UInt = #line) -> FailoverEnvelope? {
        guard case .envelope(let envelope) = FailoverEnvelope.derive(options) else {
            XCTFail("expected an envelope", file: file, line: line)
            return nil
        }
        return envelope
    }

    private func reason(_ options: ClusterOptions) -> String? {
        guard case .unavailable(let reason) = FailoverEnvelope.derive(options) else { return nil }
        return reason
    }

    private let etcdOnly = Partition(target: .leader, peers: [.etcd], direction: .outbound)

    func testACrashWithTheDefaultsTakes20Point3To30Point8Seconds() {
        let crash = envelope(options([.kill(.leader)]))
        XCTAssertEqual(crash?.formula, .crash)
        XCTAssertEqual(crash?.fault, "kill leader")
        XCTAssertEqual(crash?.min, .millis(20_300))
        XCTAssertEqual(crash?.mean, .millis(25_550))
        XCTAssertEqual(crash?.max, .millis(30_800))
    }

    func testAnIsolatedLeaderAddsTheTwoSecondProbeTimeout() {
        let isolated = envelope(options([.partition(Partition(target: .leader, peers: [.etcd, .otherNodes, .clients], direction: .both))]))
        XCTAssertEqual(isolated?.formula, .isolated)
        XCTAssertEqual([isolated?.min, isolated?.mean, isolated?.max], [.millis(22_300), .millis(27_550), .millis(32_800)])
        let named = envelope(options([.partition(Partition(target: .node(0, name: "patroni1"),
                                                           peers: [.etcd, .node(1, name: "patroni2"), .node(2, name: "patroni3")],
                                                           direction: .outbound))]))
        XCTAssertEqual(named?.formula, .isolated)
    }

    func testALeaderCutFromEtcdOnlyIsTheCrashFormula() {
        let cut = envelope(options([.partition(etcdOnly)]))
        XCTAssertEqual(cut?.formula, .cutFromEtcd)
        XCTAssertEqual([cut?.min, cut?.mean, cut?.max], [.millis(20_300), .millis(25_550), .millis(30_800)])
    }

    func testAGracefulStopIsTheFastStopRoundedUpToThePollPlusOneSecondAndThePromotion() {
        let stop = envelope(options([.stop(.leader)]))
        XCTAssertEqual(stop?.formula, .gracefulStop)
        XCTAssertEqual([stop?.min, stop?.mean, stop?.max], [.millis(2_300), .millis(2_300), .millis(2_300)])
        let slow = envelope(options([.stop(.leader)]) { $0.postgres.fastStop = .millis(2_500) })
        XCTAssertEqual(slow?.min, .millis(4_300))
        let exact = envelope(options([.stop(.leader)]) { $0.postgres.fastStop = .seconds(2) })
        XCTAssertEqual(exact?.min, .millis(3_300))
    }

    func testTheEnvelopeUsesTheTimersPatroniAdjusted() {
        let adjusted = envelope(options([.kill(.leader)]) { $0.patroni.ttl = 10; $0.patroni.loopWait = 15 })
        // ttl 10 → 20, then loop_wait 1 and retry_timeout 9.
        XCTAssertEqual([adjusted?.min, adjusted?.mean, adjusted?.max], [.millis(19_300), .millis(20_050), .millis(20_800)])
        let asGiven = envelope(options([.kill(.leader)]) { $0.patroni.ttl = 10; $0.patroni.loopWait = 5; $0.patroni.enforceTimerRules = false })
        XCTAssertEqual(asGiven?.min, .millis(5_300))
    }

    func testThePromotionAndTheLessorScanComeFromTheScenario() {
        let slow = envelope(options([.kill(.leader)]) { $0.postgres.promote = .seconds(1); $0.etcd.lessorScanInterval = .seconds(1) })
        XCTAssertEqual([slow?.min, slow?.mean, slow?.max], [.millis(21_000), .millis(26_500), .millis(32_000)])
    }

    func testFaultsThatCannotCauseAFailoverAreSkipped() {
        let later = envelope(options([.start(.node(0, name: "patroni1")), .kill(.replica),
                                      .partition(Partition(target: .leader, peers: [.clients], direction: .both)),
                                      .stop(.leader)]))
        XCTAssertEqual(later?.formula, .gracefulStop)
        XCTAssertEqual(later?.fault, "stop leader")
    }

    func testThereIsNoEnvelopeWithoutAClosedForm() {
        XCTAssertEqual(reason(options([.freeze(.leader, for: .seconds(40)), .kill(.leader)])), "no closed form for freeze leader for 40.0s")
        XCTAssertEqual(reason(options([.killPatroni(.leader)])), "no closed form for kill-patroni leader")
        XCTAssertEqual(reason(options([])), "no fault that can cause a failover")
        XCTAssertEqual(reason(options([.kill(.leader)]) { $0.ha = .none(UnfencedPromotion()) }), "ha none: the formulas are Patroni's")
        XCTAssertNotNil(reason(options([.partition(Partition(target: .leader, peers: [.etcd], direction: .inbound))])))
    }

    func testAFailoverCountsAsInsideWithinATenthOfASecond() throws {
        let crash = try XCTUnwrap(envelope(options([.kill(.leader)])))
        XCTAssertTrue(crash.contains(.millis(20_200)))
        XCTAssertFalse(crash.contains(.millis(20_199)))
        XCTAssertTrue(crash.contains(.millis(30_900)))
        XCTAssertFalse(crash.contains(.millis(30_901)))
    }

    // MARK: - Notes

    func testThePointNoteSaysHowPatroniAdjustedTheTimers() {
        var settings = PatroniSettings()
        settings.ttl = 20
        settings.loopWait = 15
        XCTAssertEqual(SweepPoint.timerTreatment(settings, EffectiveTimers(settings)), "adjusted: loop_wait 15\u{2192}1, retry_timeout 10\u{2192}9")
        settings.enforceTimerRules = false
        XCTAssertEqual(SweepPoint.timerTreatment(settings, EffectiveTimers(settings)),
                       "as given (enforce_timer_rules false); Patroni would adjust loop_wait 15\u{2192}1, retry_timeout 10\u{2192}9")
        XCTAssertNil(SweepPoint.timerTreatment(PatroniSettings(), EffectiveTimers(PatroniSettings())))
    }
}
