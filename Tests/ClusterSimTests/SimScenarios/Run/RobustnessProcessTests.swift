import ClusterSim
import Foundation
import XCTest

@testable import SimScenarios

/// What `simrun` itself prints and returns for bad input: every problem on stderr, one
/// line each, and exit status 65 or 66; Patroni's timer adjustments as warnings.
final class RobustnessProcessTests: XCTestCase {
    func testValidatePrintsPatronisTimerWarningsAndSucceeds() throws {
        let simrun = try SimrunBinary.locate()
        let output = SimrunBinary.run(simrun, ["validate", "Scenarios/timers-unsafe-enforced.json"], environment: ProcessInfo.processInfo.environment)
        XCTAssertEqual(output.status, 0)
        XCTAssertEqual(String(decoding: output.stdout, as: UTF8.self), """
            ok   Scenarios/timers-unsafe-enforced.json (Violated the rule "loop_wait + 2*retry_timeout <= ttl", where ttl=20. \
            Adjusting loop_wait from 15 to 1 and retry_timeout from 10 to 9)

            """)
    }

    func testBadFilesExitWithDataErrorOrNoInputAndNeverTrap() throws {
        let simrun = try SimrunBinary.locate()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clustersim-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files: [(name: String, bytes: [UInt8], status: Int32, stderr: String)] = [
            ("bad.json", Array("""
                {"name": "bad", "duration": "9999999999999h", "cluster": {"patroni": {"loop_wiat": 5}},
                 "workload": {"writes_per_second": -1}, "faults": [{"at": "10s", "action": "kill", "target": "patroni7"}]}
                """.utf8), 65, """
                FILE: $.cluster.patroni.loop_wiat: unknown key "loop_wiat"; allowed keys: check_timeline, enforce_timer_rules, \
                failsafe_mode, loop_wait, maximum_lag_on_failover, maximum_lag_on_syncnode, primary_start_timeout, retry_timeout, \
                synchronous_mode, synchronous_mode_strict, synchronous_node_count, ttl, use_pg_rewind, watchdog (did you mean "loop_wait"?)
                FILE: $.duration: expected a duration of at most 30 days ("720h"), got "9999999999999h"
                FILE: $.faults[0].target: unknown node "patroni7"; expected "leader", "replica", "previous" or one of the nodes: \
                patroni1, patroni2, patroni3
                FILE: $.workload.writes_per_second: expected an integer from 0 to 100000, got number -1

                """),
            ("latin1.json", [0x7B, 0x22, 0xE9, 0x22, 0x3A, 0x31, 0x7D], 65,
             "FILE: $: invalid JSON at line 1, column 3: invalid UTF-8 sequence 0xE9 0x22 (missing continuation byte)\n"),
            ("array.json", Array("[]".utf8), 65, "FILE: $: expected an object, got an array\n"),
        ]
        for file in files {
            let path = directory.appendingPathComponent(file.name).path
            try Data(file.bytes).write(to: URL(fileURLWithPath: path))
            for command in ["run", "validate", "check"] {
                let output = SimrunBinary.run(simrun, [command, path], environment: ProcessInfo.processInfo.environment)
                XCTAssertEqual(output.status, file.status, "simrun \(command) \(file.name)")
                XCTAssertEqual(String(decoding: output.stderr, as: UTF8.self).replacingOccurrences(of: path, with: "FILE"), file.stderr,
                               "simrun \(command) \(file.name)")
            }
        }
        let missing = directory.appendingPathComponent("missing.json").path
        let output = SimrunBinary.run(simrun, ["run", missing], environment: ProcessInfo.processInfo.environment)
        XCTAssertEqual(output.status, 66)
        XCTAssertEqual(String(decoding: output.stderr, as: UTF8.self), "\(missing): no such file\n")
        let folder = SimrunBinary.run(simrun, ["run", directory.path], environment: ProcessInfo.processInfo.environment)
        XCTAssertEqual(folder.status, 66)
        XCTAssertEqual(String(decoding: folder.stderr, as: UTF8.self), "\(directory.path): is a directory, not a scenario file\n")
    }
}
