import ClusterSim

/// A finished run as the renderers see it: the simulator's report, the scenario's
/// checked expectations and the command that replays the run.
///
/// The verdict lives here, not in a renderer, so the text report, the JSON report and
/// the process exit code can never disagree about whether a run failed.
public struct RunSummary: Sendable, Equatable {
    /// What the simulator produced.
    public var report: Report
    /// The scenario's `expect` block, checked against `report`, in the scenario's order.
    public var expectations: [ExpectationResult]
    /// The exact command line that reproduces this run (`simrun run ... --seed 42`).
    public var reproduceCommand: String

    /// Creates a summary.
    public init(report: Report, expectations: [ExpectationResult], reproduceCommand: String) {
        self.report = report
        self.expectations = expectations
        self.reproduceCommand = reproduceCommand
    }

    /// The expectations that did not hold, in the scenario's order.
    public var failedExpectations: [ExpectationResult] {
        expectations.filter { !$0.held }
    }

    /// Whether the run broke a safety invariant or missed an expectation.
    ///
    /// Reaching a run limit is reported in the outcome but is not by itself a failure.
    public var safetyFailed: Bool {
        !report.violations.isEmpty || expectations.contains { !$0.held }
    }

    /// The process exit code for this run: 0 when it passed, 1 when `safetyFailed`.
    public var exitCode: Int32 {
        safetyFailed ? 1 : 0
    }

    /// Why the run failed, one short phrase per kind of failure, empty when it passed.
    ///
    /// For example `["2 violations: single-writable-primary, lost-acked-write",
    /// "1 failed expectation: writes.lost"]`. Invariant names appear once each, in the
    /// order they were first broken.
    public var failureReasons: [String] {
        var reasons: [String] = []
        let violations = report.violations
        if !violations.isEmpty {
            var names: [String] = []
            for violation in violations where !names.contains(violation.invariant) {
                names.append(violation.invariant)
            }
            let noun = violations.count == 1 ? "violation" : "violations"
            reasons.append("\(violations.count) \(noun): " + names.joined(separator: ", "))
        }
        let failed = failedExpectations
        if !failed.isEmpty {
            let noun = failed.count == 1 ? "failed expectation" : "failed expectations"
            reasons.append("\(failed.count) \(noun): " + failed.map(\.check).joined(separator: ", "))
        }
        return reasons
    }
}
