/// `fenced-primary`: a node accepts writes only while a live lease makes it the leader,
/// or, in failsafe mode, while every member confirmed it within `ttl`.
///
/// Each node is "covered" until the expiry of the lease bound to a leader key that names
/// it, or until `ttl` after a failsafe check in which every member listed in `/failsafe`
/// accepted its `POST /failsafe`, whichever is later. A zombie window runs from
/// `max(writable since, covered until)` while the node still accepts writes. Windows longer
/// than the bound are violations. Before the cluster's first leader key exists (bootstrap)
/// nothing is checked. It only observes.
struct FencedPrimaryChecker {
    private struct NodeState {
        var writableSince: SimInstant?
        var coveredUntil: SimInstant?
        /// Until when the last failsafe confirmation by every member covers the node.
        var failsafeUntil: SimInstant?
        var zombieSince: SimInstant?
        var writes = 0
        var checkScheduledAt: SimInstant?
    }

    private var nodes: [NodeState]
    private var initializedAt: SimInstant?
    private let bound: SimDuration
    private(set) var violations: [Violation] = []

    init(nodeCount: Int, bound: SimDuration) {
        nodes = Array(repeating: NodeState(), count: nodeCount)
        self.bound = bound
    }

    /// Whether `node` accepts writes now.
    mutating func setWritable(_ node: NodeID, _ writable: Bool, at now: SimInstant, name: String) -> SimInstant? {
        if writable, nodes[node].writableSince == nil { nodes[node].writableSince = now }
        if !writable { nodes[node].writableSince = nil }
        return evaluate(node, at: now, name: name)
    }

    /// The leader key names `node` and its lease expires at `until` (nil: not the holder).
    mutating func setCoverage(_ node: NodeID, until: SimInstant?, at now: SimInstant, name: String) -> SimInstant? {
        if until != nil, initializedAt == nil { initializedAt = now }
        if let until {
            nodes[node].coveredUntil = until
        } else if let covered = nodes[node].coveredUntil, covered > now {
            nodes[node].coveredUntil = now
        }
        return evaluate(node, at: now, name: name)
    }

    /// Every member listed in `/failsafe` accepted `node`'s `POST /failsafe`: it is covered
    /// until `until` (the check's end + `ttl`) whatever the leader key says. Returns nothing:
    /// a confirmation can only close a zombie window, never open one.
    mutating func confirmFailsafe(_ node: NodeID, until: SimInstant, at now: SimInstant, name: String) {
        nodes[node].failsafeUntil = max(until, nodes[node].failsafeUntil ?? until)
        _ = evaluate(node, at: now, name: name)
    }

    /// When `node`'s coverage runs out while it is writable, if that is in the future and
    /// not already asked for: the simulation re-evaluates then.
    mutating func pendingExpiry(_ node: NodeID, after now: SimInstant) -> SimInstant? {
        guard nodes[node].writableSince != nil, let until = coverageEnd(nodes[node]), until > now,
              nodes[node].checkScheduledAt != until else { return nil }
        nodes[node].checkScheduledAt = until
        return until
    }

    /// A node accepted a client write.
    mutating func writeAccepted(by node: NodeID) {
        if nodes[node].zombieSince != nil { nodes[node].writes += 1 }
    }

    /// Re-evaluates `node` at `now`; returns the start of a zombie window that opens now.
    mutating func evaluate(_ node: NodeID, at now: SimInstant, name: String) -> SimInstant? {
        guard let initialized = initializedAt else { return nil }
        var state = nodes[node]
        defer { nodes[node] = state }
        let uncoveredSince = coverageEnd(state) ?? initialized
        let zombie = state.writableSince != nil && uncoveredSince <= now
        if zombie, state.zombieSince == nil, let since = state.writableSince {
            state.zombieSince = max(since, uncoveredSince)
            state.writes = 0
            return state.zombieSince
        }
        if !zombie, let since = state.zombieSince {
            record(node, from: since, until: now, writes: state.writes, name: name)
            state.zombieSince = nil
        }
        return nil
    }

    /// The later of the lease coverage and the failsafe coverage, if any.
    private func coverageEnd(_ state: NodeState) -> SimInstant? {
        guard let failsafe = state.failsafeUntil else { return state.coveredUntil }
        return max(failsafe, state.coveredUntil ?? failsafe)
    }

    /// Closes windows still open at the end of the run.
    mutating func finish(at end: SimInstant, names: [String]) {
        for node in NodeID.all(nodes.count) {
            _ = evaluate(node, at: end, name: names[node])
            if let since = nodes[node].zombieSince {
                record(node, from: since, until: nil, writes: nodes[node].writes, name: names[node], end: end)
                nodes[node].zombieSince = nil
            }
        }
    }

    private mutating func record(_ node: NodeID, from: SimInstant, until: SimInstant?, writes: Int, name: String, end: SimInstant? = nil) {
        let length = (until ?? end ?? from) - from
        guard length > bound else { return }
        violations.append(Violation(
            invariant: .fencedPrimary, at: from, until: until, nodes: [name],
            detail: "\(name) accepted writes for \(length) without a live leader lease (\(writes) writes accepted)"
                + (until == nil ? ", still at the end of the run" : "")))
    }
}
