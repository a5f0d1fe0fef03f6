import XCTest

@testable import ClusterSim
@testable import SimScenarios

/// The `expect` block checked against hand-built reports.
final class ExpectationsTests: XCTestCase {
    /// The instant `seconds` after the start.
    private func at(_ seconds: Double) -> SimInstant {
        SimInstant(microseconds: Int64((seconds * 1_000_000).rounded()))
    }

    /// A member row of the final snapshot.
    private func row(_ name: String, _ role: MemberRole, _ state: String, timeline: Int?) -> MemberRow {
        MemberRow(name: name, host: name, role: role, state: state, timeline: timeline, lagBytes: nil, registered: true, lsn: 0)
    }

    /// A run in which the leader patroni1 was stopped at 60 s and patroni2 was promoted at
    /// 87.3 s on timeline 2; patroni1 came back, was rewound and streams again, and the
    /// cluster had converged at 90 s, well before the deadline of 150 s.
    private func failoverReport() -> Report {
        var writes = WriteSummary()
        writes.attempted = 3_600
        writes.acked = 3_050
        writes.failed = 550
        writes.longestOutage = OutageWindow(from: at(59.99), until: at(88.0))
        return Report(
            scenario: "lab4", seed: 1, ha: "patroni", outcome: .completed, endedAt: at(180), eventsHandled: 1_000,
            timers: EffectiveTimers(PatroniSettings()), firstFaultAt: at(60),
            timeline: [
                TimelineEntry(at: at(60), host: nil, kind: .fault, message: "stop leader"),
                TimelineEntry(at: at(125), host: "patroni1", kind: .rewindDone, message: "pg_rewind finished"),
            ],
            failovers: [
                FailoverRecord(fault: "stop leader", faultAt: at(60), oldLeader: "patroni1", newLeader: "patroni2",
                               leaderKeyGoneAt: at(60.5), leaderKeyGoneHow: "released", lockAcquiredAt: at(87.0),
                               promotedAt: at(87.3), firstWriteAt: at(88.0), replicasFollowingAt: at(90), timeline: 2),
            ],
            writes: writes,
            violations: [],
            liveness: LivenessResult(since: at(60), deadline: at(150), convergedAt: at(90), decided: true),
            final: ClusterSnapshot(at: at(180), systemIdentifier: "7000000000000000001", members: [
                row("patroni1", .replica, "streaming", timeline: 2),
                row("patroni2", .leader, "running", timeline: 2),
                row("patroni3", .replica, "streaming", timeline: 2),
            ], keys: []))
    }

    /// Expectations that `failoverReport()` meets in every field.
    private func metExpectations() -> Expectations {
        var expect = Expectations()
        expect.failoverTime = .init(min: .seconds(20), max: .seconds(45))
        expect.failovers = 1
        expect.splitBrain = false
        expect.lostWrites = 0
        expect.finalTimeline = 2
        expect.finalLeader = .named("patroni2")
        expect.writeOutageMax = .seconds(30)
        expect.rewinds = 1
        expect.allStreaming = true
        expect.converged = true
        expect.zombieWindows = 0
        expect.violations = 0
        expect.expectsFailover = true
        return expect
    }

    func testAnEmptyBlockChecksNothing() {
        XCTAssertEqual(Expectations().evaluate(failoverReport()), [])
    }

    func testEveryGivenFieldHoldsForAGoodRunInAFixedOrder() {
        let results = metExpectations().evaluate(failoverReport())
        XCTAssertEqual(results, [
            ExpectationResult(check: "failover_time.min", expected: ">= 20.0s", actual: "27.3s", held: true),
            ExpectationResult(check: "failover_time.max", expected: "<= 45.0s", actual: "27.3s", held: true),
            ExpectationResult(check: "failovers", expected: "1", actual: "1", held: true),
            ExpectationResult(check: "split_brain", expected: "false", actual: "false", held: true),
            ExpectationResult(check: "lost_writes", expected: "<= 0", actual: "0", held: true),
            ExpectationResult(check: "final_timeline", expected: "2", actual: "2", held: true),
            ExpectationResult(check: "final_leader", expected: "patroni2", actual: "patroni2", held: true),
            ExpectationResult(check: "write_outage.max", expected: "<= 30.0s", actual: "28.0s", held: true),
            ExpectationResult(check: "rewinds", expected: "1", actual: "1", held: true),
            ExpectationResult(check: "all_streaming", expected: "true", actual: "true", held: true),
            ExpectationResult(check: "converged", expected: "true", actual: "true (at T+30.0s)", held: true),
            ExpectationResult(check: "zombie_windows", expected: "0", actual: "0", held: true),
            ExpectationResult(check: "violations", expected: "0", actual: "0", held: true),
        ])
    }

    func testEveryFieldFailsForABadRun() {
        var report = failoverReport()
        report.failovers.append(FailoverRecord(fault: "kill leader", faultAt: at(130), oldLeader: "patroni2", newLeader: nil))
        report.violations = [
            Violation(invariant: .singleWritablePrimary, at: at(61), until: at(62), nodes: ["patroni1", "patroni2"], detail: "two primaries"),
            Violation(invariant: .fencedPrimary, at: at(61), until: nil, nodes: ["patroni1"], detail: "no lease"),
        ]
        report.liveness.convergedAt = nil
        report.writes.lost = 4
        report.writes.longestOutage = OutageWindow(from: at(130), until: at(180))
        report.timeline.removeAll { $0.kind == .rewindDone }
        report.final.members = [
            row("patroni1", .leader, "running", timeline: 1),
            row("patroni2", .replica, "stopped", timeline: 2),
            row("patroni3", .replica, "starting", timeline: 2),
        ]
        var expect = metExpectations()
        expect.failovers = 2
        let results = expect.evaluate(report)
        XCTAssertEqual(results.filter(\.held), [])
        XCTAssertEqual(results.map(\.actual), [
            "27.3s, not completed", "27.3s, not completed", "1", "true", "4", "1", "patroni1", "50.0s", "0",
            "false (patroni3 starting on timeline 2)", "false (deadline T+90.0s)", "1", "2",
        ])
    }

    func testFailoverTimeIsCheckedOnEveryRecord() {
        var report = failoverReport()
        report.failovers.append(FailoverRecord(fault: "kill leader", faultAt: at(130), oldLeader: "patroni2", newLeader: "patroni3",
                                               promotedAt: at(180), timeline: 3))
        var expect = Expectations()
        expect.failoverTime = .init(max: .seconds(45))
        XCTAssertEqual(expect.evaluate(report),
                       [ExpectationResult(check: "failover_time.max", expected: "<= 45.0s", actual: "27.3s, 50.0s", held: false)])
    }

    func testAMissingFailoverFailsOnlyWhenTheScenarioShouldFailOver() {
        var report = failoverReport()
        report.failovers = []
        var expect = Expectations()
        expect.failoverTime = .init(max: .seconds(45))
        XCTAssertEqual(expect.evaluate(report).map(\.held), [true])
        expect.expectsFailover = true
        XCTAssertEqual(expect.evaluate(report),
                       [ExpectationResult(check: "failover_time.max", expected: "<= 45.0s", actual: "no failover", held: false)])
    }

    func testARunWithoutALeaderAtTheEnd() {
        var report = failoverReport()
        report.final.members = report.final.members.map { row($0.name, .none, "stopped", timeline: $0.timeline) }
        var expect = Expectations()
        expect.finalLeader = .noLeader
        expect.finalTimeline = 2
        expect.allStreaming = false
        XCTAssertEqual(expect.evaluate(report), [
            ExpectationResult(check: "final_timeline", expected: "2", actual: "no leader", held: false),
            ExpectationResult(check: "final_leader", expected: "no leader", actual: "no leader", held: true),
            ExpectationResult(check: "all_streaming", expected: "false", actual: "false (no leader)", held: true),
        ])
        expect = Expectations()
        expect.finalLeader = .named("patroni2")
        XCTAssertEqual(expect.evaluate(report).map(\.held), [false])
    }

    func testStoppedMembersDoNotCountAgainstAllStreaming() {
        var report = failoverReport()
        report.final.members[0] = row("patroni1", .none, "stopped", timeline: 1)
        report.final.members[2] = row("patroni3", .replica, "crashed", timeline: nil)
        var expect = Expectations()
        expect.allStreaming = true
        XCTAssertEqual(expect.evaluate(report).map(\.held), [true])
        report.final.members[2] = row("patroni3", .replica, "streaming", timeline: 1)
        XCTAssertEqual(expect.evaluate(report).map(\.actual), ["false (patroni3 streaming on timeline 1)"])
    }

    func testNoOutageMeetsAnyOutageBound() {
        var report = failoverReport()
        report.writes.longestOutage = nil
        var expect = Expectations()
        expect.writeOutageMax = .zero
        XCTAssertEqual(expect.evaluate(report),
                       [ExpectationResult(check: "write_outage.max", expected: "<= 0.0s", actual: "none", held: true)])
    }

    func testLostWritesIsAnUpperBound() {
        var report = failoverReport()
        report.writes.lost = 3
        var expect = Expectations()
        expect.lostWrites = 3
        XCTAssertEqual(expect.evaluate(report).map(\.held), [true])
        expect.lostWrites = 2
        XCTAssertEqual(expect.evaluate(report).map(\.held), [false])
    }

    func testConvergedComparesTheLivenessVerdictAndShowsWhenOrWhyNot() {
        var report = failoverReport()
        var expect = Expectations()
        expect.converged = false
        XCTAssertEqual(expect.evaluate(report),
                       [ExpectationResult(check: "converged", expected: "false", actual: "true (at T+30.0s)", held: false)])
        expect.converged = true
        report.liveness.convergedAt = at(155)
        XCTAssertEqual(expect.evaluate(report),
                       [ExpectationResult(check: "converged", expected: "true", actual: "false (at T+95.0s, after the deadline T+90.0s)", held: false)])
        report.liveness.convergedAt = nil
        report.liveness.decided = false
        XCTAssertEqual(expect.evaluate(report).map(\.actual), ["false (the run ended before the deadline T+90.0s)"])
        expect.converged = false
        XCTAssertEqual(expect.evaluate(report).map(\.held), [true])
    }

    func testConvergedTimesAreAbsoluteWithoutFaults() {
        var report = failoverReport()
        report.firstFaultAt = nil
        report.liveness = LivenessResult(since: .zero, deadline: at(90), convergedAt: nil, decided: true)
        var expect = Expectations()
        expect.converged = true
        XCTAssertEqual(expect.evaluate(report),
                       [ExpectationResult(check: "converged", expected: "true", actual: "false (deadline t=90.0s)", held: false)])
        report.liveness.convergedAt = at(12.3)
        XCTAssertEqual(expect.evaluate(report),
                       [ExpectationResult(check: "converged", expected: "true", actual: "true (at t=12.3s)", held: true)])
    }

    func testZombieWindowsCountOnlyFencedPrimaryViolations() {
        var report = failoverReport()
        report.violations = [
            Violation(invariant: .fencedPrimary, at: at(61), until: at(75), nodes: ["patroni1"], detail: "no lease"),
            Violation(invariant: .singleWritablePrimary, at: at(87.3), until: at(88), nodes: ["patroni1", "patroni2"], detail: "two primaries"),
            Violation(invariant: .fencedPrimary, at: at(130), until: nil, nodes: ["patroni2"], detail: "no lease"),
            Violation(invariant: .liveness, at: at(150), until: nil, nodes: [], detail: "not converged"),
        ]
        var expect = Expectations()
        expect.zombieWindows = 2
        expect.violations = 4
        XCTAssertEqual(expect.evaluate(report), [
            ExpectationResult(check: "zombie_windows", expected: "2", actual: "2", held: true),
            ExpectationResult(check: "violations", expected: "4", actual: "4", held: true),
        ])
        expect.zombieWindows = 1
        XCTAssertEqual(expect.evaluate(report).map(\.held), [false, true])
        report.violations.removeAll { $0.invariant == .fencedPrimary }
        expect.zombieWindows = 0
        XCTAssertEqual(expect.evaluate(report).first, ExpectationResult(check: "zombie_windows", expected: "0", actual: "0", held: true))
    }
}
