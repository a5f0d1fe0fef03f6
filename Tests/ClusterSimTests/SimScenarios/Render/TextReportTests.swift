@testable import ClusterSim
@testable import SimScenarios
import XCTest

/// Hand-built reports shared by the text and JSON renderer tests.
enum RenderFixtures {
    /// The instant `tenths` tenths of a second after the start of the run.
    static func at(_ tenths: Int64) -> SimInstant {
        SimInstant(microseconds: tenths * 100_000)
    }

    /// A failover with every phase present.
    static let completeFailover = FailoverRecord(
        fault: "stop leader",
        faultAt: at(600),
        oldLeader: "patroni1",
        newLeader: "patroni3",
        leaderKeyGoneAt: at(816),
        leaderKeyGoneHow: "expired",
        lockAcquiredAt: at(816),
        promotedAt: at(821),
        firstWriteAt: at(824),
        replicasFollowingAt: at(950),
        timeline: 2
    )

    /// A failover that never got past the fault.
    static let stalledFailover = FailoverRecord(
        fault: "partition leader",
        faultAt: at(1200),
        oldLeader: "patroni3",
        newLeader: nil,
        leaderKeyGoneAt: nil,
        leaderKeyGoneHow: nil,
        lockAcquiredAt: nil,
        promotedAt: nil,
        firstWriteAt: nil,
        replicasFollowingAt: nil,
        timeline: nil
    )

    /// A report with one of everything: faults, timeline entries before and after the
    /// first fault and one without a host, a complete and a stalled failover, write
    /// failures and an outage, a violation (and the timeline entry marking its start), a
    /// liveness check that converged, every kind of member row, keys with and without a lease.
    static func fullReport() -> Report {
        var writes = WriteSummary()
        writes.attempted = 1800
        writes.acked = 1650
        writes.failed = 140
        writes.pending = 10
        writes.lost = 0
        writes.failuresByReason = [
            ReasonCount(reason: "connection refused", count: 95),
            ReasonCount(reason: "timeout", count: 45),
        ]
        writes.longestOutage = OutageWindow(from: at(603), until: at(824))
        return Report(
            scenario: "leader-stop",
            seed: 42,
            ha: "patroni",
            outcome: .completed,
            endedAt: at(1800),
            eventsHandled: 123_456,
            timers: EffectiveTimers(PatroniSettings()),
            firstFaultAt: at(600),
            timeline: [
                TimelineEntry(at: at(550), host: "patroni1", kind: .lockKept, message: "no action. I am (patroni1), the leader with the lock"),
                TimelineEntry(at: at(600), host: nil, kind: .fault, message: "fault: stop leader patroni1"),
                TimelineEntry(at: at(816), host: "patroni3", kind: .lockAcquired, message: "acquired the leader lock"),
                TimelineEntry(at: at(821), host: "haproxy", kind: .haproxyUp, message: "routes writes to patroni3"),
                TimelineEntry(at: at(1205), host: "patroni1", kind: .violation, message: "single-writable-primary: patroni1 and patroni3 both accept writes"),
            ],
            failovers: [completeFailover, stalledFailover],
            writes: writes,
            violations: [
                Violation(invariant: .singleWritablePrimary, at: at(1205), until: at(1250), nodes: ["patroni1", "patroni3"], detail: "two primaries accepted writes"),
            ],
            liveness: LivenessResult(since: at(1200), deadline: at(2100), convergedAt: at(1521), decided: false),
            final: ClusterSnapshot(
                at: at(1800),
                systemIdentifier: "7318483939484837267",
                members: [
                    MemberRow(name: "patroni1", host: "patroni1", role: .replica, state: "streaming", timeline: 2, lagBytes: 3_500_000, registered: true, lsn: 50_000_000),
                    MemberRow(name: "patroni2", host: "patroni2", role: .replica, state: "streaming", timeline: 2, lagBytes: 0, registered: true, lsn: 53_500_000),
                    MemberRow(name: "patroni3", host: "patroni3", role: .leader, state: "running", timeline: 2, lagBytes: nil, registered: true, lsn: 53_500_000),
                    MemberRow(name: "patroni4", host: "patroni4", role: .none, state: "stopped", timeline: nil, lagBytes: nil, registered: false, lsn: 0),
                ],
                keys: [
                    EtcdKeyDump(key: "/service/batman/config", value: #"{"loop_wait":10,"retry_timeout":10,"ttl":30}"#, lease: nil),
                    EtcdKeyDump(key: "/service/batman/leader", value: "patroni3", lease: 7_587_869_211_234_567),
                ]
            )
        )
    }

    /// A report without faults, failovers, violations or write failures.
    static func quietReport() -> Report {
        var report = fullReport()
        report.scenario = "quiet"
        report.firstFaultAt = nil
        report.timeline = [
            TimelineEntry(at: at(123), host: "patroni1", kind: .lockAcquired, message: "acquired the leader lock"),
            TimelineEntry(at: at(125), host: nil, kind: .initialized, message: "cluster initialized"),
        ]
        report.failovers = []
        report.violations = []
        report.writes = WriteSummary()
        report.final.systemIdentifier = nil
        report.final.keys = []
        report.liveness = LivenessResult(since: .zero, deadline: at(900), convergedAt: at(125), decided: true)
        return report
    }

    /// A report whose only failure is a liveness violation: one fault at 60 s, no
    /// convergence by the 90 s bound.
    static func livenessOnlyReport() -> Report {
        var report = quietReport()
        report.scenario = "stuck"
        report.firstFaultAt = at(600)
        report.liveness = LivenessResult(since: at(600), deadline: at(1500), convergedAt: nil, decided: true)
        report.violations = [
            Violation(invariant: .liveness, at: at(1500), until: nil, nodes: [], detail: "no leader with every member streaming 90.0s after the last fault"),
        ]
        return report
    }

    /// The expectations of a passing run.
    static let passingExpectations = [
        ExpectationResult(check: "failover_time.max", expected: "<= 45.0s", actual: "22.1s", held: true),
    ]

    /// `report` with `expectations` and a fixed reproduce command.
    static func summary(_ report: Report, expectations: [ExpectationResult] = passingExpectations) -> RunSummary {
        RunSummary(report: report, expectations: expectations, reproduceCommand: "simrun run leader-stop --seed 42")
    }
}

final class TextReportTests: XCTestCase {
    private func lines(_ summary: RunSummary, scope: String = "batman") -> [String] {
        TextReport.render(summary, scope: scope).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func testTheHeaderNamesTheScenarioSeedHAPolicyAndTimers() {
        var report = RenderFixtures.fullReport()
        report.timers.warnings = ["ttl=10 is below the minimum 20; using ttl=20"]
        let text = lines(RenderFixtures.summary(report))
        XCTAssertEqual(Array(text.prefix(4)), [
            "Scenario: leader-stop (seed 42)",
            "HA: patroni",
            "Timers: ttl=30s loop_wait=10s retry_timeout=10s",
            "warning: ttl=10 is below the minimum 20; using ttl=20",
        ])
    }

    func testTheHeaderNamesAnHAPolicyOtherThanPatroni() {
        var report = RenderFixtures.fullReport()
        report.ha = "manual"
        XCTAssertEqual(lines(RenderFixtures.summary(report))[1], "HA: manual")
    }

    func testTimersThatAreNotWholeSecondsKeepTheirFraction() {
        var report = RenderFixtures.fullReport()
        report.timers.loopWait = .millis(2_500)
        XCTAssertTrue(lines(RenderFixtures.summary(report)).contains("Timers: ttl=30s loop_wait=2.5s retry_timeout=10s"))
    }

    func testTimelineTimesAreRelativeToTheFirstFaultBothBeforeAndAfterIt() throws {
        let text = lines(RenderFixtures.summary(RenderFixtures.fullReport()))
        let start = try XCTUnwrap(text.firstIndex(of: "Timeline (relative to the first fault at t=60.0s):"))
        XCTAssertEqual(Array(text.dropFirst(start + 1).prefix(5)), [
            "  T-5.0s   patroni1  no action. I am (patroni1), the leader with the lock",
            "  T+0.0s   -         fault: stop leader patroni1",
            "  T+21.6s  patroni3  acquired the leader lock",
            "  T+22.1s  haproxy   routes writes to patroni3",
            "  T+60.5s  patroni1  !! single-writable-primary: patroni1 and patroni3 both accept writes",
        ])
    }

    func testOnlyTimelineEntriesOfKindViolationAreMarked() {
        let marked = lines(RenderFixtures.summary(RenderFixtures.fullReport())).filter { $0.contains("!!") }
        XCTAssertEqual(marked, ["  T+60.5s  patroni1  !! single-writable-primary: patroni1 and patroni3 both accept writes"])
    }

    func testTimelineTimesAreAbsoluteWhenThereWasNoFault() throws {
        let text = lines(RenderFixtures.summary(RenderFixtures.quietReport()))
        let start = try XCTUnwrap(text.firstIndex(of: "Timeline (no faults, absolute times):"))
        XCTAssertEqual(Array(text.dropFirst(start + 1).prefix(2)), [
            "  t=12.3s  patroni1  acquired the leader lock",
            "  t=12.5s  -         cluster initialized",
        ])
    }

    func testAnEmptyTimelineSaysNone() {
        var report = RenderFixtures.quietReport()
        report.timeline = []
        XCTAssertTrue(lines(RenderFixtures.summary(report)).contains("Timeline: none"))
    }

    func testThePhaseTableGivesEachPhaseItsOffsetFromTheFaultAndItsAbsoluteTime() throws {
        let text = lines(RenderFixtures.summary(RenderFixtures.fullReport()))
        let start = try XCTUnwrap(text.firstIndex(of: "Failovers:"))
        XCTAssertEqual(Array(text.dropFirst(start + 1).prefix(8)), [
            "  #1 stop leader",
            "    fault                       +0.0s   t=60.0s",
            "    leader key gone (expired)  +21.6s   t=81.6s",
            "    lock acquired              +21.6s   t=81.6s",
            "    promoted (read-write)      +22.1s   t=82.1s",
            "    first write acked          +22.4s   t=82.4s",
            "    replicas following         +35.0s   t=95.0s",
            "    patroni1 -> patroni3, timeline 2",
        ])
    }

    func testThePhaseTableShowsADashForPhasesThatNeverHappened() throws {
        let text = lines(RenderFixtures.summary(RenderFixtures.fullReport()))
        let start = try XCTUnwrap(text.firstIndex(of: "  #2 partition leader"))
        XCTAssertEqual(Array(text.dropFirst(start + 1).prefix(7)), [
            "    fault                       +0.0s  t=120.0s",
            "    leader key gone                 -         -",
            "    lock acquired                   -         -",
            "    promoted (read-write)           -         -",
            "    first write acked               -         -",
            "    replicas following              -         -",
            "    patroni3 -> (no new leader)",
        ])
    }

    func testARunWithoutFailoversSaysNone() {
        XCTAssertTrue(lines(RenderFixtures.summary(RenderFixtures.quietReport())).contains("Failovers: none"))
    }

    func testTheWritesSectionCountsWritesAndShowsTheLongestOutageAndFailureReasons() throws {
        let text = lines(RenderFixtures.summary(RenderFixtures.fullReport()))
        let start = try XCTUnwrap(text.firstIndex { $0.hasPrefix("Writes:") })
        XCTAssertEqual(Array(text.dropFirst(start).prefix(5)), [
            "Writes: attempted 1800, acked 1650, failed 140, pending 10, lost 0",
            "  longest outage from T+0.3s until T+22.4s (22.1s)",
            "  failures by reason:",
            "    95  connection refused",
            "    45  timeout",
        ])
    }

    func testARunWithoutWritesHasNoOutage() throws {
        let text = lines(RenderFixtures.summary(RenderFixtures.quietReport()))
        let start = try XCTUnwrap(text.firstIndex { $0.hasPrefix("Writes:") })
        XCTAssertEqual(Array(text.dropFirst(start).prefix(3)), [
            "Writes: attempted 0, acked 0, failed 0, pending 0, lost 0",
            "  longest outage: none",
            "",
        ])
    }

    func testEachViolationShowsItsInvariantWindowNodesAndDetailInAlignedColumns() throws {
        var report = RenderFixtures.fullReport()
        report.violations.append(Violation(invariant: .fencedPrimary, at: at(1300), until: at(1315), nodes: ["patroni1"], detail: "patroni1 accepted a write after losing the lock"))
        let text = lines(RenderFixtures.summary(report))
        let start = try XCTUnwrap(text.firstIndex(of: "Violations:"))
        XCTAssertEqual(Array(text.dropFirst(start + 1).prefix(2)), [
            "  single-writable-primary  T+60.5s..T+65.0s (4.5s)  nodes: patroni1, patroni3"
                + "  \u{2014} two primaries accepted writes  reproduce: simrun run leader-stop --seed 42",
            "  fenced-primary           T+70.0s..T+71.5s (1.5s)  nodes: patroni1          "
                + "  \u{2014} patroni1 accepted a write after losing the lock  reproduce: simrun run leader-stop --seed 42",
        ])
    }

    func testAViolationStillOpenAtTheEndRunsToTheEndAndOneWithoutNodesSaysSo() throws {
        var report = RenderFixtures.fullReport()
        report.violations = [Violation(invariant: .noLostAcknowledgedWrites, at: at(1300), until: nil, nodes: [], detail: "write 17 is missing")]
        let text = lines(RenderFixtures.summary(report))
        let start = try XCTUnwrap(text.firstIndex(of: "Violations:"))
        XCTAssertEqual(text[start + 1],
            "  no-lost-acknowledged-writes  T+70.0s..end (50.0s, unresolved)  nodes: -  \u{2014} write 17 is missing"
                + "  reproduce: simrun run leader-stop --seed 42")
    }

    func testEveryViolationLineEndsWithTheReproduceCommand() throws {
        var report = RenderFixtures.fullReport()
        report.violations += [
            Violation(invariant: .timelineMonotonic, at: at(1300), until: nil, nodes: ["patroni2"], detail: "timeline went from 3 to 2"),
            Violation(invariant: .liveness, at: at(2100), until: nil, nodes: [], detail: "no convergence"),
        ]
        var summary = RenderFixtures.summary(report)
        summary.reproduceCommand = "swift run simrun run 'my scenario.json' --seed 42 --set patroni.ttl=20"
        let text = lines(summary)
        let start = try XCTUnwrap(text.firstIndex(of: "Violations:"))
        let violationLines = Array(text.dropFirst(start + 1).prefix(3))
        XCTAssertEqual(violationLines.count, 3)
        for line in violationLines {
            XCTAssertTrue(line.hasSuffix("  reproduce: swift run simrun run 'my scenario.json' --seed 42 --set patroni.ttl=20"), line)
        }
        XCTAssertTrue(text[start + 4].hasPrefix("Liveness:"))
    }

    func testTheLivenessLineSaysWhenTheClusterConvergedAndTheBound() {
        XCTAssertTrue(lines(RenderFixtures.summary(RenderFixtures.fullReport())).contains("Liveness: converged at T+92.1s (bound T+150.0s)"))
        XCTAssertTrue(lines(RenderFixtures.summary(RenderFixtures.quietReport())).contains("Liveness: converged at t=12.5s (bound t=90.0s)"))
    }

    func testTheLivenessLineSaysWhenTheClusterDidNotConvergeInTime() {
        var report = RenderFixtures.livenessOnlyReport()
        XCTAssertTrue(lines(RenderFixtures.summary(report)).contains("Liveness: NOT converged by T+90.0s"))
        report.liveness.convergedAt = at(1612)
        XCTAssertTrue(lines(RenderFixtures.summary(report)).contains("Liveness: NOT converged by T+90.0s (converged late, at T+101.2s)"))
    }

    func testTheLivenessLineSaysWhenTheRunEndedBeforeTheBound() {
        var report = RenderFixtures.livenessOnlyReport()
        report.violations = []
        report.liveness.decided = false
        XCTAssertTrue(lines(RenderFixtures.summary(report)).contains("Liveness: undecided: the run ended before T+90.0s"))
    }

    func testTheLivenessLineFollowsTheViolations() throws {
        let text = lines(RenderFixtures.summary(RenderFixtures.quietReport()))
        let start = try XCTUnwrap(text.firstIndex(of: "Violations: none"))
        XCTAssertEqual(text[start + 1], "Liveness: converged at t=12.5s (bound t=90.0s)")
    }

    func testARunWithoutViolationsSaysNone() {
        XCTAssertTrue(lines(RenderFixtures.summary(RenderFixtures.quietReport())).contains("Violations: none"))
    }

    func testTheMemberTableIsFramedAndAlignedLikePatronictlList() throws {
        let text = lines(RenderFixtures.summary(RenderFixtures.fullReport()))
        let start = try XCTUnwrap(text.firstIndex(of: "Final state at t=180.0s:"))
        XCTAssertEqual(Array(text.dropFirst(start + 1).prefix(8)), [
            "+ Cluster: batman (7318483939484837267) ----+----+-----------+",
            "| Member   | Host     | Role    | State     | TL | Lag in MB |",
            "+----------+----------+---------+-----------+----+-----------+",
            "| patroni1 | patroni1 | Replica | streaming |  2 |         3 |",
            "| patroni2 | patroni2 | Replica | streaming |  2 |         0 |",
            "| patroni3 | patroni3 | Leader  | running   |  2 |           |",
            "| patroni4 | patroni4 |         | stopped   |    |           |",
            "+----------+----------+---------+-----------+----+-----------+",
        ])
    }

    func testTheMemberTableWidensItsLastColumnRatherThanCutTheTitle() throws {
        var report = RenderFixtures.fullReport()
        report.final.members = [report.final.members[2]]
        let text = lines(RenderFixtures.summary(report), scope: "a-rather-long-cluster-name")
        let start = try XCTUnwrap(text.firstIndex(of: "Final state at t=180.0s:"))
        let table = Array(text.dropFirst(start + 1).prefix(5))
        XCTAssertEqual(table, [
            "+ Cluster: a-rather-long-cluster-name (7318483939484837267) +",
            "| Member   | Host     | Role   | State   | TL |   Lag in MB |",
            "+----------+----------+--------+---------+----+-------------+",
            "| patroni3 | patroni3 | Leader | running |  2 |             |",
            "+----------+----------+--------+---------+----+-------------+",
        ])
    }

    func testThePatronictlListTableCanBeRenderedOnItsOwn() {
        var snapshot = RenderFixtures.fullReport().final
        snapshot.members = [snapshot.members[2]]
        XCTAssertEqual(TextReport.patronictlList(snapshot, scope: "batman"), """
            + Cluster: batman (7318483939484837267) -+----+-----------+
            | Member   | Host     | Role   | State   | TL | Lag in MB |
            +----------+----------+--------+---------+----+-----------+
            | patroni3 | patroni3 | Leader | running |  2 |           |
            +----------+----------+--------+---------+----+-----------+

            """)
    }

    func testAClusterWithoutASystemIdentifierIsUninitialized() {
        let text = lines(RenderFixtures.summary(RenderFixtures.quietReport()))
        XCTAssertTrue(text.contains { $0.hasPrefix("+ Cluster: batman (uninitialized) -") })
    }

    func testLagIsRoundedToTheNearestWholeMegabyteAndNeverNegative() {
        func lag(_ bytes: Int64?, role: MemberRole = .replica) -> String {
            TextReport.lagCell(MemberRow(name: "n", host: "n", role: role, state: "streaming", timeline: 1, lagBytes: bytes, registered: true, lsn: 0))
        }
        XCTAssertEqual(lag(524_287), "0")
        XCTAssertEqual(lag(524_288), "1")
        XCTAssertEqual(lag(3_500_000), "3")
        XCTAssertEqual(lag(-5_000_000), "0")
        XCTAssertEqual(lag(nil), "")
        XCTAssertEqual(lag(9_000_000, role: .leader), "")
    }

    func testEtcdKeysArePrintedAsKeyThenValueLikeEtcdctlGetPrefix() throws {
        let text = lines(RenderFixtures.summary(RenderFixtures.fullReport()))
        let start = try XCTUnwrap(text.firstIndex(of: "etcd keys (etcdctl get --prefix /service/batman/):"))
        XCTAssertEqual(Array(text.dropFirst(start + 1).prefix(4)), [
            "/service/batman/config",
            #"{"loop_wait":10,"retry_timeout":10,"ttl":30}"#,
            "/service/batman/leader",
            "patroni3",
        ])
    }

    func testNoEtcdKeysSaysNone() {
        let text = lines(RenderFixtures.summary(RenderFixtures.quietReport()))
        XCTAssertTrue(text.contains("etcd keys (etcdctl get --prefix /service/batman/): none"))
    }

    func testExpectationsAreMarkedOkOrFail() throws {
        let expectations = RenderFixtures.passingExpectations + [
            ExpectationResult(check: "writes.lost", expected: "== 0", actual: "3", held: false),
        ]
        let text = lines(RenderFixtures.summary(RenderFixtures.quietReport(), expectations: expectations))
        let start = try XCTUnwrap(text.firstIndex(of: "Expectations:"))
        XCTAssertEqual(Array(text.dropFirst(start + 1).prefix(2)), [
            "  ok   failover_time.max: expected <= 45.0s, got 22.1s",
            "  FAIL writes.lost: expected == 0, got 3",
        ])
    }

    func testTheExpectationsSectionIsOmittedWhenThereAreNone() {
        let text = lines(RenderFixtures.summary(RenderFixtures.quietReport(), expectations: []))
        XCTAssertFalse(text.contains("Expectations:"))
    }

    func testAPassingRunEndsWithVerdictOutcomeAndReproduceCommand() {
        let summary = RenderFixtures.summary(RenderFixtures.quietReport())
        XCTAssertEqual(Array(lines(summary).suffix(4)), [
            "Verdict: OK",
            "Outcome: completed at t=180.0s after 123456 events",
            "Reproduce: simrun run leader-stop --seed 42",
            "",
        ])
        XCTAssertFalse(summary.safetyFailed)
        XCTAssertEqual(summary.exitCode, 0)
    }

    func testTheVerdictSaysWhyTheRunFailed() {
        let expectations = [ExpectationResult(check: "writes.lost", expected: "== 0", actual: "3", held: false)]
        let summary = RenderFixtures.summary(RenderFixtures.fullReport(), expectations: expectations)
        XCTAssertTrue(lines(summary).contains("Verdict: FAILED (1 violation: single-writable-primary; 1 failed expectation: writes.lost)"))
        XCTAssertTrue(summary.safetyFailed)
        XCTAssertEqual(summary.exitCode, 1)
    }

    func testALivenessViolationAloneFailsTheRunWithExitCodeTwo() {
        let summary = RenderFixtures.summary(RenderFixtures.livenessOnlyReport())
        XCTAssertFalse(summary.safetyFailed)
        XCTAssertTrue(summary.livenessFailed)
        XCTAssertEqual(summary.verdict, .livenessFailed)
        XCTAssertEqual(summary.exitCode, 2)
        XCTAssertEqual(summary.failureReasons, ["liveness: no convergence within 90.0s after the last fault"])
        XCTAssertTrue(lines(summary).contains("Verdict: FAILED (liveness: no convergence within 90.0s after the last fault)"))
    }

    func testALivenessViolationWithoutFaultsCountsFromTheStartOfTheRun() {
        var report = RenderFixtures.livenessOnlyReport()
        report.firstFaultAt = nil
        report.liveness = LivenessResult(since: .zero, deadline: at(1200), convergedAt: nil, decided: true)
        XCTAssertEqual(RenderFixtures.summary(report).failureReasons, ["liveness: no convergence within 120.0s after the start of the run"])
    }

    func testASafetyViolationOutranksALivenessViolation() {
        var report = RenderFixtures.livenessOnlyReport()
        report.violations.insert(Violation(invariant: .fencedPrimary, at: at(700), until: at(710), nodes: ["patroni1"], detail: "write after demotion"), at: 0)
        let summary = RenderFixtures.summary(report)
        XCTAssertEqual(summary.verdict, .failed)
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertEqual(summary.failureReasons, [
            "1 violation: fenced-primary",
            "liveness: no convergence within 90.0s after the last fault",
        ])
    }

    func testAFailedExpectationOutranksALivenessViolation() {
        let expectations = [ExpectationResult(check: "failovers", expected: "== 1", actual: "0", held: false)]
        let summary = RenderFixtures.summary(RenderFixtures.livenessOnlyReport(), expectations: expectations)
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertEqual(summary.failureReasons, [
            "1 failed expectation: failovers",
            "liveness: no convergence within 90.0s after the last fault",
        ])
    }

    func testAFailedExpectationAloneFailsTheRun() {
        let expectations = [ExpectationResult(check: "writes.lost", expected: "== 0", actual: "3", held: false)]
        let summary = RenderFixtures.summary(RenderFixtures.quietReport(), expectations: expectations)
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertTrue(lines(summary).contains("Verdict: FAILED (1 failed expectation: writes.lost)"))
    }

    func testReachingTheEventLimitIsReportedInTheOutcome() {
        var report = RenderFixtures.quietReport()
        report.outcome = .eventLimitReached
        report.endedAt = at(952)
        report.eventsHandled = 50_000_000
        let summary = RenderFixtures.summary(report)
        XCTAssertTrue(lines(summary).contains("Outcome: event limit reached at t=95.2s after 50000000 events"))
        XCTAssertEqual(summary.exitCode, 0)
    }

    func testNoLineEndsWithASpaceAndTheTextEndsWithOneNewline() {
        for report in [RenderFixtures.fullReport(), RenderFixtures.quietReport(), RenderFixtures.livenessOnlyReport()] {
            let text = TextReport.render(RenderFixtures.summary(report), scope: "batman")
            XCTAssertTrue(text.hasSuffix("\n"))
            XCTAssertFalse(text.hasSuffix("\n\n"))
            for line in text.split(separator: "\n") {
                XCTAssertFalse(line.hasSuffix(" "), "trailing space in \(line)")
            }
        }
    }

    func testTheSectionsComeInTheDocumentedOrder() {
        let text = lines(RenderFixtures.summary(RenderFixtures.fullReport()))
        let markers = ["Scenario:", "HA:", "Timers:", "Timeline", "Failovers:", "Writes:", "Violations:", "Liveness:", "Final state", "+ Cluster:", "etcd keys", "Expectations:", "Verdict:", "Outcome:", "Reproduce:"]
        let positions = markers.map { marker in text.firstIndex { $0.hasPrefix(marker) } ?? -1 }
        XCTAssertFalse(positions.contains(-1), "missing section in \(positions)")
        XCTAssertEqual(positions, positions.sorted())
    }

    func testRenderingTheSameSummaryTwiceGivesTheSameText() {
        let summary = RenderFixtures.summary(RenderFixtures.fullReport())
        XCTAssertEqual(TextReport.render(summary, scope: "batman"), TextReport.render(summary, scope: "batman"))
    }

    private func at(_ tenths: Int64) -> SimInstant { RenderFixtures.at(tenths) }
}
