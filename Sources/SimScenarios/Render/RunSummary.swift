import ClusterSim

/// A finished run as the renderers see it: the simulator's report, the scenario's
/// checked expectations and the command that replays the run.
///
/// The verdict lives here, not in a renderer, so the text report, the JSON report, the
/// comparison table and the process exit code can never disagree about whether a run failed.
public struct RunSummary: Sendable, Equatable {
    /// What the simulator produced.
    public var report: Report
    /// The scenario's `expect` block, checked against `report`, in the scenario's order.
    public var expectations: [ExpectationResult]
    /// The exact command line that reproduces this run (`simrun run ... --seed 42`).
    public var reproduceCommand: String
    /// Whether the scenario's `expect` block anticipates violations (a teaching scenario
    /// that shows a split-brain or a loss), so that `simrun check` judges it by its
    /// expectations alone.
    public var violationsAnticipated: Bool

    /// Creates a summary.
    public init(report: Report, expectations: [ExpectationResult], reproduceCommand: String, violationsAnticipated: Bool = false) {
        self.report = report
        self.expectations = expectations
        self.reproduceCommand = reproduceCommand
        self.violationsAnticipated = violationsAnticipated
    }

    /// The expectations that did not hold, in the scenario's order.
    public var failedExpectations: [ExpectationResult] {
        expectations.filter { !$0.held }
    }

    /// The violations of safety invariants (every invariant but `liveness`), in the order found.
    public var safetyViolations: [Violation] {
        report.violations.filter { $0.invariant != .liveness }
    }

    /// The `liveness` violations (at most one per run in practice).
    public var livenessViolations: [Violation] {
        report.violations.filter { $0.invariant == .liveness }
    }

    /// Whether the run broke a safety invariant or missed an expectation.
    ///
    /// A liveness failure alone does not count (see ``livenessFailed``). Reaching a run
    /// limit is reported in the outcome but is not by itself a failure.
    public var safetyFailed: Bool {
        !safetyViolations.isEmpty || expectations.contains { !$0.held }
    }

    /// Whether the run has a `liveness` violation: no convergence within the bound.
    public var livenessFailed: Bool {
        report.violations.contains { $0.invariant == .liveness }
    }

    /// The verdict: `failed` when `safetyFailed`, else `liveness-failed` when
    /// `livenessFailed`, else `ok`.
    public var verdict: RunVerdict {
        if safetyFailed { return .failed }
        if livenessFailed { return .livenessFailed }
        return .ok
    }

    /// The verdict of `simrun check`: like `verdict`, except that violations the scenario
    /// anticipates do not fail it when every expectation held.
    public var checkVerdict: RunVerdict {
        if violationsAnticipated && failedExpectations.isEmpty { return .ok }
        return verdict
    }

    /// The process exit code for this run: 0 when it passed, 1 for a safety violation or a
    /// failed expectation, 2 when the only failure is a liveness violation.
    public var exitCode: Int32 {
        verdict.exitCode
    }

    /// Why the run failed, one short phrase per kind of failure, empty when it passed.
    ///
    /// For example `["2 violations: single-writable-primary, fenced-primary",
    /// "1 failed expectation: writes.lost",
    /// "liveness: no convergence within 90.0s after the last fault"]`. Safety invariant
    /// names appear once each, in the order they were first broken; the liveness phrase
    /// comes last.
    public var failureReasons: [String] {
        var reasons: [String] = []
        let violations = safetyViolations
        if !violations.isEmpty {
            var names: [String] = []
            for violation in violations where !names.contains(violation.invariant.rawValue) {
                names.append(violation.invariant.rawValue)
            }
            let noun = violations.count == 1 ? "violation" : "violations"
            reasons.append("\(violations.count) \(noun): " + names.joined(separator: ", "))
        }
        let failed = failedExpectations
        if !failed.isEmpty {
            let noun = failed.count == 1 ? "failed expectation" : "failed expectations"
            reasons.append("\(failed.count) \(noun): " + failed.map(\.check).joined(separator: ", "))
        }
        if livenessFailed {
            let liveness = report.liveness
            let origin = report.firstFaultAt == nil ? "the start of the run" : "the last fault"
            reasons.append("liveness: no convergence within \(liveness.deadline - liveness.since) after \(origin)")
        }
        return reasons
    }
}
