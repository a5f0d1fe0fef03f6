import ClusterSim
import Foundation
import XCTest

@testable import SimScenarios

/// The same scenario and seed give the same bytes in separate `simrun` processes run side
/// by side, whether Swift's hashing is seeded per process (the default) or fixed with
/// `SWIFT_DETERMINISTIC_HASHING=1`; and parallel sweeps and explorations give the same
/// records for any number of threads.
final class DeterminismProcessTests: XCTestCase {
    /// Scenarios shortened for this test only, to keep it quick in a debug build; the
    /// digests are compared between runs of the same arguments, so they stay meaningful.
    static let shortened = ["lab3-manual-failover.json": ["--set", "duration=20m"]]

    func testEveryShippedScenarioGivesTheSameBytesInSeparateProcesses() throws {
        let simrun = try SimrunBinary.locate()
        var inherited = ProcessInfo.processInfo.environment
        inherited["SWIFT_DETERMINISTIC_HASHING"] = nil
        var fixed = inherited
        fixed["SWIFT_DETERMINISTIC_HASHING"] = "1"
        let environments = [("SWIFT_DETERMINISTIC_HASHING unset", inherited), ("SWIFT_DETERMINISTIC_HASHING=1", fixed)]

        let jobs = try ShippedScenarios.files().flatMap { url in
            ["text", "json"].map { format in
                ["run", "Scenarios/\(url.lastPathComponent)", "--format", format] + (Self.shortened[url.lastPathComponent] ?? [])
            }
        }
        XCTAssertGreaterThanOrEqual(jobs.count, 2 * 17)
        // Every job in both environments, the processes started side by side.
        let outputs = ParallelRuns.map(count: jobs.count * 2, jobs: 4) { index in
            SimrunBinary.run(simrun, jobs[index / 2], environment: environments[index % 2].1)
        }
        for (index, arguments) in jobs.enumerated() {
            let (unset, set) = (outputs[2 * index], outputs[2 * index + 1])
            let command = "simrun " + arguments.joined(separator: " ")
            XCTAssertFalse(unset.stdout.isEmpty, "\(command) printed nothing; stderr: \(String(decoding: unset.stderr, as: UTF8.self))")
            XCTAssertTrue([0, 1, 2].contains(unset.status), "\(command) exited \(unset.status)")
            XCTAssertEqual(unset.status, set.status, "\(command): exit status")
            XCTAssertEqual(FNV1a.hash(bytes: unset.stdout), FNV1a.hash(bytes: set.stdout),
                           "\(command): output differs between \(environments[0].0) and \(environments[1].0)")
            XCTAssertEqual(unset.stderr, set.stderr, "\(command): stderr differs")
            if arguments.contains("json") {
                XCTAssertNoThrow(try JSONParser.parse(unset.stdout), "\(command): not JSON")
            }
        }
    }

    func testAProcessGivesTheSameBytesAsTheLibrary() throws {
        let simrun = try SimrunBinary.locate()
        let path = "Scenarios/lab4-failover-stop.json"
        let output = SimrunBinary.run(simrun, ["run", path, "--format", "json"], environment: ProcessInfo.processInfo.environment)
        let scenario = try ScenarioLoader.load(path: ShippedScenarios.packageRoot.appendingPathComponent(path).path)
        var relative = scenario
        relative.source = path
        XCTAssertEqual(String(decoding: output.stdout, as: UTF8.self), JSONReport.render(ScenarioRunner.run(relative)))
    }
}

/// Sweeps and explorations spread runs over threads; their records must not depend on how many.
final class DeterminismAcrossThreadCountsTests: XCTestCase {
    func testASweepGivesTheSameRecordsOnOneTwoAndEightThreads() throws {
        let document = try ShippedScenarios.document("lab4-split-brain-partition.json")
        let sweep = try Sweep.prepare(document: document, source: "lab4-split-brain-partition.json", sets: ["duration=130s"],
                                      grid: SweepGrid.parse(["patroni.loop_wait=2,10", "faults[0].within=1s,10s"]),
                                      seeds: SweepSeeds(first: 11, count: 2))
        let one = sweep.run(threads: 1)
        XCTAssertEqual(one.count, 8)
        XCTAssertEqual(sweep.run(threads: 2), one)
        let eight = sweep.run(threads: 8)
        XCTAssertEqual(eight, one)
        XCTAssertEqual(SweepTable.render(SweepSummary(plan: sweep.plan, records: eight), format: .json),
                       SweepTable.render(SweepSummary(plan: sweep.plan, records: one), format: .json))
    }

    func testAnExplorationGivesTheSameRecordsOnOneTwoAndFiveThreads() throws {
        let document = try ShippedScenarios.document("lab4-failover-crash.json")
        let exploration = try Exploration(base: document, source: "lab4-failover-crash.json", kinds: FaultKind.allCases,
                                          length: .seconds(60), maxFaults: 3)
        let seeds: [UInt64] = [3, 1, 4, 15]
        let one = exploration.explore(seeds: seeds, jobs: 1)
        XCTAssertEqual(one.map(\.seed), seeds)
        XCTAssertEqual(exploration.explore(seeds: seeds, jobs: 2), one)
        XCTAssertEqual(exploration.explore(seeds: seeds, jobs: 5), one)
    }
}

/// Finds and runs the `simrun` executable that `swift build` and `swift test` put next to
/// the test bundle.
enum SimrunBinary {
    /// What a finished process printed and how it exited.
    struct Output: Sendable {
        var stdout: [UInt8]
        var stderr: [UInt8]
        var status: Int32
    }

    /// The built `simrun`: `CLUSTERSIM_SIMRUN` if set, else the one beside the test bundle,
    /// else `.build/debug` or `.build/release` of the package. Skips the test when there is
    /// none: this test builds nothing (`swift build` first).
    static func locate() throws -> URL {
        var candidates: [URL] = []
        if let given = ProcessInfo.processInfo.environment["CLUSTERSIM_SIMRUN"] {
            candidates.append(URL(fileURLWithPath: given))
        }
        candidates.append(Bundle(for: DeterminismProcessTests.self).bundleURL.deletingLastPathComponent().appendingPathComponent("simrun"))
        #if DEBUG
        let configurations = ["debug", "release"]
        #else
        let configurations = ["release", "debug"]
        #endif
        for configuration in configurations {
            candidates.append(ShippedScenarios.packageRoot.appendingPathComponent(".build/\(configuration)/simrun"))
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("no simrun executable (looked at \(candidates.map(\.path).joined(separator: ", "))); run `swift build` first")
        }
        return found
    }

    /// Runs `simrun arguments` in the package root with exactly `environment` and waits for it.
    static func run(_ simrun: URL, _ arguments: [String], environment: [String: String]) -> Output {
        let process = Process()
        process.executableURL = simrun
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = ShippedScenarios.packageRoot
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return Output(stdout: [], stderr: Array("cannot start \(simrun.path): \(error)".utf8), status: -1)
        }
        // Read both pipes while the process runs, so neither can fill up and block it.
        let errorBytes = ByteBox()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            errorBytes.bytes = [UInt8](stderr.fileHandleForReading.readDataToEndOfFile())
        }
        let outputBytes = [UInt8](stdout.fileHandleForReading.readDataToEndOfFile())
        group.wait()
        process.waitUntilExit()
        return Output(stdout: outputBytes, stderr: errorBytes.bytes, status: process.terminationStatus)
    }

    /// Bytes handed from the reading thread to the waiting one (the group's wait orders them).
    private final class ByteBox: @unchecked Sendable {
        var bytes: [UInt8] = []
    }
}
