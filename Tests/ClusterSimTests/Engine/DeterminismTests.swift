import XCTest
@testable import ClusterSim
@testable import SimScenarios

/// Same options and seed, same bytes.
final class DeterminismTests: XCTestCase {
    private func json(_ options: ClusterOptions) -> String {
        let report = Simulation(options: options).run()
        return JSONReport.render(RunSummary(report: report, expectations: [], reproduceCommand: "-"))
    }

    func testTheSameSeedGivesTheSameReportBytes() {
        var options = ClusterOptions()
        options.duration = .seconds(150)
        options.faults = [Fault(at: .zero + .seconds(60), within: .seconds(10), action: .kill(.leader)),
                          Fault(at: .zero + .seconds(100), action: .start(.node(1, name: "patroni2")))]
        XCTAssertEqual(json(options), json(options))
    }

    func testDifferentSeedsDrawDifferentFaultInstants() {
        var options = ClusterOptions()
        options.duration = .seconds(100)
        options.faults = [Fault(at: .zero + .seconds(60), within: .seconds(10), action: .kill(.leader))]
        let first = Simulation(options: options).run().firstFaultAt
        options.seed = 2
        let second = Simulation(options: options).run().firstFaultAt
        XCTAssertNotEqual(first, second)
    }

    func testRunningInStepsGivesTheSameReportAsOneRun() {
        var options = ClusterOptions()
        options.duration = .seconds(120)
        options.faults = [Fault(at: .zero + .seconds(60), action: .stop(.leader))]
        let whole = Simulation(options: options).run()
        let stepped = Simulation(options: options)
        for second in stride(from: Int64(5), through: 120, by: 5) { stepped.run(until: .zero + .seconds(second)) }
        XCTAssertEqual(stepped.finish(), whole)
    }
}
