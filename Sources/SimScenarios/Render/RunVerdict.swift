/// The verdict of one run, from the worst thing that went wrong.
///
/// A safety violation or a missed expectation outranks a liveness failure: a cluster that
/// both split its brain and never converged is reported as `failed`.
public enum RunVerdict: String, Sendable, Equatable, CaseIterable {
    /// No violation and every expectation held.
    case ok
    /// A safety invariant was broken or an expectation failed (exit status 1).
    case failed
    /// The only failure is a `liveness` violation: the cluster did not converge within its
    /// bound after the last fault (exit status 2).
    case livenessFailed = "liveness-failed"

    /// The process exit status for a run with this verdict: 0, 1 or 2.
    public var exitCode: Int32 {
        switch self {
        case .ok: return 0
        case .failed: return 1
        case .livenessFailed: return 2
        }
    }
}
