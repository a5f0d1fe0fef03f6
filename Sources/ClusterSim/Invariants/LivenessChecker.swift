/// Liveness: after the last fault the cluster must be converged (one leader, every member
/// with a running agent streaming from it on its timeline) at the deadline, in a stretch
/// of convergence that began at or before it. It only observes.
///
/// Judging the state at the deadline, not the first converged instant, matters when the
/// last fault is a partition that never heals: the cluster looks converged at the very
/// instant of the fault, before anyone noticed it.
struct LivenessChecker {
    let since: SimInstant
    let deadline: SimInstant
    /// Since when the cluster has been converged without interruption, if it is now.
    private var convergedSince: SimInstant?
    /// The converged stretch at the deadline: nil until the deadline, then `.some(start or nil)`.
    private var atDeadline: SimInstant??
    /// The first convergence after a deadline that found the cluster not converged.
    private var lateConvergence: SimInstant?

    init(since: SimInstant, within bound: SimDuration) {
        self.since = since
        deadline = since + bound
    }

    /// Records whether the cluster is converged at `now`.
    mutating func observe(converged: Bool, at now: SimInstant) {
        if converged {
            if convergedSince == nil { convergedSince = now }
            if case .some(nil) = atDeadline, lateConvergence == nil { lateConvergence = now }
        } else {
            convergedSince = nil
        }
    }

    /// The deadline has come (call after the last `observe` at that instant).
    mutating func reachDeadline() {
        guard atDeadline == nil else { return }
        atDeadline = .some(convergedSince.map { max($0, since) })
    }

    /// The result at the end of the run, and the violation if it had not converged by the deadline.
    func result(endedAt end: SimInstant) -> (LivenessResult, Violation?) {
        guard case .some(let stretch) = atDeadline else {
            let converging = convergedSince.map { max($0, since) }
            return (LivenessResult(since: since, deadline: deadline, convergedAt: converging, decided: false), nil)
        }
        if let stretch {
            return (LivenessResult(since: since, deadline: deadline, convergedAt: stretch, decided: true), nil)
        }
        let result = LivenessResult(since: since, deadline: deadline, convergedAt: lateConvergence, decided: true)
        let detail = lateConvergence.map { "the cluster converged only at \($0), after the deadline \(deadline)" }
            ?? "the cluster did not converge within \(deadline - since) after the last fault at \(since)"
        return (result, Violation(invariant: .liveness, at: deadline, until: lateConvergence, nodes: [], detail: detail))
    }
}
