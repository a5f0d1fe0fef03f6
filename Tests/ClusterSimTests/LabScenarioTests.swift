import XCTest
@testable import ClusterSim
@testable import SimScenarios

/// Every shipped scenario decodes and its `expect` block holds, for a few seeds.
final class LabScenarioTests: XCTestCase {
    static var scenarioDirectory: String {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/") + "/Scenarios"
    }

    private func check(_ file: String, seeds: ClosedRange<UInt64> = 1...3) throws {
        let scenario = try ScenarioLoader.load(path: Self.scenarioDirectory + "/" + file)
        for seed in seeds {
            let summary = ScenarioRunner.run(scenario, seed: seed)
            for result in summary.expectations where !result.held {
                XCTFail("\(file) seed \(seed): \(result.check) expected \(result.expected), got \(result.actual); \(summary.reproduceCommand)")
            }
            XCTAssertTrue(summary.report.violations.isEmpty, "\(file) seed \(seed): \(summary.report.violations)")
        }
    }

    func testLabBootstrapHolds() throws { try check("lab4-bootstrap.json") }
    func testLabFailoverStopHolds() throws { try check("lab4-failover-stop.json") }
    func testLabFailoverCrashHolds() throws { try check("lab4-failover-crash.json") }
    func testLabRejoinHolds() throws { try check("lab4-rejoin.json") }
    func testLabSplitBrainPartitionHolds() throws { try check("lab4-split-brain-partition.json") }
}
