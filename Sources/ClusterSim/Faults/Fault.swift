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
    /// An operator's `POST /switchover` (like `patronictl switchover`) from the current leader,
    /// to `candidate` or to the healthiest member, now or at `scheduledAt` (PATRONI.md §6).
    case switchover(candidate: FaultTarget?, scheduledAt: SimInstant?)
    /// An operator's `POST /failover` to `candidate` (Patroni refuses one without a candidate,
    /// or scheduled, with 400).
    case failover(candidate: FaultTarget?, scheduledAt: SimInstant?)
    /// `patronictl pause`: sets `pause` in the `/config` key (maintenance mode).
    case pause
    /// `patronictl resume`: clears `pause` in the `/config` key.
    case resume
    /// PostgreSQL on the node fails to start (a broken configuration or data directory)
    /// until `fixPostgres`; a running postmaster is not affected until it restarts.
    case breakPostgres(FaultTarget)
    /// Undoes `breakPostgres`: the next start succeeds.
    case fixPostgres(FaultTarget)
    /// The node's disk becomes `factor` times slower for `for` (or until `fastDisk`): the
    /// walreceiver writes received WAL at the healthy rate divided by `factor`.
    case slowDisk(FaultTarget, factor: Int64, for: SimDuration?)
    /// Undoes `slowDisk`.
    case fastDisk(FaultTarget)
    /// `patronictl edit-config`: a change of the dynamic configuration in the DCS.
    case setConfig(DynamicConfigChange)
    /// `patronictl reinit`: PostgreSQL on the replica is stopped, its data directory removed
    /// and cloned again from the leader by base backup.
    case reinit(FaultTarget)

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
        case .breakPostgres(let t): return "break-postgres \(t.label)"
        case .fixPostgres(let t): return "fix-postgres \(t.label)"
        case let .slowDisk(t, factor, duration): return "slow-disk \(t.label) x\(factor)" + (duration.map { " for \($0)" } ?? "")
        case .fastDisk(let t): return "fast-disk \(t.label)"
        case .reinit(let t): return "reinit \(t.label)"
        case .setConfig(let change): return "set-config \(change.label)"
        case let .switchover(candidate, scheduledAt), let .failover(candidate, scheduledAt):
            let kind = self.manualFailoverKind.map(\.rawValue) ?? ""
            return kind + (candidate.map { " to \($0.label)" } ?? "") + (scheduledAt.map { " at \($0)" } ?? "")
        case .pause: return "pause"
        case .resume: return "resume"
        }
    }

    /// `switchover` or `failover` for a manual request, else nil.
    public var manualFailoverKind: ManualFailoverKind? {
        switch self {
        case .switchover: return .switchover
        case .failover: return .failover
        default: return nil
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
