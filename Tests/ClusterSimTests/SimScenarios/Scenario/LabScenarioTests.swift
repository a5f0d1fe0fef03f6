import Foundation
import XCTest
@testable import ClusterSim
@testable import SimScenarios

/// Every shipped scenario decodes and passes `simrun check` (its `expect` block holds, and
/// it breaks no invariant it does not anticipate), for a few seeds.
final class LabScenarioTests: XCTestCase {
    static var scenarioDirectory: String { ShippedScenarios.directory.path }

    /// The shipped scenario files, relative to `Scenarios/`: the lab and teaching cases,
    /// then Patroni's acceptance scenarios under `patroni-features/`.
    static var scenarioFiles: [String] {
        jsonFiles(in: "") + jsonFiles(in: "patroni-features/")
    }

    /// The `.json` files of `Scenarios/<folder>`, sorted, each prefixed with `folder`.
    private static func jsonFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: scenarioDirectory + "/" + folder)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { folder + $0 }
    }

    func testTheScenarioDirectoryHoldsTheLabAndTheTeachingCases() {
        for required in ["lab4-bootstrap.json", "lab4-failover-stop.json", "lab4-failover-crash.json", "lab4-rejoin.json",
                         "lab4-split-brain-partition.json", "lab4-no-fencing.json", "lab3-manual-failover.json"] {
            XCTAssertTrue(Self.scenarioFiles.contains(required), required)
        }
        XCTAssertTrue(Self.scenarioFiles.contains { $0.hasPrefix("patroni-features/") }, "Patroni's acceptance scenarios")
    }

    func testEveryShippedScenarioPassesItsCheck() throws {
        for file in Self.scenarioFiles {
            let scenario = try ScenarioLoader.load(path: Self.scenarioDirectory + "/" + file)
            for seed in UInt64(1)...2 {
                let summary = ScenarioRunner.run(scenario, seed: seed)
                for result in summary.expectations where !result.held {
                    XCTFail("\(file) seed \(seed): \(result.check) expected \(result.expected), got \(result.actual); \(summary.reproduceCommand)")
                }
                XCTAssertEqual(summary.checkVerdict, .ok, "\(file) seed \(seed): \(summary.report.violations); \(summary.reproduceCommand)")
            }
        }
    }

    func testTeachingScenariosThatShowASplitBrainReallyShowOne() throws {
        for file in ["lab4-no-fencing.json", "fencing-kill-patroni.json", "fencing-freeze-long.json",
                     "fencing-clock-step-long.json", "timers-unsafe-as-given.json"] {
            let summary = ScenarioRunner.run(try ScenarioLoader.load(path: Self.scenarioDirectory + "/" + file))
            XCTAssertTrue(summary.report.violations.contains { $0.invariant == .singleWritablePrimary }, file)
            XCTAssertEqual(summary.exitCode, 1, file)
        }
    }
}
