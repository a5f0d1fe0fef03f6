import XCTest

@testable import ClusterSim

/// Patroni's validation of ttl, loop_wait and retry_timeout (PATRONI.md §7.1).
final class EffectiveTimersTests: XCTestCase {
    private func settings(ttl: Int, loopWait: Int, retryTimeout: Int, enforce: Bool = true) -> PatroniSettings {
        var settings = PatroniSettings()
        settings.ttl = ttl
        settings.loopWait = loopWait
        settings.retryTimeout = retryTimeout
        settings.enforceTimerRules = enforce
        return settings
    }

    /// The timers as `(ttl, loop_wait, retry_timeout)` in whole seconds.
    private func seconds(_ timers: EffectiveTimers) -> [Int64] {
        [timers.ttl, timers.loopWait, timers.retryTimeout].map { $0.microseconds / 1_000_000 }
    }

    func testTheDefaultsAreValidAndUnchanged() {
        let timers = EffectiveTimers(PatroniSettings())
        XCTAssertEqual(timers.ttl, .seconds(30))
        XCTAssertEqual(timers.loopWait, .seconds(10))
        XCTAssertEqual(timers.retryTimeout, .seconds(10))
        XCTAssertEqual(timers.warnings, [])
    }

    func testATTLBelowTwentyIsRaisedToTwentyWithAWarning() {
        let timers = EffectiveTimers(settings(ttl: 10, loopWait: 2, retryTimeout: 3))
        XCTAssertEqual(seconds(timers), [20, 2, 3])
        XCTAssertEqual(timers.warnings, ["ttl=10 can't be smaller than 20, adjusting..."])
    }

    func testATTLOfTenWithDefaultTimersIsRaisedAndThenTheOtherTimersShrink() {
        // ttl becomes 20; then 10 + 2×10 > 20 and 1 + 2×10 > 20: loop_wait 1, retry ⌊19/2⌋.
        let timers = EffectiveTimers(settings(ttl: 10, loopWait: 10, retryTimeout: 10))
        XCTAssertEqual(seconds(timers), [20, 1, 9])
        XCTAssertEqual(timers.warnings.count, 2)
        XCTAssertEqual(timers.warnings.first, "ttl=10 can't be smaller than 20, adjusting...")
    }

    func testLoopWaitAndRetryTimeoutMinimumsAreEnforced() {
        let timers = EffectiveTimers(settings(ttl: 30, loopWait: 0, retryTimeout: 1))
        XCTAssertEqual(seconds(timers), [30, 1, 3])
        XCTAssertEqual(timers.warnings, [
            "loop_wait=0 can't be smaller than 1, adjusting...",
            "retry_timeout=1 can't be smaller than 3, adjusting...",
        ])
    }

    func testLoopWaitShrinksToTTLMinusTwiceRetryTimeoutWhenTheSumExceedsTTL() {
        let timers = EffectiveTimers(settings(ttl: 30, loopWait: 15, retryTimeout: 10))
        XCTAssertEqual(seconds(timers), [30, 10, 10])
        XCTAssertEqual(timers.warnings, ["Violated the rule \"loop_wait + 2*retry_timeout <= ttl\", where ttl=30 and retry_timeout=10. Adjusting loop_wait from 15 to 10"])

        let justOver = EffectiveTimers(settings(ttl: 25, loopWait: 10, retryTimeout: 8))
        XCTAssertEqual(seconds(justOver), [25, 9, 8])
    }

    func testASumExactlyEqualToTTLIsAccepted() {
        let timers = EffectiveTimers(settings(ttl: 24, loopWait: 4, retryTimeout: 10))
        XCTAssertEqual(seconds(timers), [24, 4, 10])
        XCTAssertEqual(timers.warnings, [])
    }

    func testWhenEvenALoopWaitOfOneDoesNotFitRetryTimeoutBecomesHalfOfTTLMinusOne() {
        let timers = EffectiveTimers(settings(ttl: 20, loopWait: 10, retryTimeout: 10))
        XCTAssertEqual(seconds(timers), [20, 1, 9])
        XCTAssertEqual(timers.warnings, ["Violated the rule \"loop_wait + 2*retry_timeout <= ttl\", where ttl=20. Adjusting loop_wait from 10 to 1 and retry_timeout from 10 to 9"])

        let odd = EffectiveTimers(settings(ttl: 21, loopWait: 5, retryTimeout: 15))
        XCTAssertEqual(seconds(odd), [21, 1, 10])
    }

    func testTheBoundaryWhereALoopWaitOfOneJustFits() {
        // 1 + 2×12 = 25 = ttl: loop_wait drops to 1 through the first rule, retry is kept.
        let timers = EffectiveTimers(settings(ttl: 25, loopWait: 5, retryTimeout: 12))
        XCTAssertEqual(seconds(timers), [25, 1, 12])
        XCTAssertEqual(timers.warnings, ["Violated the rule \"loop_wait + 2*retry_timeout <= ttl\", where ttl=25 and retry_timeout=12. Adjusting loop_wait from 5 to 1"])
    }

    func testEveryEnforcedResultSatisfiesPatronisRules() {
        for ttl in 0...40 {
            for loopWait in 0...20 {
                for retry in 0...20 {
                    let timers = seconds(EffectiveTimers(settings(ttl: ttl, loopWait: loopWait, retryTimeout: retry)))
                    let context = "ttl \(ttl), loop_wait \(loopWait), retry_timeout \(retry) gave \(timers)"
                    XCTAssertGreaterThanOrEqual(timers[0], 20, context)
                    XCTAssertGreaterThanOrEqual(timers[1], 1, context)
                    XCTAssertGreaterThanOrEqual(timers[2], 3, context)
                    XCTAssertLessThanOrEqual(timers[1] + 2 * timers[2], timers[0], context)
                }
            }
        }
    }

    func testWithoutEnforcementTheValuesAreKeptAndNoWarningIsGiven() {
        let timers = EffectiveTimers(settings(ttl: 10, loopWait: 10, retryTimeout: 10, enforce: false))
        XCTAssertEqual(seconds(timers), [10, 10, 10])
        XCTAssertEqual(timers.warnings, [])

        let zeros = EffectiveTimers(settings(ttl: 5, loopWait: 0, retryTimeout: 1, enforce: false))
        XCTAssertEqual(seconds(zeros), [5, 0, 1])
        XCTAssertEqual(zeros.warnings, [])
    }
}
