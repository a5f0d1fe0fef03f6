/// Liveness: after the last fault, the cluster must converge (one leader, every member
/// with a running agent streaming from it on its timeline) by a deadline. It only observes.
struct LivenessChecker {
    let since: SimInstant
    let deadline: SimInstant
    private(set) var convergedAt: SimInstant?

    init(since: SimInstant, within bound: SimDuration) {
        self.since = since
        deadline = since + bound
    }

    /// Records the first instant at or after `since` when the cluster had converged.
    mutating func observe(converged: Bool, at now: SimInstant) {
        if convergedAt == nil, converged, now >= since { convergedAt = now }
    }

    /// The result at the end of the run, and the violation if it did not converge in time.
    func result(endedAt end: SimInstant) -> (LivenessResult, Violation?) {
        let result = LivenessResult(since: since, deadline: deadline, convergedAt: convergedAt,
                                    decided: convergedAt != nil || end >= deadline)
        guard result.decided, !result.held else { return (result, nil) }
        let detail = convergedAt.map { "the cluster converged only at \($0), after the deadline \(deadline)" }
            ?? "the cluster did not converge within \(deadline - since) after the last fault at \(since)"
        return (result, Violation(invariant: "liveness", at: deadline, until: convergedAt, nodes: [], detail: detail))
    }
}
