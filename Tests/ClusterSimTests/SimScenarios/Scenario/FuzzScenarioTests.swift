import ClusterSim
import Foundation
import XCTest

@testable import SimScenarios

/// Thousands of seeded mutations of the shipped scenarios: each mutant either runs to a
/// verdict or is rejected with a clear error; none may trap or hang.
///
/// The iteration count and the seed come from the environment, so a longer campaign is
/// one command (see README, "Robustness"):
///
///     CLUSTERSIM_FUZZ_ITERATIONS=200000 CLUSTERSIM_FUZZ_SEED=7 swift test -c release --filter Fuzz
///
/// Every mutant is derived from the seed and its iteration number alone, so a failure
/// names the pair that reproduces it. A trap kills the test process before it can
/// report; `CLUSTERSIM_FUZZ_VERBOSE=1` prints each iteration before it runs, so the last
/// line printed is the culprit, and `CLUSTERSIM_FUZZ_FIRST=N` starts at iteration N.
/// Mutants run on every core (`CLUSTERSIM_FUZZ_JOBS=N` to choose), one at a time when verbose.
/// `CLUSTERSIM_FUZZ_FULL_RUNS=1` runs each mutant for its own duration and rate (up to
/// 200,000 events) instead of 75 s at 5 writes per second.
final class FuzzScenarioTests: XCTestCase {
    /// The iterations of a plain `swift test` run: enough to cover every mutation kind on
    /// every shipped file, small enough to stay under 15 s in a debug build on two cores.
    static let defaultIterations = 2_000

    /// The longest virtual time a decoded mutant runs, so one run costs milliseconds: past
    /// the bootstrap and the shipped scenarios' first faults (60 s, within 10 s).
    static let runCap = SimDuration.seconds(75)

    func testMutatedShippedScenariosRunToAVerdictOrFailWithAClearError() throws {
        let environment = ProcessInfo.processInfo.environment
        let iterations = environment["CLUSTERSIM_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? Self.defaultIterations
        let seed = environment["CLUSTERSIM_FUZZ_SEED"].flatMap { UInt64($0) } ?? 1
        let first = environment["CLUSTERSIM_FUZZ_FIRST"].flatMap { Int($0) } ?? 0
        let verbose = environment["CLUSTERSIM_FUZZ_VERBOSE"] == "1"
        let fullRuns = environment["CLUSTERSIM_FUZZ_FULL_RUNS"] == "1"
        let files = try ShippedScenarios.files()
        XCTAssertFalse(files.isEmpty, "no scenario files found in \(ShippedScenarios.directory.path)")
        let originals = try files.map { url -> (name: String, document: JSONValue) in
            (url.lastPathComponent, try JSONParser.parse([UInt8](try Data(contentsOf: url))))
        }

        // Mutants run on every core (one at a time with VERBOSE, so the last line printed is
        // the one that trapped); each iteration's outcome lands in its own slot.
        let jobs = verbose ? 1 : environment["CLUSTERSIM_FUZZ_JOBS"].flatMap { Int($0) } ?? ProcessInfo.processInfo.activeProcessorCount
        let outcomes = ParallelRuns.map(count: iterations, jobs: jobs) { offset in
            Self.check(iteration: first + offset, seed: seed, originals: originals, fullRuns: fullRuns, verbose: verbose)
        }
        var decoded = 0
        var rejected = 0
        for outcome in outcomes {
            if outcome.ran { decoded += 1 } else { rejected += 1 }
            for failure in outcome.failures {
                XCTFail(failure)
            }
        }
        print("fuzz: iterations \(first)..<\(first + iterations) of seed \(seed): \(decoded) mutants ran, \(rejected) were rejected")
        // Both outcomes must be exercised, or the mutations are too weak or too strong.
        if iterations >= 200 {
            XCTAssertGreaterThan(decoded, iterations / 20, "too few mutants decode (\(decoded) of \(iterations))")
            XCTAssertGreaterThan(rejected, iterations / 20, "too few mutants are rejected (\(rejected) of \(iterations))")
        }
    }

    /// What one iteration did: whether its mutant ran, and every broken expectation.
    struct Outcome: Sendable {
        var ran: Bool
        var failures: [String] = []
    }

    /// Mutates the iteration's file, then decodes and runs the mutant; collects what went
    /// wrong instead of asserting, so it may run on any thread.
    static func check(iteration: Int, seed: UInt64, originals: [(name: String, document: JSONValue)], fullRuns: Bool, verbose: Bool) -> Outcome {
        let (name, original) = originals[iteration % originals.count]
        var random = RandomStream(seed: seed, stream: "fuzz-\(iteration)")
        let mutant = ScenarioMutator.mutate(original, &random)
        let label = "iteration \(iteration) of seed \(seed) (\(name), \(mutant.summary))"
        if verbose {
            print("fuzz: \(label)")
        }
        do throws(ScenarioError) {
            var scenario = try ScenarioDecoder.decode(mutant.bytes, file: name)
            cap(&scenario.options, fullRuns: fullRuns)
            let summary = ScenarioRunner.run(scenario)
            let json = JSONReport.render(summary)
            let text = TextReport.render(summary, scope: scenario.options.scope)
            return Outcome(ran: true, failures: json.isEmpty || text.isEmpty ? ["\(label): empty report"] : [])
        } catch {
            var failures: [String] = []
            if error.kind != .invalid || error.exitCode != 65 {
                failures.append("\(label): kind \(error.kind), exit status \(error.exitCode) instead of 65: \(error)")
            }
            if error.problems.isEmpty {
                failures.append("\(label): an error without problems")
            }
            for problem in error.problems where problem.message.isEmpty || !problem.path.hasPrefix("$") {
                failures.append("\(label): problem at \(problem.path) without a message or a JSON path")
            }
            if error.description.split(separator: "\n", omittingEmptySubsequences: false).count != error.problems.count {
                failures.append("\(label): each problem must be one line:\n\(error)")
            }
            return Outcome(ran: false, failures: failures)
        }
    }

    func testTheSameSeedMakesTheSameMutants() throws {
        let document = try ShippedScenarios.document("lab4-failover-crash.json")
        for iteration in 0..<50 {
            var a = RandomStream(seed: 9, stream: "fuzz-\(iteration)")
            var b = RandomStream(seed: 9, stream: "fuzz-\(iteration)")
            XCTAssertEqual(ScenarioMutator.mutate(document, &a).bytes, ScenarioMutator.mutate(document, &b).bytes,
                           "iteration \(iteration)")
        }
    }

    /// Shortens a decoded mutant: at most ``runCap`` of virtual time, 5 writes per second
    /// and 30,000 events (75 s of the lab take about 2,500), so a mutant that asks for
    /// a month at full rate, or checks every microsecond, still finishes in milliseconds.
    /// With `fullRuns` (`CLUSTERSIM_FUZZ_FULL_RUNS=1`, for long release campaigns) only the
    /// events are limited, so the mutant's own duration and rate are exercised.
    static func cap(_ options: inout ClusterOptions, fullRuns: Bool) {
        options.limits.maxEvents = min(options.limits.maxEvents, fullRuns ? 200_000 : 30_000)
        if !fullRuns {
            options.duration = min(options.duration, runCap)
            options.workload.writesPerSecond = min(options.workload.writesPerSecond, 5)
        }
    }
}

/// Seeded mutations of a scenario document: structural ones on the parsed value (delete,
/// duplicate, retype, extreme numbers, garbage strings, values moved between fields) and
/// raw ones on its bytes (flips, insertions of non-UTF-8 bytes, cuts, truncation).
enum ScenarioMutator {
    /// One step of a path into a document.
    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    /// A mutant: its bytes and a short account of what was done, for failure messages.
    struct Mutant {
        var bytes: [UInt8]
        var summary: String
    }

    /// Applies one or two structural mutations and, one time in six, a raw one.
    static func mutate(_ document: JSONValue, _ random: inout RandomStream) -> Mutant {
        var value = document
        var done: [String] = []
        var duplicateAt: [Step]?
        for _ in 0..<(1 + Int(random.nextInt(below: 2))) {
            let paths = allPaths(value)
            let path = paths[Int(random.nextInt(below: UInt64(paths.count)))]
            let text = describe(path)
            switch random.nextInt(below: 11) {
            case 0, 8:
                guard !path.isEmpty else { continue }
                remove(at: path, in: &value)
                done.append("delete \(text)")
            case 1:
                if case .index(let index)? = path.last, case .array(var elements)? = self.value(at: Array(path.dropLast()), in: value) {
                    elements.insert(elements[index], at: Int(random.nextInt(below: UInt64(elements.count + 1))))
                    set(.array(elements), at: Array(path.dropLast()), in: &value)
                    done.append("duplicate \(text)")
                } else if case .object(let object)? = self.value(at: path, in: value), !object.isEmpty {
                    duplicateAt = path
                    done.append("duplicate key in \(text)")
                }
            case 9, 10:
                // Plausible values keep many mutants valid, so the simulation itself is fuzzed too.
                set(plausibleValue(like: self.value(at: path, in: value), &random), at: path, in: &value)
                done.append("plausible value at \(text)")
            case 2, 3:
                set(otherType(than: self.value(at: path, in: value), &random), at: path, in: &value)
                done.append("retype \(text)")
            case 4:
                set(.number(JSONNumber(uncheckedLiteral: pick(extremeNumbers, &random))), at: path, in: &value)
                done.append("number at \(text)")
            case 5:
                set(.string(garbageString(&random)), at: path, in: &value)
                done.append("string at \(text)")
            case 6:
                let source = paths[Int(random.nextInt(below: UInt64(paths.count)))]
                if let moved = self.value(at: source, in: value), !path.isEmpty {
                    set(moved, at: path, in: &value)
                    done.append("copy \(describe(source)) to \(text)")
                }
            default:
                if case .number(let number)? = self.value(at: path, in: value), let n = number.int64Value {
                    let scaled = pick([n &+ 1, n &- 1, n &* 10, 0 &- n, n / 2], &random)
                    set(.int(scaled), at: path, in: &value)
                    done.append("nudge \(text)")
                } else if case .string(let s)? = self.value(at: path, in: value) {
                    set(.string(pick([s + "0", String(s.dropFirst()), "-" + s, s + s, s.uppercased()], &random)), at: path, in: &value)
                    done.append("edit \(text)")
                }
            }
        }
        var bytes = Array(write(value, duplicateAt: duplicateAt).utf8)
        if random.nextInt(below: 6) == 0 {
            done.append(rawMutation(&bytes, &random))
        }
        return Mutant(bytes: bytes, summary: done.isEmpty ? "unchanged" : done.joined(separator: "; "))
    }

    // MARK: - Raw bytes

    /// Changes `bytes` in one of six ways and says how.
    private static func rawMutation(_ bytes: inout [UInt8], _ random: inout RandomStream) -> String {
        let position = Int(random.nextInt(below: UInt64(bytes.count + 1)))
        switch random.nextInt(below: 6) {
        case 0:
            guard position < bytes.count else { return "no flip" }
            bytes[position] ^= UInt8(1 << random.nextInt(below: 8))
            return "flip a bit of byte \(position)"
        case 1:
            let inserted = (0..<(1 + random.nextInt(below: 4))).map { _ in
                pick([0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xF5, 0x00, 0x7F, UInt8(random.nextInt(below: 256))], &random)
            }
            bytes.insert(contentsOf: inserted, at: position)
            return "insert bytes \(inserted) at \(position)"
        case 2:
            let length = min(bytes.count - position, 1 + Int(random.nextInt(below: 40)))
            bytes.removeSubrange(position..<(position + length))
            return "cut \(length) bytes at \(position)"
        case 3:
            bytes.removeSubrange(position...)
            return "truncate at \(position)"
        case 4:
            let length = min(bytes.count - position, 1 + Int(random.nextInt(below: 60)))
            bytes.insert(contentsOf: bytes[position..<(position + length)], at: position)
            return "repeat \(length) bytes at \(position)"
        default:
            let byte = pick(Array("{}[],:\"\\0-eE. ".utf8), &random)
            bytes.insert(byte, at: position)
            return "insert \(String(UnicodeScalar(byte))) at \(position)"
        }
    }

    // MARK: - Values

    /// Numbers that probe every bound: huge, beyond Int64 and UInt64, negative, zero,
    /// fractional, exponents beyond Double.
    static let extremeNumbers = [
        "0", "-1", "1", "2", "-0", "0.5", "1.5", "-2.5", "1e3", "1e308", "1e400", "-1e400", "1e-400",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615",
        "18446744073709551616", "99999999999999999999999999", "2147483648", "4294967296", "100000", "100001",
        "2592000", "2592001", "1099511627776", "1099511627777", "20", "19", "3", "9", "10", "18",
    ]

    /// Strings that probe the duration, name and choice parsers.
    static let interestingStrings = [
        "", " ", "0s", "1us", "0.5us", "-5s", "+5s", "-0s", "720h", "720h1us", "721h", "30d", "9999999999999h",
        "99999999999999999999s", "1e3s", "1.5s", "1.s", ".5s", "5", "s", "5 s", "5S", "1h30m", "0.0000001s",
        "0.00000000001h", "leader", "replica", "previous", "etcd", "nodes", "clients", "patroni1", "patroni9",
        "none", "manual", "patroni", "haproxy", "fixed", "outbound", "inbound", "both", "automatic", "required",
        "off", "kill", "stop", "start", "heal", "partition", "freeze", "clock-step", "kill-patroni", "kill-postgres",
        "a/b", "\u{0}", "\n", "é", "e\u{301}", "\u{FEFF}", "😀", String(repeating: "x", count: 300),
    ]

    /// A value of the same JSON type as `value` that a scenario could well contain: a
    /// duration or a name for a string, a small count for a number, the other Boolean.
    static func plausibleValue(like value: JSONValue?, _ random: inout RandomStream) -> JSONValue {
        switch value {
        case .string?:
            return .string(pick(["0s", "1us", "250ms", "1s", "5s", "30s", "59s", "90s", "10m", "720h", "leader", "replica",
                                 "previous", "patroni1", "patroni2", "patroni3", "etcd", "nodes", "clients"], &random))
        case .number?:
            return .int(pick([0, 1, 2, 3, 5, 10, 20, 30, 45, 100, 1_000, 1_048_576], &random))
        case .bool(let flag)?:
            return .bool(!flag)
        case .array(let elements)? where !elements.isEmpty:
            return .array(Array(elements.dropLast()))
        default:
            return otherType(than: value, &random)
        }
    }

    /// A value of a different JSON type than `value`.
    static func otherType(than value: JSONValue?, _ random: inout RandomStream) -> JSONValue {
        let candidates: [JSONValue] = [
            .null, .bool(random.nextInt(below: 2) == 0), .int(Int64(random.nextInt(below: 200)) - 20),
            .string(garbageString(&random)), .array([]), .array([.string("patroni1"), .int(1)]),
            .object(JSONObject()), .object(JSONObject([("x", .int(1))])),
        ]
        let others = candidates.filter { candidate in value.map { $0.typeName != candidate.typeName } ?? true }
        return pick(others, &random)
    }

    /// A listed string, or a few random characters.
    static func garbageString(_ random: inout RandomStream) -> String {
        if random.nextInt(below: 3) > 0 {
            return pick(interestingStrings, &random)
        }
        let alphabet = Array("0123456789.smhu-+ abcxyz\"\\/\u{7}\u{0}é😀".unicodeScalars)
        var text = String.UnicodeScalarView()
        for _ in 0..<random.nextInt(below: 12) {
            text.append(pick(alphabet, &random))
        }
        return String(text)
    }

    /// A uniformly chosen element of a non-empty array.
    static func pick<T>(_ choices: [T], _ random: inout RandomStream) -> T {
        choices[Int(random.nextInt(below: UInt64(choices.count)))]
    }

    // MARK: - Paths

    /// Every path in `value`, the root included, in document order.
    static func allPaths(_ value: JSONValue, prefix: [Step] = []) -> [[Step]] {
        var paths = [prefix]
        switch value {
        case .object(let object):
            for (key, child) in object.entries {
                paths += allPaths(child, prefix: prefix + [.key(key)])
            }
        case .array(let elements):
            for (index, child) in elements.enumerated() {
                paths += allPaths(child, prefix: prefix + [.index(index)])
            }
        default:
            break
        }
        return paths
    }

    /// The value at `path`, or nil.
    static func value(at path: [Step], in root: JSONValue) -> JSONValue? {
        var current = root
        for step in path {
            switch (step, current) {
            case (.key(let key), .object(let object)):
                guard let child = object[key] else { return nil }
                current = child
            case (.index(let index), .array(let elements)) where index < elements.count:
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Replaces the value at `path` (which must exist, or be a new key of an object).
    static func set(_ newValue: JSONValue, at path: [Step], in root: inout JSONValue) {
        guard let step = path.first else {
            root = newValue
            return
        }
        let rest = Array(path.dropFirst())
        switch (step, root) {
        case (.key(let key), .object(var object)):
            var child = object[key] ?? .null
            set(newValue, at: rest, in: &child)
            object.set(key, child)
            root = .object(object)
        case (.index(let index), .array(var elements)) where index < elements.count:
            set(newValue, at: rest, in: &elements[index])
            root = .array(elements)
        default:
            break
        }
    }

    /// Removes the member or element at `path`.
    static func remove(at path: [Step], in root: inout JSONValue) {
        guard let last = path.last, let parent = value(at: Array(path.dropLast()), in: root) else { return }
        switch (last, parent) {
        case (.key(let key), .object(let object)):
            set(.object(JSONObject(object.entries.filter { $0.key != key }.map { ($0.key, $0.value) })), at: Array(path.dropLast()), in: &root)
        case (.index(let index), .array(var elements)) where index < elements.count:
            elements.remove(at: index)
            set(.array(elements), at: Array(path.dropLast()), in: &root)
        default:
            break
        }
    }

    /// `path` as a JSON path, `$.faults[0].at`.
    static func describe(_ path: [Step]) -> String {
        path.reduce("$") { text, step in
            switch step {
            case .key(let key): return JSONPath.child(text, key)
            case .index(let index): return JSONPath.index(text, index)
            }
        }
    }

    /// Compact JSON for `value`; the object at `duplicateAt` writes its first member twice,
    /// which ``JSONObject`` cannot hold but a file can.
    static func write(_ value: JSONValue, duplicateAt: [Step]?, at path: [Step] = []) -> String {
        switch value {
        case .array(let elements):
            let parts = elements.enumerated().map { write($0.element, duplicateAt: duplicateAt, at: path + [.index($0.offset)]) }
            return "[" + parts.joined(separator: ",") + "]"
        case .object(let object):
            var parts = object.entries.map { JSONWriter.quoted($0.key) + ":" + write($0.value, duplicateAt: duplicateAt, at: path + [.key($0.key)]) }
            if path == duplicateAt, let firstMember = parts.first {
                parts.append(firstMember)
            }
            return "{" + parts.joined(separator: ",") + "}"
        default:
            return JSONWriter.write(value, pretty: false)
        }
    }
}
