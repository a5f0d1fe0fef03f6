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
    /// What each node last reported of itself, by `NodeID`.
    private(set) var nodes: [NodeFacts]
    /// The node names, by `NodeID`.
    let nodeNames: [String]
    /// Whether Patroni runs the cluster (the leader key then decides who leads).
    let patroniManaged: Bool
    /// The cluster's system identifier, once `initdb` made one.
    var systemIdentifier: String?
    /// The node the leader key names, as etcd last reported it.
    private(set) var leaderKeyHolder: NodeID?

    /// A recorder for the nodes `nodeNames` with the checks of `checks`.
    init(nodeNames: [String], patroniManaged: Bool, checks: CheckOptions, lossIsViolation: Bool, walBytesPerWrite: Int64,
         liveness: LivenessChecker, recordHistory: Bool) {
        let nodeCount = nodeNames.count
        self.nodeNames = nodeNames
        self.patroniManaged = patroniManaged
        nodes = Array(repeating: NodeFacts(), count: nodeCount)
        writablePrimary = WritablePrimaryChecker(nodeCount: nodeCount)
        fencedPrimary = FencedPrimaryChecker(nodeCount: nodeCount, bound: checks.fencedPrimaryBound)
        timelineCheck = TimelineChecker(nodeCount: nodeCount)
        lostWrites = LostWriteChecker(lossIsViolation: lossIsViolation, spacing: walBytesPerWrite)
        self.liveness = liveness
        if recordHistory { history = RunHistory(nodeCount: nodeCount) }
    }

    /// Takes what node `node` reports of itself now.
    mutating func report(_ facts: NodeFacts, of node: NodeID) {
        nodes[node] = facts
    }

    /// What `node` last reported of itself.
    func facts(of node: NodeID) -> NodeFacts { nodes[node] }

    /// Takes the leader key's holder as etcd reports it now.
    mutating func report(leaderKeyHolder holder: NodeID?) {
        leaderKeyHolder = holder
    }

    /// Whether the cluster has converged: a leader accepting writes, and every other node
    /// with data and a running agent streaming from it on its branch.
    var isConverged: Bool {
        guard let leader = convergenceLeader, nodes[leader].acceptsWrites else { return false }
        return everyMemberFollows(leader)
    }

    /// The leader the cluster converges on: the leader key's holder under Patroni, else the
    /// only node accepting writes.
    private var convergenceLeader: NodeID? {
        if patroniManaged { return leaderKeyHolder }
        let writers = nodes.indices.filter { nodes[$0].acceptsWrites }
        return writers.count == 1 ? NodeID(writers[0]) : nil
    }

    /// Whether every other node with data and a running agent streams from `leader` on its branch.
    func everyMemberFollows(_ leader: NodeID) -> Bool {
        let branch = nodes[leader].branch
        return nodes.indices.allSatisfy { index in
            let node = NodeID(index)
            return node == leader || !nodes[node].agentRuns || !nodes[node].hasData
                || (nodes[node].running && nodes[node].streamingFrom == leader && nodes[node].branch == branch)
        }
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
    func lastEntry(on host: String, kind: TimelineKind) -> TimelineEntry? {
        timeline.last { $0.host == host && $0.kind == kind }
    }
}
