/// Parallel `GET /patroni` probes of other members (`Ha.fetch_nodes_statuses`): each
/// answers, is refused, or times out after 2 s; what waits for them goes on once all ended.
struct ProbeRound {
    /// Identifies the round, so that late answers to an earlier one are ignored.
    var id: UInt64
    /// What the answers are for.
    var purpose: ProbePurpose
    /// The nodes probed, in node order.
    var targets: [NodeID]
    /// The answers so far, by position in `targets` (nil: not answered yet).
    var answers: [ProbeAnswer?]

    /// Whether every probe has ended.
    var isComplete: Bool { answers.allSatisfy { $0 != nil } }

    /// The answers with their members, in node order.
    var results: [(member: NodeID, answer: ProbeAnswer)] {
        zip(targets, answers).map { ($0, $1 ?? .unreachable) }
    }
}

/// What a round of probes is for.
enum ProbePurpose: Equatable {
    /// The leader race: is this node the healthiest (`_is_healthiest_node`)?
    case race
    /// `is_failover_possible` for the HA loop's step `check`.
    case failoverPossible(FailoverCheck, FailoverRequest?, excludingCandidate: Bool)
    /// The candidate of a pending manual failover (`manual_failover_process_no_leader`).
    case candidate(FailoverRequest)
    /// The REST API's check of a `POST /switchover` or `POST /failover`.
    case restRequest(PendingRestRequest)
}

/// The step of the HA loop that waits for `is_failover_possible`.
enum FailoverCheck: Equatable {
    /// The leader handles a switchover or failover request addressed to it.
    case leaderRequest
    /// A crashed primary with `primary_start_timeout: 0` fails over at once if it can.
    case crashedPrimary
    /// A primary's restart outlasted `primary_start_timeout`.
    case startTimeout
    /// The former leader named in a pending request decides whether to step aside.
    case formerLeader
}

/// A `POST /switchover` or `POST /failover` whose handler waits for member statuses.
struct PendingRestRequest: Equatable {
    /// The endpoint.
    var kind: ManualFailoverKind
    /// The leader the request names (a switchover), as the handler's cache had it.
    var leader: String?
    /// The candidate, if one was named.
    var candidate: NodeID?
    /// When a scheduled switchover should happen.
    var scheduledAt: SimInstant?
}

/// What a member's `GET /patroni` told the prober.
enum ProbeAnswer: Equatable {
    /// No answer within 2 s, refused, or PostgreSQL not running: ignored by the race.
    case unreachable
    /// PostgreSQL runs as primary.
    case primary
    /// A replica at `wal` on `timeline`, with its `failover_priority` and `nofailover` tags.
    case replica(wal: Int64, timeline: Int32, priority: Int32, nofailover: Bool)
}
