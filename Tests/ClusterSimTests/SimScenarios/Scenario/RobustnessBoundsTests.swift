import ClusterSim
import Foundation
import XCTest

@testable import SimScenarios

/// The bounds of every scenario field: each accepted extreme runs to a verdict, each value
/// just beyond is rejected with its path, what was given and what was expected, and all
/// problems of a file come at once.
final class RobustnessBoundsTests: XCTestCase {
    /// The lab's crash scenario (120 s, a kill of the leader at 60 s within 10 s).
    private func base() throws -> JSONValue {
        try ShippedScenarios.document("lab4-failover-crash.json")
    }

    /// The base with `sets` applied, decoded; nil (and a failure) when rejected.
    private func accepted(_ sets: [String], file: StaticString = #filePath, line: UInt = #line) throws -> Scenario? {
        let document = try base()
        do throws(ScenarioError) {
            return try ScenarioDecoder.decode(try ScenarioOverrides.apply(sets, to: document), file: "bounds.json")
        } catch {
            XCTFail("\(sets) rejected:\n\(error)", file: file, line: line)
            return nil
        }
    }

    /// The problems of the base with `sets` applied, as `path: message` lines.
    private func problems(_ sets: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let document = try base()
        do throws(ScenarioError) {
            _ = try ScenarioDecoder.decode(try ScenarioOverrides.apply(sets, to: document), file: "bounds.json")
            XCTFail("\(sets) decoded", file: file, line: line)
            return []
        } catch {
            XCTAssertEqual(error.exitCode, 65, file: file, line: line)
            return error.problems.map { "\($0.path): \($0.message)" }
        }
    }

    /// The smallest and largest accepted value of every field (and a few pairs that only
    /// make sense together), each one `--set` away from the base.
    static let extremes: [[String]] = [
        ["seed=0"], ["seed=18446744073709551615"],
        ["duration=60001ms", "faults[0].within=1ms"], ["duration=720h"],
        ["nodes=[\"a\"]", "faults=[]"], ["nodes=[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]"],
        ["nodes=[{\"name\":\"a\",\"tags\":{\"failover_priority\":9223372036854775807}},\"b\",{\"name\":\"c\",\"tags\":{\"nofailover\":true,\"failover_priority\":0}}]"],
        ["etcd.election_timeout=1us", "etcd.lessor_scan_interval=1us"], ["etcd.election_timeout=720h", "etcd.lessor_scan_interval=720h"],
        ["patroni.ttl=1", "patroni.loop_wait=1", "patroni.retry_timeout=1"],
        ["patroni.ttl=1", "patroni.loop_wait=1", "patroni.retry_timeout=1", "patroni.enforce_timer_rules=false"],
        ["patroni.ttl=2592000", "patroni.loop_wait=2592000", "patroni.retry_timeout=2592000"],
        ["patroni.ttl=2592000", "patroni.loop_wait=2592000", "patroni.retry_timeout=2592000", "patroni.enforce_timer_rules=false"],
        ["patroni.maximum_lag_on_failover=0", "patroni.primary_start_timeout=0"],
        ["patroni.maximum_lag_on_failover=9223372036854775807", "patroni.primary_start_timeout=2592000"],
        ["patroni.watchdog={\"mode\":\"required\",\"safety_margin\":-1}", "faults[0].action=kill-patroni"],
        ["patroni.watchdog={\"mode\":\"automatic\",\"safety_margin\":2592000}", "faults[0].action=kill-patroni"],
        ["patroni.synchronous_mode=true", "patroni.synchronous_mode_strict=true", "nodes=[\"a\"]", "faults=[]"],
        ["postgres.version=9", "postgres.initdb=0s", "postgres.start=0s", "postgres.crash_recovery=0s", "postgres.promote=0s",
         "postgres.fast_stop=0s", "postgres.rewind_base=0s", "postgres.wal_retrieve_retry_interval=1us",
         "postgres.wal_sender_timeout=1us", "postgres.wal_receiver_status_interval=1us", "postgres.connect_timeout=1us"],
        ["postgres.version=18", "postgres.initdb=720h"], ["postgres.start=720h", "postgres.promote=720h", "postgres.fast_stop=720h"],
        ["postgres.crash_recovery=720h", "postgres.rewind_base=720h", "postgres.wal_retrieve_retry_interval=720h"],
        ["postgres.wal_sender_timeout=720h", "postgres.wal_receiver_status_interval=720h", "postgres.connect_timeout=720h"],
        ["postgres.data_size=1", "postgres.basebackup_bytes_per_second=1", "postgres.rewind_bytes_per_second=1",
         "postgres.wal_bytes_per_write=1", "postgres.checkpoint_record_bytes=1"],
        ["postgres.data_size=1099511627776", "postgres.basebackup_bytes_per_second=1"],
        ["postgres.basebackup_bytes_per_second=1099511627776", "postgres.rewind_bytes_per_second=1099511627776"],
        ["postgres.wal_bytes_per_write=1073741824", "postgres.checkpoint_record_bytes=1048576", "postgres.rewind_bytes_per_second=1"],
        ["network.latency=0s", "network.jitter=0s"], ["network.latency=720h"], ["network.jitter=720h"],
        ["workload.writes_per_second=0"], ["workload.writes_per_second=100000"],
        ["workload.start_at=0s"], ["workload.start_at=74999999us"],
        ["workload.client_timeout=1us"], ["workload.client_timeout=720h"],
        ["workload.haproxy={\"inter\":\"1us\",\"fall\":1,\"rise\":1,\"timeout_check\":\"1us\"}"],
        ["workload.haproxy={\"inter\":\"720h\",\"fall\":1000,\"rise\":1000,\"timeout_check\":\"720h\"}"],
        ["workload.router=fixed"],
        ["faults[0].at=0s", "faults[0].within=75s"], ["faults[0].at=74999999us", "faults[0].within=1us"],
        ["faults[0]={\"at\":\"60s\",\"action\":\"freeze\",\"target\":\"leader\",\"for\":\"1us\"}"],
        ["faults[0]={\"at\":\"60s\",\"action\":\"freeze\",\"target\":\"leader\",\"for\":\"720h\"}"],
        ["faults[0]={\"at\":\"60s\",\"action\":\"clock-step\",\"target\":\"leader\",\"by\":\"-720h\"}"],
        ["faults[0]={\"at\":\"60s\",\"action\":\"clock-step\",\"target\":\"replica\",\"by\":\"+720h\"}"],
        ["faults[0]={\"at\":\"60s\",\"action\":\"clock-step\",\"target\":\"leader\",\"by\":\"1us\"}"],
        ["faults[0]={\"at\":\"60s\",\"action\":\"partition\",\"target\":\"patroni1\",\"from\":[\"patroni2\"],\"direction\":\"inbound\"}"],
        ["ha={\"policy\":\"none\",\"check_interval\":\"1us\",\"promote_after\":\"1us\"}"],
        ["ha={\"policy\":\"none\",\"check_interval\":\"720h\",\"promote_after\":\"720h\"}"],
        ["ha={\"policy\":\"manual\",\"detection\":\"0s\",\"decision\":\"0s\",\"execution\":\"0s\",\"verification\":\"0s\",\"application_update\":\"0s\",\"check_interval\":\"1us\"}"],
        ["ha={\"policy\":\"manual\",\"detection\":\"720h\",\"decision\":[\"0s\",\"720h\"],\"execution\":\"720h\",\"verification\":\"720h\",\"application_update\":\"720h\",\"check_interval\":\"720h\"}"],
        ["expect={\"converge_within\":\"1us\",\"zombie_window_max\":\"0s\",\"failover_time\":{\"min\":\"0s\",\"max\":\"0s\"},\"write_outage\":{\"max\":\"0s\"}}"],
        ["expect={\"converge_within\":\"720h\",\"zombie_window_max\":\"720h\",\"lost_writes\":{\"min\":0,\"max\":9223372036854775807},\"failovers\":9223372036854775807}"],
        ["limits.max_events=1"], ["limits.max_events=9223372036854775807"],
    ]

    func testEveryFieldAtItsSmallestAndLargestAcceptedValueRunsToAVerdict() throws {
        for sets in Self.extremes {
            // 75 s is enough for the bootstrap and the kill at 60 s (within 10 s); a case may set its own duration.
            guard var scenario = try accepted(["duration=75s"] + sets) else { continue }
            // A month at full rate would take minutes: the event limit ends it, as a reported outcome.
            scenario.options.limits.maxEvents = min(scenario.options.limits.maxEvents, 10_000)
            let summary = ScenarioRunner.run(scenario)
            XCTAssertFalse(JSONReport.render(summary).isEmpty, "\(sets)")
            XCTAssertFalse(TextReport.render(summary, scope: scenario.options.scope).isEmpty, "\(sets)")
        }
    }

    func testValuesJustBeyondEveryBoundAreRejectedWithWhatWasGivenAndExpected() throws {
        let cases: [(set: String, problem: String)] = [
            ("seed=-1", "$.seed: expected an integer from 0 to 18446744073709551615, got number -1"),
            ("duration=0s", "$.duration: expected a duration greater than zero, got \"0s\""),
            ("duration=2592000000001us", "$.duration: expected a duration of at most 30 days (\"720h\"), got \"2592000000001us\""),
            ("duration=-5s", "$.duration: \"-5s\" is negative; durations must be zero or more"),
            ("nodes=[]", "$.cluster.nodes: expected 1 to 9 nodes, got 0"),
            ("nodes=[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\"]", "$.cluster.nodes: expected 1 to 9 nodes, got 10"),
            ("etcd.members=2", "$.cluster.etcd.members: expected 1, 3 or 5 etcd members, got 2"),
            ("etcd.lessor_scan_interval=0s", "$.cluster.etcd.lessor_scan_interval: expected a duration greater than zero, got \"0s\""),
            ("patroni.ttl=0", "$.cluster.patroni.ttl: expected an integer from 1 to 2592000 (seconds), got number 0"),
            ("patroni.loop_wait=-10", "$.cluster.patroni.loop_wait: expected an integer from 1 to 2592000 (seconds), got number -10"),
            ("patroni.retry_timeout=2592001", "$.cluster.patroni.retry_timeout: expected an integer from 1 to 2592000 (seconds), got number 2592001"),
            ("patroni.ttl=30.5", "$.cluster.patroni.ttl: expected an integer from 1 to 2592000 (seconds), got number 30.5"),
            ("patroni.maximum_lag_on_failover=-1", "$.cluster.patroni.maximum_lag_on_failover: expected a non-negative integer (bytes), got number -1"),
            ("patroni.primary_start_timeout=-1", "$.cluster.patroni.primary_start_timeout: expected an integer from 0 to 2592000 (seconds), got number -1"),
            ("patroni.watchdog={\"mode\":\"required\",\"safety_margin\":-2}",
             "$.cluster.patroni.watchdog.safety_margin: expected an integer from -1 to 2592000 (seconds), got number -2"),
            ("postgres.version=8", "$.cluster.postgres.version: expected an integer from 9 to 18, got number 8"),
            ("postgres.wal_retrieve_retry_interval=0s", "$.cluster.postgres.wal_retrieve_retry_interval: expected a duration greater than zero, got \"0s\""),
            ("postgres.wal_sender_timeout=0s", "$.cluster.postgres.wal_sender_timeout: expected a duration greater than zero, got \"0s\""),
            ("postgres.wal_receiver_status_interval=0s",
             "$.cluster.postgres.wal_receiver_status_interval: expected a duration greater than zero, got \"0s\""),
            ("postgres.connect_timeout=0s", "$.cluster.postgres.connect_timeout: expected a duration greater than zero, got \"0s\""),
            ("postgres.data_size=0", "$.cluster.postgres.data_size: expected an integer from 1 to 1099511627776 (bytes), got number 0"),
            ("postgres.rewind_bytes_per_second=1099511627777",
             "$.cluster.postgres.rewind_bytes_per_second: expected an integer from 1 to 1099511627776 (bytes), got number 1099511627777"),
            ("postgres.wal_bytes_per_write=1073741825",
             "$.cluster.postgres.wal_bytes_per_write: expected an integer from 1 to 1073741824 (bytes), got number 1073741825"),
            ("postgres.checkpoint_record_bytes=1048577",
             "$.cluster.postgres.checkpoint_record_bytes: expected an integer from 1 to 1048576 (bytes), got number 1048577"),
            ("network.latency=-1ms", "$.cluster.network.latency: \"-1ms\" is negative; durations must be zero or more"),
            ("network.jitter=721h", "$.cluster.network.jitter: expected a duration of at most 30 days (\"720h\"), got \"721h\""),
            ("workload.writes_per_second=-1", "$.workload.writes_per_second: expected an integer from 0 to 100000, got number -1"),
            ("workload.writes_per_second=100001", "$.workload.writes_per_second: expected an integer from 0 to 100000, got number 100001"),
            ("workload.start_at=120s", "$.workload.start_at: expected a time before the end of the run (duration 2m), got string \"120s\""),
            ("workload.client_timeout=0s", "$.workload.client_timeout: expected a duration greater than zero, got \"0s\""),
            ("workload.haproxy.inter=0s", "$.workload.haproxy.inter: expected a duration greater than zero, got \"0s\""),
            ("workload.haproxy.fall=0", "$.workload.haproxy.fall: expected an integer from 1 to 1000, got number 0"),
            ("workload.haproxy.rise=1001", "$.workload.haproxy.rise: expected an integer from 1 to 1000, got number 1001"),
            ("workload.haproxy.timeout_check=3001ms",
             "$.workload.haproxy.timeout_check: expected at most inter (3s): the next check starts inter after the previous one, got string \"3001ms\""),
            ("faults[0].at=120s", "$.faults[0].at: expected a time before the end of the run (duration 2m), got string \"120s\""),
            ("faults[0].within=60000001us",
             "$.faults[0].within: expected the window [at, at + within) to end before the end of the run (duration 2m), got string \"60000001us\""),
            ("faults[0].target=patroni4",
             "$.faults[0].target: unknown node \"patroni4\"; expected \"leader\", \"replica\", \"previous\" or one of the nodes: patroni1, patroni2, patroni3"),
            ("faults[0]={\"at\":\"60s\",\"action\":\"freeze\",\"target\":\"leader\",\"for\":\"0s\"}",
             "$.faults[0].for: expected a duration greater than zero, got \"0s\""),
            ("faults[0]={\"at\":\"60s\",\"action\":\"clock-step\",\"target\":\"leader\",\"by\":\"-0s\"}",
             "$.faults[0].by: expected a non-zero duration, got \"-0s\""),
            ("faults[0]={\"at\":\"60s\",\"action\":\"clock-step\",\"target\":\"leader\",\"by\":\"-721h\"}",
             "$.faults[0].by: expected a duration of at most 30 days (\"720h\") either way, got \"-721h\""),
            ("faults[0]={\"at\":\"60s\",\"action\":\"partition\",\"target\":\"leader\",\"from\":[\"db9\"]}",
             "$.faults[0].from[0]: unknown peer \"db9\"; expected \"etcd\", \"nodes\", \"clients\" or one of the nodes: patroni1, patroni2, patroni3"),
            ("ha={\"policy\":\"none\",\"promote_after\":\"0s\"}", "$.ha.promote_after: expected a duration greater than zero, got \"0s\""),
            ("ha={\"policy\":\"manual\",\"decision\":[\"10m\",\"5m\"]}", "$.ha.decision: expected min <= max, got min \"10m\" and max \"5m\""),
            ("expect.lost_writes={\"min\":5,\"max\":2}", "$.expect.lost_writes: expected min <= max, got min 5 and max 2"),
            ("expect.failover_time={\"min\":\"40s\",\"max\":\"30s\"}", "$.expect.failover_time: expected min <= max, got min \"40s\" and max \"30s\""),
            ("expect.converge_within=0s", "$.expect.converge_within: expected a duration greater than zero, got \"0s\""),
            ("expect.failovers=-1", "$.expect.failovers: expected a non-negative integer, got number -1"),
            ("expect.final_timeline=0", "$.expect.final_timeline: expected a positive integer, got number 0"),
            ("limits.max_events=0", "$.limits.max_events: expected a positive integer, got number 0"),
            ("name=\"line\\nbreak\"", "$.name: expected text without control characters, got \"line\\nbreak\""),
            ("scope=\"\"", "$.cluster.scope: expected a non-empty string, got string \"\""),
        ]
        for (set, problem) in cases {
            XCTAssertEqual(try problems([set]), [problem], set)
        }
    }

    func testAScenarioWithTooManyFaultsIsRejectedBeforeTheyAreRead() throws {
        let fault = "{\"at\":\"60s\",\"action\":\"kill\",\"target\":\"leader\"}"
        let faults = "[" + Array(repeating: fault, count: ScenarioLimits.mostFaults + 1).joined(separator: ",") + "]"
        XCTAssertEqual(try problems(["faults=" + faults]), ["$.faults: expected at most 10000 faults, got 10001"])
        let most = "[" + Array(repeating: fault, count: ScenarioLimits.mostFaults).joined(separator: ",") + "]"
        XCTAssertEqual(try accepted(["faults=" + most])?.options.faults.count, ScenarioLimits.mostFaults)
    }

    func testTheWorkloadMayNotWriteMoreWALThanRewindArithmeticHolds() throws {
        // 2,401 writes (20 a second for 120 s, and the first) × 1 GiB = 2.6 TB: within the 4 TiB a run may write.
        XCTAssertNotNil(try accepted(["postgres.wal_bytes_per_write=1073741824"]))
        XCTAssertEqual(try problems(["postgres.wal_bytes_per_write=1073741824", "workload.writes_per_second=100"]), [
            "$.cluster.postgres.wal_bytes_per_write: 100 writes per second of 1073741824 WAL bytes for 2m would write 12885975629824 bytes; "
                + "expected at most 4398046511104 (4 TiB) in one run: lower writes_per_second, wal_bytes_per_write or duration",
        ])
        // Without wal_bytes_per_write in the file, the rate is named; a month at 100,000 writes/s of 200 bytes is too much.
        XCTAssertEqual(try problems(["duration=720h", "workload.writes_per_second=100000"]), [
            "$.workload.writes_per_second: 100000 writes per second of 200 WAL bytes for 720h would write 51840000000200 bytes; "
                + "expected at most 4398046511104 (4 TiB) in one run: lower writes_per_second, wal_bytes_per_write or duration",
        ])
        // A field with its own problem is reported alone.
        XCTAssertEqual(try problems(["postgres.wal_bytes_per_write=1073741825", "workload.writes_per_second=100"]), [
            "$.cluster.postgres.wal_bytes_per_write: expected an integer from 1 to 1073741824 (bytes), got number 1073741825",
        ])
    }

    func testTheLargestWALVolumeRewindsAfterASplitWithoutOverflow() throws {
        // Before the WAL bounds, 1 TiB per write made pg_rewind's duration overflow 64 bits.
        let document = try ScenarioOverrides.apply(["postgres.wal_bytes_per_write=1073741824", "postgres.rewind_bytes_per_second=1"],
                                                   to: try ShippedScenarios.document("durability-async-partition.json"))
        let scenario = try ScenarioDecoder.decode(document, file: "durability-async-partition.json")
        let report = ScenarioRunner.run(scenario).report
        XCTAssertGreaterThan(report.writes.lost, 0)
        XCTAssertEqual(report.outcome, .completed)
    }

    func testEveryProblemOfAFileIsReportedAtOnceSortedByPath() {
        let json = """
        {"name": "", "seed": -3, "duration": "1x", "colour": "red",
         "cluster": {"nodes": ["a", "a", "etcd"], "patroni": {"ttl": 0, "loop_wiat": 5},
                     "postgres": {"wal_bytes_per_write": 0}, "network": {"latency": 5}},
         "workload": {"writes_per_second": 1e6, "haproxy": {"fall": 0}},
         "faults": [{"at": "-1s", "action": "explode", "target": "z"}, {"at": "10s", "action": "freeze", "target": "leader"}],
         "expect": {"lost_writes": {"min": 3, "max": 1}, "final_leader": "zz"},
         "limits": {"max_events": 0}}
        """
        let error = scenarioRejection(json)
        XCTAssertEqual(error?.problems.map(\.path), [
            "$.cluster.network.latency", "$.cluster.nodes[1]", "$.cluster.nodes[2]",
            "$.cluster.patroni.loop_wiat", "$.cluster.patroni.ttl", "$.cluster.postgres.wal_bytes_per_write", "$.colour", "$.duration", "$.expect.lost_writes", "$.faults[0].action",
            "$.faults[0].at", "$.faults[1]", "$.limits.max_events", "$.name", "$.seed",
            "$.workload.haproxy.fall", "$.workload.writes_per_second",
        ])
        for problem in error?.problems ?? [] {
            XCTAssertTrue(problem.message.contains("expected") || problem.message.contains("unknown") || problem.message.contains("missing")
                          || problem.message.contains("duplicate") || problem.message.contains("reserved") || problem.message.contains("negative"),
                          "\(problem.path): \(problem.message)")
        }
        XCTAssertTrue(error?.description.hasPrefix("test.json: $.cluster.network.latency: expected a duration string") ?? false)
    }

    func testPatronisTimerRulesAreWarningsNotErrors() throws {
        let low = try XCTUnwrap(try accepted(["patroni.ttl=10", "patroni.retry_timeout=2"]))
        XCTAssertEqual(EffectiveTimers(low.options.patroni).warnings, [
            "retry_timeout=2 can't be smaller than 3, adjusting...",
            "ttl=10 can't be smaller than 20, adjusting...",
        ])
        let unsafe = try XCTUnwrap(try accepted(["patroni.ttl=20", "patroni.loop_wait=15", "patroni.retry_timeout=10"]))
        let timers = EffectiveTimers(unsafe.options.patroni)
        XCTAssertEqual(timers.warnings, [
            "Violated the rule \"loop_wait + 2*retry_timeout <= ttl\", where ttl=20. Adjusting loop_wait from 15 to 1 and retry_timeout from 10 to 9",
        ])
        XCTAssertEqual([timers.ttl, timers.loopWait, timers.retryTimeout], [.seconds(20), .seconds(1), .seconds(9)])
        let asGiven = try XCTUnwrap(try accepted(["patroni.ttl=20", "patroni.loop_wait=15", "patroni.retry_timeout=10", "patroni.enforce_timer_rules=false"]))
        XCTAssertEqual(EffectiveTimers(asGiven.options.patroni).warnings, [])
        // The report carries the warnings as Patroni logs them.
        XCTAssertEqual(ScenarioRunner.run(unsafe).report.timers.warnings, timers.warnings)
    }
}
