/// A fault or operator action injected at a point in virtual time.
public struct Fault: Sendable, Equatable {
    /// When it happens (the earliest instant, when `within` is not zero).
    public var at: SimInstant
    /// The fault fires at a uniformly random instant in `[at, at + within)`, drawn from the
    /// run's `faults` random stream: the moment a person stops a container is not aligned
    /// with Patroni's loop, and seeds explore that phase.
    public var within: SimDuration
    /// What happens.
    public var action: FaultAction

    /// Creates a fault.
    public init(at: SimInstant, within: SimDuration = .zero, action: FaultAction) {
        self.at = at
        self.within = within
        self.action = action
    }
}

/// What a fault does.
public enum FaultAction: Sendable, Equatable {
    /// A graceful stop, like `docker stop`: SIGTERM to Patroni, which stops PostgreSQL.
    case stop(FaultTarget)
    /// Patroni and PostgreSQL die at once, like `docker kill` (the host stays up, so
    /// connections to it are refused at once).
    case kill(FaultTarget)
    /// Starts Patroni (and through it PostgreSQL) on a stopped or killed node.
    case start(FaultTarget)
    /// Only Patroni dies (SIGKILL); PostgreSQL keeps running, as primary if it was.
    case killPatroni(FaultTarget)
    /// Only the postmaster dies (`pg_ctl stop -m immediate`); Patroni notices in its next cycle.
    case killPostgres(FaultTarget)
    /// Patroni is paused for a while (SIGSTOP, a long GC or VM pause); PostgreSQL keeps running.
    case freeze(FaultTarget, for: SimDuration)
    /// The node's wall clock jumps by `by` (negative: backwards). Patroni schedules with it;
    /// etcd's lease clock is not affected.
    case clockStep(FaultTarget, by: SimDuration)
    /// Drops traffic between the target and a set of hosts.
    case partition(Partition)
    /// Removes link rules: those involving `target`, or all of them when `nil`.
    case heal(FaultTarget?)

    /// A short label such as `stop leader`, for timelines and reports.
    public var label: String {
        switch self {
        case .stop(let t): return "stop \(t.label)"
        case .kill(let t): return "kill \(t.label)"
        case .start(let t): return "start \(t.label)"
        case .killPatroni(let t): return "kill-patroni \(t.label)"
        case .killPostgres(let t): return "kill-postgres \(t.label)"
        case let .freeze(t, duration): return "freeze \(t.label) for \(duration)"
        case let .clockStep(t, by): return "clock-step \(t.label) by \(by)"
        case .partition(let p): return "partition \(p.target.label) from \(p.peers.map(\.label).joined(separator: ",")) (\(p.direction.rawValue))"
        case .heal(let t): return t.map { "heal \($0.label)" } ?? "heal all"
        }
    }
}

/// The node or etcd member a fault acts on: by index, or by role resolved when the fault fires.
public enum FaultTarget: Sendable, Equatable {
    /// The node at this index of the cluster's node list.
    case node(Int, name: String)
    /// The node holding the leader key when the fault fires.
    case leader
    /// The first node, in node order, that runs as a replica when the fault fires.
    case replica
    /// The node or etcd member the previous fault acted on (to restart the node a fault stopped, whoever it was).
    case previous
    /// The etcd member at this index (`etcd`, or `etcd1`... with several members).
    case etcdMember(Int, name: String)
    /// The etcd member that is raft leader when the fault fires.
    case etcdLeader

    /// The name or role as written in a scenario.
    public var label: String {
        switch self {
        case .node(_, let name): return name
        case .leader: return "leader"
        case .replica: return "replica"
        case .previous: return "previous"
        case .etcdMember(_, let name): return name
        case .etcdLeader: return "etcd-leader"
        }
    }
}

/// A set of link rules that drop traffic between one node and some hosts.
public struct Partition: Sendable, Equatable {
    /// The node cut off.
    public var target: FaultTarget
    /// The hosts it is cut off from.
    public var peers: [PeerSelector]
    /// Which direction of traffic is dropped.
    public var direction: PartitionDirection

    /// Creates a partition.
    public init(target: FaultTarget, peers: [PeerSelector], direction: PartitionDirection) {
        self.target = target
        self.peers = peers
        self.direction = direction
    }
}

/// Hosts named in a partition.
public enum PeerSelector: Sendable, Equatable {
    /// Every etcd member.
    case etcd
    /// One etcd member by index.
    case etcdMember(Int, name: String)
    /// Every other Patroni/PostgreSQL node.
    case otherNodes
    /// One node by index.
    case node(Int, name: String)
    /// The clients' router.
    case clients

    /// The name as written in a scenario.
    public var label: String {
        switch self {
        case .etcd: return "etcd"
        case .etcdMember(_, let name): return name
        case .otherNodes: return "nodes"
        case .node(_, let name): return name
        case .clients: return "clients"
        }
    }
}

/// Which traffic a partition drops.
public enum PartitionDirection: String, Sendable, Equatable, CaseIterable {
    /// From the target to the peers only, like `iptables -A OUTPUT -d PEER -j DROP` on the target.
    case outbound
    /// From the peers to the target only.
    case inbound
    /// Both ways.
    case both
}
