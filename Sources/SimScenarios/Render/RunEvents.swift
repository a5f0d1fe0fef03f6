import ClusterSim

/// One event of a run, as `simrun run --format json --events` lists it.
public struct RunEvent: Sendable, Equatable {
    /// When it happened.
    public var at: SimInstant
    /// The node or host concerned, or nil for the cluster as a whole.
    public var node: String?
    /// A stable kind: a timeline kind (`lock-acquired`, `fault`...) or, from the run's
    /// history, `state`, `leader-key` or `lease-renewed`.
    public var kind: String
    /// The details, in a sentence.
    public var detail: String
}

/// Every event of a run in time order: the timeline's entries merged with the state
/// changes, leader key changes and lease renewals of its ``RunHistory``.
///
/// The timeline keeps only what Patroni would log; the history adds what a picture draws,
/// so a consumer of `events[]` can redraw the timeline picture itself.
public enum RunEvents {
    /// The events of `report`, sorted by time; events at one instant come timeline first
    /// (in its order), then leader key changes, lease renewals and node states (in node order).
    ///
    /// Nodes are named after the final snapshot's rows, which are in node order.
    ///
    /// Complexity: O(n log n) in the number of events.
    public static func all(_ report: Report) -> [RunEvent] {
        let nodes = report.final.members.map(\.name)
        var ranked: [(at: SimInstant, rank: Int, sequence: Int, event: RunEvent)] = []
        func add(_ event: RunEvent, rank: Int) {
            ranked.append((event.at, rank, ranked.count, event))
        }
        for entry in report.timeline {
            add(RunEvent(at: entry.at, node: entry.host, kind: entry.kind.rawValue, detail: entry.message), rank: 0)
        }
        if let history = report.history {
            for change in history.leaderKey {
                let detail = change.holder.map { "\($0) holds the leader key" } ?? "no one holds the leader key"
                add(RunEvent(at: change.at, node: change.holder, kind: "leader-key", detail: detail), rank: 1)
            }
            for renewal in history.leaseRenewals {
                add(RunEvent(at: renewal.at, node: renewal.holder, kind: "lease-renewed",
                             detail: "leader lease of \(renewal.holder) lives until \(renewal.expiresAt)"), rank: 2)
            }
            for (index, changes) in history.nodeStates.enumerated() {
                let node = index < nodes.count ? nodes[index] : "node\(index + 1)"
                for change in changes {
                    let detail = change.state + (change.timeline.map { " on timeline \($0)" } ?? "")
                    add(RunEvent(at: change.at, node: node, kind: "state", detail: detail), rank: 3 + index)
                }
            }
        }
        ranked.sort { ($0.at, $0.rank, $0.sequence) < ($1.at, $1.rank, $1.sequence) }
        return ranked.map(\.event)
    }
}
