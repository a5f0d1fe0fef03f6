import ClusterSim
import Foundation
import XCTest

@testable import SimScenarios

/// Bad files through `ScenarioLoader`, as `simrun` reads them: each gets one clear line
/// and exit status 65 (bad content) or 66 (nothing readable), never a trap.
final class RobustnessFilesTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("clustersim-robustness-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes `bytes` to a file named `name` in the test's directory and returns its path.
    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Writes `text` as UTF-8.
    private func file(_ name: String, _ text: String) throws -> String {
        try file(name, Array(text.utf8))
    }

    /// Loads `path` and returns the error's lines (the file name replaced by `FILE`),
    /// checking its kind and exit status; fails when the file loads.
    private func rejection(_ path: String, kind: ScenarioError.Kind = .invalid,
                           file: StaticString = #filePath, line: UInt = #line) -> String {
        do throws(ScenarioError) {
            _ = try ScenarioLoader.load(path: path)
            XCTFail("\(path) loaded", file: file, line: line)
            return ""
        } catch {
            XCTAssertEqual(error.kind, kind, "\(error)", file: file, line: line)
            XCTAssertEqual(error.exitCode, kind == .invalid ? 65 : 66, file: file, line: line)
            XCTAssertEqual(error.problems.count, 1, "\(error)", file: file, line: line)
            XCTAssertEqual(error.file, path, file: file, line: line)
            return error.description.replacingOccurrences(of: path, with: "FILE")
        }
    }

    func testTextThatIsNotJSONIsNamedWhereItStarts() throws {
        XCTAssertEqual(rejection(try file("prose.json", "name: lab\n")),
                       "FILE: $: invalid JSON at line 1, column 1: invalid literal 'name'")
    }

    func testATruncatedFileSaysWhereTheInputEnded() throws {
        let whole = try String(contentsOf: ShippedScenarios.directory.appendingPathComponent("lab4-failover-crash.json"), encoding: .utf8)
        let path = try file("truncated.json", String(whole.prefix(400)))
        XCTAssertEqual(rejection(path), "FILE: $.cluster.nodes[2]: invalid JSON at line 11, column 3: unexpected end of input")
    }

    func testATopLevelArrayOrNumberIsNotAScenario() throws {
        XCTAssertEqual(rejection(try file("array.json", "[{\"name\": \"x\"}]")), "FILE: $: expected an object, got an array")
        XCTAssertEqual(rejection(try file("number.json", "42")), "FILE: $: expected an object, got number 42")
        XCTAssertEqual(rejection(try file("string.json", "\"lab\"")), "FILE: $: expected an object, got string \"lab\"")
        XCTAssertEqual(rejection(try file("null.json", "null")), "FILE: $: expected an object, got null")
    }

    func testADuplicateKeyNamesTheKeyAndItsFirstLine() throws {
        let path = try file("duplicate.json", "{\"name\": \"x\",\n \"cluster\": {\"patroni\": {\"ttl\": 30,\n \"ttl\": 20}}}")
        XCTAssertEqual(rejection(path), "FILE: $.cluster.patroni: invalid JSON at line 3, column 2: duplicate key \"ttl\" (first seen at line 2)")
    }

    func testHugeNumbersAreOutOfRangeNotTraps() throws {
        XCTAssertEqual(rejection(try file("exponent.json", "{\"name\": \"x\", \"seed\": 1e400}")),
                       "FILE: $.seed: invalid JSON at line 1, column 23: number 1e400 is out of range")
        XCTAssertEqual(rejection(try file("digits.json", "{\"name\": \"x\", \"cluster\": {\"patroni\": {\"ttl\": 99999999999999999999999}}}")),
                       "FILE: $.cluster.patroni.ttl: expected an integer from 1 to 2592000 (seconds), got number 99999999999999999999999")
        XCTAssertEqual(rejection(try file("seed.json", "{\"name\": \"x\", \"seed\": 18446744073709551616}")),
                       "FILE: $.seed: expected an integer from 0 to 18446744073709551615, got number 18446744073709551616")
        XCTAssertEqual(rejection(try file("rate.json", "{\"name\": \"x\", \"workload\": {\"writes_per_second\": 1e300}}")),
                       "FILE: $.workload.writes_per_second: expected an integer from 0 to 100000, got number 1e300")
    }

    func testAnOverflowingDurationSaysWhatFits() throws {
        XCTAssertEqual(rejection(try file("hours.json", "{\"name\": \"x\", \"duration\": \"9999999999999h\"}")),
                       "FILE: $.duration: expected a duration of at most 30 days (\"720h\"), got \"9999999999999h\"")
        XCTAssertEqual(rejection(try file("step.json", """
            {"name": "x", "faults": [{"at": "1s", "action": "clock-step", "target": "leader", "by": "-99999999999999999999s"}]}
            """)),
                       "FILE: $.faults[0].by: expected a duration of at most 30 days (\"720h\") either way, got \"-99999999999999999999s\"")
    }

    func testBytesThatAreNotUTF8AreNamedInHexadecimal() throws {
        let path = try file("latin1.json", Array("{\"name\": \"caf".utf8) + [0xE9] + Array("\"}".utf8))
        XCTAssertEqual(rejection(path), "FILE: $.name: invalid JSON at line 1, column 14: invalid UTF-8 sequence 0xE9 0x22 (missing continuation byte)")
        let stray = try file("stray.json", [0xFF, 0xFE] + Array("{}".utf8))
        XCTAssertEqual(rejection(stray), "FILE: $: invalid JSON at line 1, column 1: invalid UTF-8 byte 0xFF")
    }

    func testAnEmptyOrBlankFileIsInvalid() throws {
        XCTAssertEqual(rejection(try file("empty.json", [])), "FILE: $: invalid JSON at line 1, column 1: the input is empty")
        XCTAssertEqual(rejection(try file("blank.json", " \n\t")), "FILE: $: invalid JSON at line 2, column 2: the input contains only whitespace")
    }

    func testADirectoryIsUnreadable() throws {
        let path = directory.appendingPathComponent("scenarios.json").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        XCTAssertEqual(rejection(path, kind: .unreadable), "FILE: is a directory, not a scenario file")
    }

    func testAMissingFileIsUnreadable() {
        let path = directory.appendingPathComponent("nowhere.json").path
        XCTAssertEqual(rejection(path, kind: .unreadable), "FILE: no such file")
    }

    func testAFileWithoutReadPermissionIsUnreadable() throws {
        let path = try file("secret.json", "{\"name\": \"x\"}")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
        guard !FileManager.default.isReadableFile(atPath: path) else {
            throw XCTSkip("running as a user who reads every file (root), so permissions cannot make one unreadable")
        }
        XCTAssertEqual(rejection(path, kind: .unreadable), "FILE: cannot be read (permission denied)")
    }

    func testAnEndlessDeviceIsRefusedAfterTheSizeLimit() throws {
        guard FileManager.default.fileExists(atPath: "/dev/zero") else {
            throw XCTSkip("no /dev/zero on this system")
        }
        XCTAssertEqual(rejection("/dev/zero"), "FILE: is larger than 16 MiB; expected a scenario file of a few kilobytes")
    }

    func testAFileOverTheSizeLimitIsRefused() throws {
        let path = try file("huge.json", [UInt8](repeating: UInt8(ascii: " "), count: ScenarioLimits.largestFileBytes + 1))
        XCTAssertEqual(rejection(path), "FILE: is larger than 16 MiB; expected a scenario file of a few kilobytes")
    }

    func testAFileAtTheSizeLimitIsRead() throws {
        var bytes = Array("{\"name\": \"padded\"}".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "\n"), count: ScenarioLimits.largestFileBytes - bytes.count)
        let path = try file("padded.json", bytes)
        XCTAssertEqual(try ScenarioLoader.load(path: path).name, "padded")
    }

    func testAByteOrderMarkIsAccepted() throws {
        let path = try file("bom.json", [0xEF, 0xBB, 0xBF] + Array("{\"name\": \"bom\"}".utf8))
        XCTAssertEqual(try ScenarioLoader.load(path: path).name, "bom")
    }

    func testEveryShippedScenarioLoads() throws {
        for url in try ShippedScenarios.files() {
            XCTAssertNoThrow(try ScenarioLoader.load(path: url.path), url.lastPathComponent)
        }
    }
}
