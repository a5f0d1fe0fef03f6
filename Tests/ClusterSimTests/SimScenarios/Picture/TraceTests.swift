import XCTest
@testable import ClusterSim
@testable import SimScenarios

/// The Chrome trace: valid JSON in the trace event format, a named process per host, the
/// tracks the issue lists, counters, violations as instant events, proper nesting.
final class TraceTests: XCTestCase {
    private func events(_ run: PictureRun) throws -> [JSONObject] {
        let value = try JSONParser.parse(ChromeTrace.render(run))
        guard case .object(let document) = value, case .array(let events)? = document["traceEvents"] else {
            XCTFail("no traceEvents array")
            return []
        }
        XCTAssertEqual(document["displayTimeUnit"], .string("ms"))
        return events.compactMap { if case .object(let object) = $0 { return object } else { return nil } }
    }

    private func string(_ object: JSONObject, _ key: String) -> String? {
        if case .string(let text)? = object[key] { return text }
        return nil
    }

    private func int(_ object: JSONObject, _ key: String) -> Int64? {
        if case .number(let number)? = object[key] { return number.int64Value }
        return nil
    }

    private func args(_ object: JSONObject) -> JSONObject? {
        if case .object(let args)? = object["args"] { return args }
        return nil
    }

    func testEveryHostIsANamedProcessWithTheIssuesTracks() throws {
        let run = try PictureFixtures.run("lab4-failover-crash")
        let events = try events(run)
        let processes = events.filter { string($0, "ph") == "M" && string($0, "name") == "process_name" }
            .compactMap { args($0).flatMap { string($0, "name") } }
        XCTAssertEqual(processes, ["cluster", "patroni1", "patroni2", "patroni3", "etcd", "haproxy (client writes)"])
        let threads = Set(events.filter { string($0, "ph") == "M" && string($0, "name") == "thread_name" }
            .compactMap { args($0).flatMap { string($0, "name") } })
        for track in ["role", "leader lock", "PostgreSQL timeline", "timeline (log)", "partitions and faults", "client writes",
                      "failovers", "violations", "leader key"] {
            XCTAssertTrue(threads.contains(track), "no track named \(track)")
        }
    }

    func testStatesAreCompleteEventsAndLagAndWritesAreCounters() throws {
        let events = try events(try PictureFixtures.run("lab4-failover-crash"))
        let roles = events.filter { string($0, "ph") == "X" && string($0, "cat") == "role" }
        XCTAssertTrue(roles.contains { string($0, "name") == "primary" && int($0, "pid") == 3 }, "patroni2 (pid 3) was primary")
        XCTAssertTrue(roles.allSatisfy { (int($0, "dur") ?? -1) > 0 })
        let counters = Set(events.filter { string($0, "ph") == "C" }.compactMap { string($0, "name") })
        XCTAssertEqual(counters, ["replication lag (bytes)", "client writes per second", "leader lease TTL left (ms)"])
        let failover = events.first { string($0, "cat") == "failover" }
        XCTAssertEqual(failover.flatMap { args($0) }.flatMap { string($0, "new_leader") }, "patroni3")
        XCTAssertEqual(failover.flatMap { args($0) }.flatMap { int($0, "failover_time_ms") }, 27_960)
    }

    func testAViolationIsAGlobalInstantEventWithItsDetail() throws {
        let run = try PictureFixtures.run("lab4-no-fencing")
        let instants = try events(run).filter { string($0, "ph") == "i" && string($0, "cat") == "violation" }
        XCTAssertEqual(instants.compactMap { string($0, "name") }, run.report.violations.map(\.invariant.rawValue))
        XCTAssertTrue(instants.allSatisfy { string($0, "s") == "g" })
        XCTAssertEqual(instants.first.flatMap { args($0) }.flatMap { string($0, "detail") }, run.report.violations.first?.detail)
        let clean = try events(try PictureFixtures.run("lab4-failover-stop"))
        XCTAssertFalse(clean.contains { string($0, "cat") == "violation" })
    }

    func testSlicesOnOneTrackNestAndTimesAreIntegerMicroseconds() throws {
        for name in ["lab4-split-brain-partition", "fencing-freeze-long"] {
            let events = try events(try PictureFixtures.run(name))
            var byTrack: [String: [(Int64, Int64)]] = [:]
            for event in events where string(event, "ph") == "X" {
                guard let ts = int(event, "ts"), let dur = int(event, "dur"), let pid = int(event, "pid"), let tid = int(event, "tid") else {
                    XCTFail("\(name): a complete event without integer ts/dur/pid/tid")
                    continue
                }
                byTrack["\(pid)/\(tid)", default: []].append((ts, ts + dur))
            }
            for (track, slices) in byTrack {
                for a in slices {
                    for b in slices where a != b {
                        let disjoint = a.1 <= b.0 || b.1 <= a.0
                        let nested = (a.0 <= b.0 && b.1 <= a.1) || (b.0 <= a.0 && a.1 <= b.1)
                        XCTAssertTrue(disjoint || nested, "\(name) track \(track): \(a) and \(b) overlap without nesting")
                    }
                }
            }
        }
    }

    func testTheSameRunGivesTheSameTrace() throws {
        XCTAssertEqual(ChromeTrace.render(try PictureFixtures.run("lab4-failover-stop")),
                       ChromeTrace.render(try PictureFixtures.run("lab4-failover-stop")))
    }
}
