import ClusterSim
import Foundation
import XCTest

@testable import SimScenarios

/// Decoding helpers shared by the scenario test files.
extension XCTestCase {
    /// Decodes `json`, failing the test with the error's lines when it is rejected.
    func decodedScenario(_ json: String, file: StaticString = #filePath, line: UInt = #line) -> Scenario? {
        do throws(ScenarioError) {
            return try ScenarioDecoder.decode(Array(json.utf8), file: "test.json")
        } catch {
            XCTFail("rejected:\n\(error)", file: file, line: line)
            return nil
        }
    }

    /// The error for `json`, or nil (failing the test) when it decodes.
    func scenarioRejection(_ json: String, file: StaticString = #filePath, line: UInt = #line) -> ScenarioError? {
        do throws(ScenarioError) {
            _ = try ScenarioDecoder.decode(Array(json.utf8), file: "test.json")
            XCTFail("decoded without problems", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    /// The problems for `json` as `path: message` lines.
    func scenarioProblems(_ json: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        scenarioRejection(json, file: file, line: line)?.problems.map { "\($0.path): \($0.message)" } ?? []
    }
}

/// Decoding scenario files: the mapping onto `ClusterOptions` and the problem lists.
final class ScenarioDecoderTests: XCTestCase {
    func testAFullDocumentDecodesToTheExpectedOptions() {
        let json = """
        {
          "name": "lab4-automatic-failover",
          "description": "LAB 4 step 6: stop the leader and watch the failover.",
          "seed": 42,
          "duration": "3m",
          "ha": "patroni",
          "cluster": {
            "scope": "demo",
            "namespace": "lab",
            "nodes": ["pg1", {"name": "pg2", "tags": {"nofailover": true}}, {"name": "pg3", "tags": {"failover_priority": 5}}],
            "etcd": {"members": 1, "election_timeout": "2s", "lessor_scan_interval": "250ms"},
            "patroni": {"ttl": 20, "loop_wait": 5, "retry_timeout": 5, "maximum_lag_on_failover": 0,
                        "use_pg_rewind": false, "check_timeline": true, "primary_start_timeout": 0,
                        "enforce_timer_rules": false},
            "postgres": {"version": 13, "initdb": "4s", "start": "1.5s", "crash_recovery": "3s", "promote": "200ms",
                         "fast_stop": "700ms", "rewind_base": "1s", "wal_retrieve_retry_interval": "2s",
                         "wal_sender_timeout": "30s", "wal_receiver_status_interval": "4s", "connect_timeout": "9s",
                         "rewind_bytes_per_second": 1000, "data_size": 2000, "basebackup_bytes_per_second": 3000,
                         "wal_bytes_per_write": 400, "checkpoint_record_bytes": 100, "use_slots": false},
            "network": {"latency": "2ms", "jitter": "0us"}
          },
          "workload": {"writes_per_second": 50, "start_at": "5s", "router": "haproxy", "client_timeout": "3s",
                       "haproxy": {"inter": "1s", "fall": 2, "rise": 1}},
          "faults": [
            {"at": "120s", "action": "start", "target": "pg1"},
            {"at": "60s", "action": "stop", "target": "leader"},
            {"at": "90s", "action": "partition", "target": "pg3", "from": ["etcd", "pg2"], "direction": "outbound"},
            {"at": "60s", "action": "kill", "target": "replica"},
            {"at": "100s", "action": "heal"},
            {"at": "110s", "action": "heal", "target": "pg3"}
          ],
          "expect": {"failover_time": {"min": "1s", "max": "45s"}, "failovers": 1, "split_brain": false, "lost_writes": 0,
                     "final_timeline": 2, "final_leader": "pg2", "write_outage": {"max": "40s"}, "rewinds": 1,
                     "all_streaming": true, "violations": 0},
          "limits": {"max_events": 1000000}
        }
        """
        guard let scenario = decodedScenario(json) else { return }

        var expected = ClusterOptions()
        expected.name = "lab4-automatic-failover"
        expected.seed = 42
        expected.duration = .minutes(3)
        expected.scope = "demo"
        expected.namespace = "lab"
        var pg2 = NodeOptions(name: "pg2")
        pg2.nofailover = true
        var pg3 = NodeOptions(name: "pg3")
        pg3.failoverPriority = 5
        expected.nodes = [NodeOptions(name: "pg1"), pg2, pg3]
        expected.etcd.electionTimeout = .seconds(2)
        expected.etcd.lessorScanInterval = .millis(250)
        expected.patroni.ttl = 20
        expected.patroni.loopWait = 5
        expected.patroni.retryTimeout = 5
        expected.patroni.maximumLagOnFailover = 0
        expected.patroni.usePgRewind = false
        expected.patroni.checkTimeline = true
        expected.patroni.primaryStartTimeout = 0
        expected.patroni.enforceTimerRules = false
        expected.postgres.version = 13
        expected.postgres.initdb = .seconds(4)
        expected.postgres.start = .millis(1500)
        expected.postgres.crashRecovery = .seconds(3)
        expected.postgres.promote = .millis(200)
        expected.postgres.fastStop = .millis(700)
        expected.postgres.rewindBase = .seconds(1)
        expected.postgres.walRetrieveRetryInterval = .seconds(2)
        expected.postgres.walSenderTimeout = .seconds(30)
        expected.postgres.walReceiverStatusInterval = .seconds(4)
        expected.postgres.connectTimeout = .seconds(9)
        expected.postgres.rewindBytesPerSecond = 1000
        expected.postgres.dataSize = 2000
        expected.postgres.basebackupBytesPerSecond = 3000
        expected.postgres.walBytesPerWrite = 400
        expected.postgres.checkpointRecordBytes = 100
        expected.postgres.useSlots = false
        expected.network.latency = .millis(2)
        expected.network.jitter = .zero
        expected.workload.writesPerSecond = 50
        expected.workload.startAt = SimInstant(microseconds: 5_000_000)
        expected.workload.clientTimeout = .seconds(3)
        expected.workload.haproxy.inter = .seconds(1)
        expected.workload.haproxy.checkTimeout = .seconds(1)
        expected.workload.haproxy.fall = 2
        expected.workload.haproxy.rise = 1
        func at(_ seconds: Int64) -> SimInstant { SimInstant(microseconds: seconds * 1_000_000) }
        expected.faults = [
            Fault(at: at(60), action: .stop(.leader)),
            Fault(at: at(60), action: .kill(.replica)),
            Fault(at: at(90), action: .partition(Partition(target: .node(2, name: "pg3"), peers: [.etcd, .node(1, name: "pg2")], direction: .outbound))),
            Fault(at: at(100), action: .heal(nil)),
            Fault(at: at(110), action: .heal(.node(2, name: "pg3"))),
            Fault(at: at(120), action: .start(.node(0, name: "pg1"))),
        ]
        expected.limits.maxEvents = 1_000_000
        expected.checks.lostWritesAreViolations = true
        XCTAssertEqual(scenario.options, expected)

        var expect = Expectations()
        expect.failoverTime = .init(min: .seconds(1), max: .seconds(45))
        expect.failovers = 1
        expect.splitBrain = false
        expect.lostWrites = 0
        expect.finalTimeline = 2
        expect.finalLeader = .named("pg2")
        expect.writeOutageMax = .seconds(40)
        expect.rewinds = 1
        expect.allStreaming = true
        expect.violations = 0
        expect.expectsFailover = true
        XCTAssertEqual(scenario.expectations, expect)
        XCTAssertEqual(scenario.name, "lab4-automatic-failover")
        XCTAssertEqual(scenario.description, "LAB 4 step 6: stop the leader and watch the failover.")
        XCTAssertEqual(scenario.source, "test.json")
    }

    func testAMinimalDocumentGetsTheLabDefaults() {
        guard let scenario = decodedScenario(#"{"name": "minimal"}"#) else { return }
        var expected = ClusterOptions()
        expected.name = "minimal"
        XCTAssertEqual(scenario.options, expected)
        XCTAssertEqual(scenario.options.nodes.map(\.name), ["patroni1", "patroni2", "patroni3"])
        XCTAssertEqual(scenario.options.duration, .seconds(180))
        XCTAssertEqual(scenario.options.seed, 1)
        XCTAssertEqual(scenario.description, "")
        XCTAssertEqual(scenario.expectations, Expectations())
    }

    func testFaultsAtTheSameTimeKeepFileOrderAfterSorting() {
        let json = """
        {"name": "x", "faults": [
          {"at": "20s", "action": "stop", "target": "patroni3"},
          {"at": "10s", "action": "stop", "target": "patroni1"},
          {"at": "20s", "action": "stop", "target": "patroni1"},
          {"at": "10s", "action": "start", "target": "patroni2"},
          {"at": "20s", "action": "stop", "target": "patroni2"}
        ]}
        """
        guard let scenario = decodedScenario(json) else { return }
        XCTAssertEqual(scenario.options.faults.map(\.action.label),
                       ["stop patroni1", "start patroni2", "stop patroni3", "stop patroni1", "stop patroni2"])
    }

    func testAPartitionWithoutFromIsCutOffFromEverythingBothWays() {
        let json = #"{"name": "x", "faults": [{"at": "1s", "action": "partition", "target": "leader"}]}"#
        guard let scenario = decodedScenario(json) else { return }
        XCTAssertEqual(scenario.options.faults.first?.action,
                       .partition(Partition(target: .leader, peers: [.etcd, .otherNodes, .clients], direction: .both)))
        XCTAssertTrue(scenario.expectations.expectsFailover)
    }

    func testOnlyLeaderFaultsThatCutItFromEtcdExpectAFailover() {
        let json = """
        {"name": "x", "faults": [
          {"at": "1s", "action": "stop", "target": "patroni1"},
          {"at": "2s", "action": "partition", "target": "leader", "from": ["clients", "nodes"]},
          {"at": "3s", "action": "kill", "target": "replica"}
        ]}
        """
        XCTAssertEqual(decodedScenario(json)?.expectations.expectsFailover, false)
    }

    func testTimeoutCheckFollowsInterUnlessGiven() {
        let onlyInter = decodedScenario(#"{"name": "x", "workload": {"haproxy": {"inter": "2s"}}}"#)
        XCTAssertEqual(onlyInter?.options.workload.haproxy.checkTimeout, .seconds(2))
        let both = decodedScenario(#"{"name": "x", "workload": {"haproxy": {"timeout_check": "500ms", "inter": "2s"}}}"#)
        XCTAssertEqual(both?.options.workload.haproxy.checkTimeout, .millis(500))
    }

    func testPatroniTimersAreTakenAsWrittenWithoutTimerAdjustment() {
        let scenario = decodedScenario(#"{"name": "x", "cluster": {"patroni": {"ttl": 5, "loop_wait": 10, "retry_timeout": 1}}}"#)
        XCTAssertEqual(scenario?.options.patroni.ttl, 5)
        XCTAssertEqual(scenario?.options.patroni.loopWait, 10)
        XCTAssertEqual(scenario?.options.patroni.retryTimeout, 1)
    }

    func testSeedsUseTheWholeUnsignedRangeAndIntegralNotations() {
        XCTAssertEqual(decodedScenario(#"{"name": "x", "seed": 18446744073709551615}"#)?.options.seed, .max)
        XCTAssertEqual(decodedScenario(#"{"name": "x", "seed": 7.0}"#)?.options.seed, 7)
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "seed": -1}"#), ["$.seed: expected an integer from 0 to 18446744073709551615, got number -1"])
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "seed": 18446744073709551616}"#),
                       ["$.seed: expected an integer from 0 to 18446744073709551615, got number 18446744073709551616"])
    }

    func testUnknownKeysAreReportedAtEveryDepthWithTheAllowedKeys() {
        let json = """
        {"name": "x", "colour": "red",
         "cluster": {"patroni": {"ttl": 30, "loop_wiat": 10}, "nodes": [{"name": "a", "tags": {"nostream": true}}]},
         "faults": [{"at": "1s", "action": "heal", "from": ["etcd"]}],
         "expect": {"failover_time": {"max": "1s", "avg": "1s"}, "leader_changes": 1}}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.cluster.nodes[0].tags.nostream: unknown key \"nostream\"; allowed keys: failover_priority, nofailover, nosync, sync_priority",
            "$.cluster.patroni.loop_wiat: unknown key \"loop_wiat\"; allowed keys: check_timeline, enforce_timer_rules, failsafe_mode, loop_wait, maximum_lag_on_failover, maximum_lag_on_syncnode, primary_start_timeout, retry_timeout, synchronous_mode, synchronous_mode_strict, synchronous_node_count, ttl, use_pg_rewind, watchdog (did you mean \"loop_wait\"?)",
            "$.colour: unknown key \"colour\"; allowed keys: cluster, description, duration, expect, faults, ha, limits, name, seed, workload",
            "$.expect.failover_time.avg: unknown key \"avg\"; allowed keys: max, min",
            "$.expect.leader_changes: unknown key \"leader_changes\"; allowed keys: all_streaming, at, converge_within, converged, failover_time, failovers, final_leader, final_timeline, lost_writes, rewinds, split_brain, violations, write_outage, zombie_window_max, zombie_windows",
            "$.faults[0].from: key \"from\" is not allowed with action \"heal\"; allowed keys: action, at, target, within",
        ])
    }

    func testOddKeysUseBracketPaths() {
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "two words": 1}"#).first?.hasPrefix("$[\"two words\"]: unknown key"), true)
    }

    func testWrongTypesNameTheExpectedAndTheGivenType() {
        let json = """
        {"name": 7, "description": ["a"], "duration": 30, "ha": "stolon",
         "cluster": {"scope": "", "nodes": "patroni1", "patroni": {"ttl": "30", "loop_wait": 1.5, "use_pg_rewind": "yes", "retry_timeout": 0},
                     "postgres": {"version": 8, "data_size": 0}},
         "workload": {"writes_per_second": 100001, "router": "libpq", "haproxy": []},
         "faults": {"at": "1s"},
         "expect": {"split_brain": null, "final_leader": 3},
         "limits": {"max_events": 0}}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.cluster.nodes: expected an array of node names or node objects, got string \"patroni1\"",
            "$.cluster.patroni.loop_wait: expected an integer from 1 to 2592000 (seconds), got number 1.5",
            "$.cluster.patroni.retry_timeout: expected an integer from 1 to 2592000 (seconds), got number 0",
            "$.cluster.patroni.ttl: expected an integer from 1 to 2592000 (seconds), got string \"30\"",
            "$.cluster.patroni.use_pg_rewind: expected true or false, got string \"yes\"",
            "$.cluster.postgres.data_size: expected an integer from 1 to 1099511627776 (bytes), got number 0",
            "$.cluster.postgres.version: expected an integer from 9 to 18, got number 8",
            "$.cluster.scope: expected a non-empty string, got string \"\"",
            "$.description: expected a string, got an array",
            "$.duration: expected a duration string such as \"30s\", \"250ms\" or \"2m\", got number 30",
            "$.expect.final_leader: expected a node name or null, got number 3",
            "$.expect.split_brain: expected true or false, got null",
            "$.faults: expected an array of fault objects, got an object",
            "$.ha: expected one of \"patroni\", \"none\" or \"manual\", got string \"stolon\"",
            "$.limits.max_events: expected a positive integer, got number 0",
            "$.name: expected a string, got number 7",
            "$.workload.haproxy: expected an object, got an array",
            "$.workload.router: expected one of \"haproxy\" or \"fixed\", got string \"libpq\"",
            "$.workload.writes_per_second: expected an integer from 0 to 100000, got number 100001",
        ])
    }

    func testBadDurationsSayWhatIsWrongWithTheText() {
        let json = """
        {"name": "x", "duration": "0s",
         "cluster": {"network": {"latency": "1.5us", "jitter": "-1ms"}, "etcd": {"election_timeout": "5d"}},
         "workload": {"client_timeout": "30", "start_at": "9999999999999h"},
         "expect": {"write_outage": {"max": "800h"}}}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.cluster.etcd.election_timeout: \"5d\" has an unknown unit \"d\"; expected one of us, ms, s, m, h",
            "$.cluster.network.jitter: \"-1ms\" is negative; durations must be zero or more",
            "$.cluster.network.latency: \"1.5us\" is finer than a microsecond, the simulator's resolution",
            "$.duration: expected a duration greater than zero, got \"0s\"",
            "$.expect.write_outage.max: expected a duration of at most 30 days (\"720h\"), got \"800h\"",
            "$.workload.client_timeout: \"30\" has no unit; add one of us, ms, s, m, h (e.g. \"30s\")",
            "$.workload.start_at: expected a duration of at most 30 days (\"720h\"), got \"9999999999999h\"",
        ])
    }

    func testUnknownNodesInTargetsPartitionsAndTheFinalLeaderAreReported() {
        let json = """
        {"name": "x", "cluster": {"nodes": ["a", "b"]},
         "faults": [
           {"at": "1s", "action": "stop", "target": "patroni1"},
           {"at": "2s", "action": "partition", "target": "a", "from": ["etcd", "c", "a", "etcd", "nodes"]},
           {"at": "3s", "action": "heal", "target": 1}
         ],
         "expect": {"final_leader": "patroni2"}}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.expect.final_leader: unknown node \"patroni2\"; expected null or one of the nodes: a, b",
            "$.faults[0].target: unknown node \"patroni1\"; expected \"leader\", \"replica\", \"previous\" or one of the nodes: a, b",
            "$.faults[1].from[1]: unknown peer \"c\"; expected \"etcd\", \"nodes\", \"clients\" or one of the nodes: a, b",
            "$.faults[1].from[2]: a node cannot be partitioned from itself (\"a\" is the target)",
            "$.faults[1].from[3]: \"etcd\" is listed twice",
            "$.faults[2].target: expected a node name, \"leader\", \"replica\" or \"previous\", got number 1",
        ])
    }

    func testFaultsMustHappenBeforeTheEndOfTheRun() {
        let json = """
        {"name": "x", "duration": "60s", "faults": [
          {"at": "59.999s", "action": "stop", "target": "leader"},
          {"at": "60s", "action": "start", "target": "leader"},
          {"at": "2m", "action": "heal"}
        ]}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.faults[1].at: expected a time before the end of the run (duration 1m), got string \"60s\"",
            "$.faults[2].at: expected a time before the end of the run (duration 1m), got string \"2m\"",
        ])
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "faults": [{"at": "180s", "action": "heal"}]}"#),
                       ["$.faults[0].at: expected a time before the end of the run (duration 3m), got string \"180s\""])
    }

    func testFaultsNeedTheirRequiredKeysAndAKnownAction() {
        let json = """
        {"name": "x", "faults": [
          {"action": "stop"},
          {"at": "1s", "action": "reboot", "target": "leader", "seconds": 3},
          {"at": "1s"},
          {"at": "1s", "action": "partition", "target": "leader", "from": [], "direction": "sideways"},
          "stop leader"
        ]}
        """
        XCTAssertEqual(scenarioProblems(json), [
            "$.faults[0]: missing required key \"at\"",
            "$.faults[0]: missing required key \"target\"",
            "$.faults[1].action: expected one of \"stop\", \"kill\", \"kill-patroni\", \"kill-postgres\", \"start\", \"freeze\", \"clock-step\", \"partition\", \"heal\", \"switchover\", \"failover\", \"pause\", \"resume\", \"break-postgres\", \"fix-postgres\", \"slow-disk\", \"fast-disk\", \"reinit\" or \"set-config\", got string \"reboot\"",
            "$.faults[1].seconds: unknown key \"seconds\"; allowed keys: action, at, by, candidate, direction, factor, for, from, scheduled_at, settings, target, within",
            "$.faults[2]: missing required key \"action\"",
            "$.faults[3].direction: expected one of \"outbound\", \"inbound\" or \"both\", got string \"sideways\"",
            "$.faults[3].from: expected at least one of \"etcd\", \"nodes\", \"clients\" or node names, got an empty array",
            "$.faults[4]: expected a fault object, got string \"stop leader\"",
        ])
    }

    func testNodeListsAreCheckedForCountNamesAndDuplicates() {
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "cluster": {"nodes": []}}"#), ["$.cluster.nodes: expected 1 to 9 nodes, got 0"])
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "cluster": {"nodes": ["a","b","c","d","e","f","g","h","i","j"]}}"#),
                       ["$.cluster.nodes: expected 1 to 9 nodes, got 10"])
        let json = #"{"name": "x", "cluster": {"nodes": ["a", "etcd2", "has space", "a", {"tags": {}}, 5, {"name": "b", "tags": {"failover_priority": -1}}]}}"#
        XCTAssertEqual(scenarioProblems(json), [
            "$.cluster.nodes[1]: \"etcd2\" is reserved for a host or selector of the simulation; choose another node name",
            "$.cluster.nodes[2]: expected a node name of letters, digits, '_' and '-', got \"has space\"",
            "$.cluster.nodes[3]: duplicate node name \"a\" (also $.cluster.nodes[0])",
            "$.cluster.nodes[4]: missing required key \"name\"",
            "$.cluster.nodes[5]: expected a node name string or a node object, got number 5",
            "$.cluster.nodes[6].tags.failover_priority: expected a non-negative integer, got number -1",
        ])
    }

    func testABrokenNodeListDoesNotAddUnknownTargetNoise() {
        let json = #"{"name": "x", "cluster": {"nodes": ["a", 5]}, "faults": [{"at": "1s", "action": "stop", "target": "a"}]}"#
        XCTAssertEqual(scenarioProblems(json), ["$.cluster.nodes[1]: expected a node name string or a node object, got number 5"])
    }

    func testEtcdHasOneThreeOrFiveMembers() {
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "cluster": {"etcd": {"members": 4}}}"#),
                       ["$.cluster.etcd.members: expected 1, 3 or 5 etcd members, got 4"])
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "cluster": {"etcd": {"members": 3, "heartbeat_interval": "300ms"}}}"#),
                       ["$.cluster.etcd.heartbeat_interval: expected election_timeout (1s) to be at least 5 times heartbeat_interval (300ms), as etcd requires"])
    }

    func testEtcdMembersAreFaultTargetsOnlyForTheActionsThatApply() {
        let json = #"""
        {"name": "x", "cluster": {"etcd": {"members": 3}},
         "faults": [{"at": "1s", "action": "stop", "target": "etcd-leader"},
                    {"at": "2s", "action": "freeze", "target": "etcd2", "for": "5s"},
                    {"at": "3s", "action": "partition", "target": "etcd3", "from": ["etcd1", "nodes"]},
                    {"at": "4s", "action": "kill-patroni", "target": "etcd1"},
                    {"at": "5s", "action": "stop", "target": "etcd"},
                    {"at": "6s", "action": "partition", "target": "etcd3", "from": ["etcd3"]}]}
        """#
        XCTAssertEqual(scenarioProblems(json), [
            "$.faults[3].target: \"etcd1\" is an etcd member, which kill-patroni does not apply to; expected a node name, \"leader\", \"replica\" or \"previous\" (etcd members take stop, kill, start, freeze, partition, heal)",
            "$.faults[4].target: unknown node \"etcd\"; expected \"leader\", \"replica\", \"previous\" or one of the nodes: patroni1, patroni2, patroni3 (or an etcd member: etcd-leader, etcd1, etcd2, etcd3)",
            "$.faults[5].from[0]: a node cannot be partitioned from itself (\"etcd3\" is the target)",
        ])
        let valid = #"""
        {"name": "x", "cluster": {"etcd": {"members": 3, "election_timeout": "2s", "heartbeat_interval": "200ms", "commit_latency": "2ms"}},
         "faults": [{"at": "1s", "action": "stop", "target": "etcd-leader"},
                    {"at": "3s", "action": "partition", "target": "etcd3", "from": ["etcd1", "nodes"], "direction": "inbound"},
                    {"at": "4s", "action": "start", "target": "previous"}]}
        """#
        let scenario = try? ScenarioDecoder.decode(Array(valid.utf8), file: "x.json")
        XCTAssertEqual(scenario?.options.etcd.members, 3)
        XCTAssertEqual(scenario?.options.etcd.heartbeatInterval, .millis(200))
        XCTAssertEqual(scenario?.options.etcd.commitLatency, .millis(2))
        XCTAssertEqual(scenario?.options.faults.map(\.action), [
            .stop(.etcdLeader),
            .partition(Partition(target: .etcdMember(2, name: "etcd3"), peers: [.etcdMember(0, name: "etcd1"), .otherNodes], direction: .inbound)),
            .start(.previous),
        ])
    }

    func testExpectationBoundsMustBeConsistent() {
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "expect": {"failover_time": {}, "write_outage": {}}}"#), [
            "$.expect.failover_time: expected at least one of \"min\" and \"max\", got an empty object",
            "$.expect.write_outage: missing required key \"max\"",
        ])
        XCTAssertEqual(scenarioProblems(#"{"name": "x", "expect": {"failover_time": {"min": "50s", "max": "45s"}}}"#),
                       ["$.expect.failover_time: expected min <= max, got min \"50s\" and max \"45s\""])
        XCTAssertEqual(decodedScenario(#"{"name": "x", "expect": {"final_leader": null}}"#)?.expectations.finalLeader, .noLeader)
    }

    func testEveryProblemIsReportedAtOnceSortedByPath() {
        let json = """
        {"faults": [
          {"at": "1s", "action": "stop", "target": "nobody"},
          {"at": "1s", "action": "stop", "target": "leader"}, {"at": "1s", "action": "stop", "target": "leader"},
          {"at": "1s", "action": "stop", "target": "leader"}, {"at": "1s", "action": "stop", "target": "leader"},
          {"at": "1s", "action": "stop", "target": "leader"}, {"at": "1s", "action": "stop", "target": "leader"},
          {"at": "1s", "action": "stop", "target": "leader"}, {"at": "1s", "action": "stop", "target": "leader"},
          {"at": "1s", "action": "stop", "target": "leader"},
          {"at": "1x", "action": "stop", "target": "leader"}
         ],
         "cluster": {"patroni": {"ttl": 0}},
         "seed": "one"}
        """
        guard let error = scenarioRejection(json) else { return }
        XCTAssertEqual(error.kind, .invalid)
        XCTAssertEqual(error.exitCode, 65)
        XCTAssertEqual(error.description, """
        test.json: $: missing required key "name"
        test.json: $.cluster.patroni.ttl: expected an integer from 1 to 2592000 (seconds), got number 0
        test.json: $.faults[0].target: unknown node "nobody"; expected "leader", "replica", "previous" or one of the nodes: patroni1, patroni2, patroni3
        test.json: $.faults[10].at: "1x" has an unknown unit "x"; expected one of us, ms, s, m, h
        test.json: $.seed: expected an integer from 0 to 18446744073709551615, got string "one"
        """)
    }

    func testInvalidJSONIsOneProblemWithLineAndColumn() {
        guard let error = scenarioRejection("{\"name\": \"x\",\n  \"seed\": tru}") else { return }
        XCTAssertEqual(error.problems.count, 1)
        XCTAssertEqual(error.problems.first?.path, "$.seed")
        XCTAssertEqual(error.problems.first?.message.hasPrefix("invalid JSON at line 2, column 11: "), true)
        XCTAssertEqual(error.kind, .invalid)
    }

    func testATopLevelValueThatIsNotAnObjectIsOneProblem() {
        XCTAssertEqual(scenarioProblems("[1, 2]"), ["$: expected an object, got an array"])
    }

    func testProblemsSortNumericIndicesByValue() {
        let error = ScenarioError(file: "f", problems: [
            ScenarioProblem(path: "$.faults[10].at", message: "b"),
            ScenarioProblem(path: "$.faults[2].at", message: "z"),
            ScenarioProblem(path: "$.faults[2].at", message: "a"),
            ScenarioProblem(path: "$", message: "m"),
            ScenarioProblem(path: "", message: "file"),
        ])
        XCTAssertEqual(error.description, "f: file\nf: $: m\nf: $.faults[2].at: a\nf: $.faults[2].at: z\nf: $.faults[10].at: b")
    }

    func testTheLoaderReportsMissingFilesAndDirectoriesAsUnreadable() {
        let directory = NSTemporaryDirectory() + "scenario-loader-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (path, message) in [(directory + "/missing.json", "no such file"), (directory, "is a directory, not a scenario file")] {
            do throws(ScenarioError) {
                _ = try ScenarioLoader.load(path: path)
                XCTFail("\(path) loaded")
            } catch {
                XCTAssertEqual(error.kind, .unreadable)
                XCTAssertEqual(error.exitCode, 66)
                XCTAssertEqual(error.description, "\(path): \(message)")
            }
        }
    }

    func testTheLoaderAppliesOverridesBeforeDecoding() throws {
        let path = NSTemporaryDirectory() + "scenario-loader-\(getpid()).json"
        try Data(#"{"name": "file", "cluster": {"patroni": {"ttl": 30}}}"#.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do throws(ScenarioError) {
            let scenario = try ScenarioLoader.load(path: path, overrides: ["patroni.ttl=20", "duration=60s", "seed=7"])
            XCTAssertEqual(scenario.options.patroni.ttl, 20)
            XCTAssertEqual(scenario.options.duration, .seconds(60))
            XCTAssertEqual(scenario.options.seed, 7)
            XCTAssertEqual(scenario.source, path)
        } catch {
            XCTFail("rejected:\n\(error)")
        }
        do throws(ScenarioError) {
            _ = try ScenarioLoader.load(path: path, overrides: ["patroni.ttl=0"])
            XCTFail("an invalid override was accepted")
        } catch {
            XCTAssertEqual(error.description, "\(path): $.cluster.patroni.ttl: expected an integer from 1 to 2592000 (seconds), got number 0")
        }
    }
}
