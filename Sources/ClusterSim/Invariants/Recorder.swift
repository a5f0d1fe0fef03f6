/// What the run looks like from outside: the timeline of notable events, the failover
/// phases, the history for pictures, and the safety and liveness checkers.
///
/// Processes tell it what happened; it never changes a process's state, and nothing in it
/// feeds back into the model's decisions.
struct Recorder {
    /// Notable events in time order.
    private(set) var timeline: [TimelineEntry] = []
    /// The run over time, when recorded.
    var history: RunHistory?
    /// The failovers and their phases.
    var failovers = FailoverTracker()
    /// `single-writable-primary`.
    var writablePrimary: WritablePrimaryChecker
    /// `fenced-primary`.
    var fencedPrimary: FencedPrimaryChecker
    /// `timeline-monotonic`.
    var timelineCheck: TimelineChecker
    /// `no-lost-acknowledged-writes`.
    var lostWrites: LostWriteChecker
    /// Convergence after the last fault.
    var liveness: LivenessChecker

    /// A recorder for `nodeCount` nodes with the checks of `checks`.
    init(nodeCount: Int, checks: CheckOptions, lossIsViolation: Bool, liveness: LivenessChecker, recordHistory: Bool) {
        writablePrimary = WritablePrimaryChecker(nodeCount: nodeCount)
        fencedPrimary = FencedPrimaryChecker(nodeCount: nodeCount, bound: checks.fencedPrimaryBound)
        timelineCheck = TimelineChecker(nodeCount: nodeCount)
        lostWrites = LostWriteChecker(lossIsViolation: lossIsViolation)
        self.liveness = liveness
        if recordHistory { history = RunHistory(nodeCount: nodeCount) }
    }

    /// Appends `entry` to the timeline.
    mutating func note(_ entry: TimelineEntry) {
        timeline.append(entry)
    }

    /// The last timeline entry on `host`, if any.
    func lastEntry(on host: String) -> TimelineEntry? {
        timeline.last { $0.host == host }
    }

    /// The last timeline entry of `kind` on `host`, if any.
    func lastEntry(on host: String, kind: String) -> TimelineEntry? {
        timeline.last { $0.host == host && $0.kind == kind }
    }
}
