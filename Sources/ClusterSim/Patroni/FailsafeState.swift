/// One Patroni process's part in failsafe mode (`ha.py::Failsafe`, PATRONI.md §5.1): on a
/// replica, the leader whose `POST /failsafe` arrived last and when; on the primary, its
/// round of POSTs in flight.
struct FailsafeState {
    /// The leader that last called `POST /failsafe` here, if any.
    private(set) var lastLeader: NodeID?
    /// When that call arrived, on this node's wall clock (Patroni's `time.time()`).
    private(set) var updatedAt: SimInstant?
    /// The primary's `POST /failsafe` calls in flight, while the DCS is unreachable.
    var round: FailsafeRound?

    /// Records a `POST /failsafe` from `leader` accepted at wall-clock time `wallNow`.
    mutating func accept(from leader: NodeID, at wallNow: SimInstant) {
        lastLeader = leader
        updatedAt = wallNow
    }

    /// Forgets the cached leader (`set_is_active(0)`, when this node starts a promotion).
    mutating func forgetLeader() {
        lastLeader = nil
        updatedAt = nil
    }

    /// The cached leader while its POST is younger than `ttl` (`Failsafe.leader`), else nil.
    func leader(at wallNow: SimInstant, ttl: SimDuration) -> NodeID? {
        guard let updatedAt, updatedAt + ttl > wallNow else { return nil }
        return lastLeader
    }
}

/// The primary's parallel `POST /failsafe` to every other member listed in `/failsafe`
/// (`Ha.check_failsafe_topology`): each call has a 2 s timeout and one retry.
struct FailsafeRound {
    /// Identifies the round, so that late answers to an earlier one are ignored.
    var id: UInt64
    /// The members called, in the order `/failsafe` lists them.
    var targets: [NodeID]
    /// The final answer of each call, by position in `targets` (nil: still waiting).
    var answers: [FailsafeAnswer?]
    /// The attempt in flight for each target (1, then 2 for the retry).
    var attempts: [UInt64]

    /// A round calling `targets`, first attempts in flight.
    init(id: UInt64, targets: [NodeID]) {
        self.id = id
        self.targets = targets
        answers = Array(repeating: nil, count: targets.count)
        attempts = Array(repeating: 1, count: targets.count)
    }

    /// Whether every call has its final answer.
    var isComplete: Bool { answers.allSatisfy { $0 != nil } }

    /// Whether every member accepted (the primary may stay primary this cycle).
    var allAccepted: Bool { answers.allSatisfy { $0 == .accepted } }
}

/// How one member answered `POST /failsafe`.
enum FailsafeAnswer: Equatable {
    /// 200 "Accepted": it caches the leader for `ttl`.
    case accepted
    /// 500 "Running as a leader": it runs as a primary itself.
    case runningAsLeader
    /// No answer within the timeout, or the connection was refused, twice.
    case unreachable
}
