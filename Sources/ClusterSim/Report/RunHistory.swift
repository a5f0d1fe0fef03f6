/// What a run looked like over time, for pictures and traces: each node's state, who held
/// the leader key and when its lease was renewed, fault windows, replication lag samples
/// and client write outcomes per second. Recorded only when `ClusterOptions.recordHistory`
/// is set; its size grows with state changes and run length, never with the write count.
public struct RunHistory: Sendable, Equatable {
    /// The state of one node from an instant on (until the next segment or the end).
    public struct StateChange: Sendable, Equatable {
        /// When the node entered the state.
        public var at: SimInstant
        /// `primary`, `replica`, `promoting`, `demoting`, `starting`, `stopping`, `stopped`,
        /// `crashed`, `frozen`, `rewinding`, `creating replica` or `initializing`.
        public var state: String
        /// The PostgreSQL timeline then, if it runs.
        public var timeline: Int?
    }

    /// The leader key from an instant on.
    public struct LeaderChange: Sendable, Equatable {
        /// When the key changed.
        public var at: SimInstant
        /// The holder, or nil when the key is gone.
        public var holder: String?
    }

    /// A renewal of the leader's lease: from `at`, the key lives until `expiresAt`.
    public struct LeaseRenewal: Sendable, Equatable {
        /// When etcd renewed (or granted) it.
        public var at: SimInstant
        /// The holder.
        public var holder: String
        /// When it expires unless renewed again.
        public var expiresAt: SimInstant
    }

    /// A fault, as a window (partitions, freezes) or an instant (`until == at`).
    public struct FaultWindow: Sendable, Equatable {
        /// The fault's label, e.g. `partition patroni2 from etcd (outbound)`.
        public var label: String
        /// The node it hit.
        public var node: String?
        /// When it began.
        public var at: SimInstant
        /// When it ended (healed or thawed), or nil if it lasted to the end.
        public var until: SimInstant?
    }

    /// Replication lag of one node behind the primary at one instant.
    public struct LagSample: Sendable, Equatable {
        /// When sampled.
        public var at: SimInstant
        /// The lag in bytes (0 for the primary itself).
        public var bytes: Int64
    }

    /// Client writes that ended within one second.
    public struct WriteBucket: Sendable, Equatable {
        /// The second since the start of the run.
        public var second: Int64
        /// Acknowledged writes.
        public var acked: Int
        /// Failed writes.
        public var failed: Int
    }

    /// Per node (in node order), its state changes.
    public var nodeStates: [[StateChange]]
    /// The leader key's holders over time.
    public var leaderKey: [LeaderChange] = []
    /// Every lease renewal of the leader key's holder.
    public var leaseRenewals: [LeaseRenewal] = []
    /// Fault windows and instants.
    public var faults: [FaultWindow] = []
    /// Per node, lag samples once a second while a primary exists.
    public var lag: [[LagSample]]
    /// Client writes per second (seconds with no write ending are absent).
    public var writes: [WriteBucket] = []

    /// An empty history for `nodeCount` nodes.
    public init(nodeCount: Int) {
        nodeStates = Array(repeating: [], count: nodeCount)
        lag = Array(repeating: [], count: nodeCount)
    }

    /// Records `state` for `node` at `at` unless it is already its state.
    mutating func record(node: Int, state: String, timeline: Int?, at: SimInstant) {
        if let last = nodeStates[node].last, last.state == state, last.timeline == timeline { return }
        nodeStates[node].append(StateChange(at: at, state: state, timeline: timeline))
    }

    /// Records the leader key's holder unless unchanged.
    mutating func record(holder: String?, at: SimInstant) {
        if let last = leaderKey.last, last.holder == holder { return }
        leaderKey.append(LeaderChange(at: at, holder: holder))
    }

    /// Records a lease renewal unless the expiry is unchanged.
    mutating func record(renewal: LeaseRenewal) {
        if let last = leaseRenewals.last, last.holder == renewal.holder, last.expiresAt == renewal.expiresAt { return }
        leaseRenewals.append(renewal)
    }

    /// Counts a write that ended at `at`.
    mutating func recordWrite(acked: Bool, at: SimInstant) {
        let second = at.microseconds / 1_000_000
        if writes.last?.second != second { writes.append(WriteBucket(second: second, acked: 0, failed: 0)) }
        if acked { writes[writes.count - 1].acked += 1 } else { writes[writes.count - 1].failed += 1 }
    }
}
