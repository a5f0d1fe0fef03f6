import ClusterSim

/// The closed-form failover time (fault → new primary read-write) of PATRONI.md §7.2 for a
/// scenario's first fault that can cause a failover: the figures a simulated sweep is
/// checked against.
///
/// With T = `ttl`, L = `loop_wait` (after Patroni's adjustment), S = etcd's lessor scan
/// interval (0.5 s), H = the replicas' probe of the old leader and P = PostgreSQL's promotion:
///
/// - (A) `kill` of the leader, H = 0 (the host refuses connections at once) and
///   (C) a partition from etcd only, H = 0 (the old leader still answers its probes):
///   min T − L + H + P, mean T − L/2 + S/2 + H + P, max T + S + H + P.
/// - (B) a partition from etcd and the other nodes: the same with H = 2 s, the probe's timeout.
/// - (D) `stop` of the leader: the fast stop, seen at Patroni's next 1 s poll, the 1 s sleep
///   before the key is released, then P; min = mean = max.
///
/// The formulas hold at the instant the fault fires, whatever its `within` window.
public struct FailoverEnvelope: Sendable, Equatable {
    /// Which case of PATRONI.md §7.2 applies.
    public enum Case: String, Sendable, Equatable, CaseIterable {
        /// (A) the leader's host crashed: Patroni and PostgreSQL died together.
        case crash = "A"
        /// (B) the leader is cut off from etcd and from the other nodes.
        case isolated = "B"
        /// (C) the leader is cut off from etcd only (no failsafe mode).
        case cutFromEtcd = "C"
        /// (D) the leader was stopped gracefully and released its key.
        case gracefulStop = "D"
    }

    /// Whether there is an envelope for a scenario, and if not, why not.
    public enum Derivation: Sendable, Equatable {
        /// The envelope of the first fault that can cause a failover.
        case envelope(FailoverEnvelope)
        /// No closed form applies; the reason is a short phrase for a table's note.
        case unavailable(String)
    }

    /// The case of §7.2.
    public var formula: Case
    /// The fault it was derived for, as timelines write it (`kill leader`).
    public var fault: String
    /// The shortest failover.
    public var min: SimDuration
    /// The mean failover over a fault instant uniform in the leader's keep-alive cycle.
    public var mean: SimDuration
    /// The longest failover.
    public var max: SimDuration

    /// Creates an envelope.
    public init(formula: Case, fault: String, min: SimDuration, mean: SimDuration, max: SimDuration) {
        self.formula = formula
        self.fault = fault
        self.min = min
        self.mean = mean
        self.max = max
    }

    /// How far a simulated failover may lie outside [min, max] and still count as inside:
    /// the formulas leave out message latencies and etcd commits.
    public static let tolerance = SimDuration.millis(100)

    /// How long the replicas' REST probe of an unreachable leader waits (Patroni's 2 s).
    public static let probeTimeout = SimDuration.seconds(2)

    /// Whether `failover` lies within [min − tolerance, max + tolerance].
    public func contains(_ failover: SimDuration) -> Bool {
        failover >= min - Self.tolerance && failover <= max + Self.tolerance
    }

    /// The envelope for `options`, from the effective timers and its first fault that can
    /// cause a failover, or why there is none.
    ///
    /// A fault can cause a failover unless it is a `start` or a `heal`, targets `replica`,
    /// or is a partition that leaves the lease alone (one without `etcd` among its peers).
    /// A partition targeting `leader` counts as cutting it from the other nodes when it names
    /// `nodes` or every node but one.
    /// Complexity: O(*f* × *n*) for *f* faults and *n* nodes.
    public static func derive(_ options: ClusterOptions) -> Derivation {
        guard options.ha == .patroni else {
            return .unavailable("ha \(options.ha.name): the formulas are Patroni's")
        }
        let timers = EffectiveTimers(options.patroni)
        let scan = options.etcd.lessorScanInterval
        let promote = options.postgres.promote
        func expiry(_ formula: Case, probe: SimDuration, _ fault: Fault) -> Derivation {
            .envelope(FailoverEnvelope(
                formula: formula, fault: fault.action.label,
                min: timers.ttl - timers.loopWait + probe + promote,
                mean: timers.ttl - timers.loopWait / 2 + scan / 2 + probe + promote,
                max: timers.ttl + scan + probe + promote))
        }
        for fault in options.faults {
            switch fault.action {
            case .start, .heal, .breakPostgres, .fixPostgres, .slowDisk, .fastDisk, .reinit, .setConfig:
                continue
            case .kill(let target):
                if target == .replica { continue }
                return expiry(.crash, probe: .zero, fault)
            case .stop(let target):
                if target == .replica { continue }
                let second = SimDuration.seconds(1)
                let poll = Swift.max(second, SimDuration(microseconds: (options.postgres.fastStop.microseconds + 999_999) / 1_000_000 * 1_000_000))
                let time = poll + second + promote
                return .envelope(FailoverEnvelope(formula: .gracefulStop, fault: fault.action.label, min: time, mean: time, max: time))
            case .partition(let partition):
                if partition.target == .replica || !partition.peers.contains(.etcd) { continue }
                if partition.direction == .inbound {
                    return .unavailable("no closed form for an inbound partition (the keep-alives still reach etcd)")
                }
                return cutsFromOtherNodes(partition, nodes: options.nodes.count)
                    ? expiry(.isolated, probe: probeTimeout, fault)
                    : expiry(.cutFromEtcd, probe: .zero, fault)
            case .killPatroni(let target), .killPostgres(let target), .freeze(let target, _), .clockStep(let target, _):
                if target == .replica { continue }
                return .unavailable("no closed form for \(fault.action.label)")
            case .switchover, .failover, .pause, .resume:
                return .unavailable("no closed form for \(fault.action.label)")
            }
        }
        return .unavailable("no fault that can cause a failover")
    }

    /// Whether `partition` also cuts its target from every other node, so the replicas'
    /// probes of it time out.
    private static func cutsFromOtherNodes(_ partition: Partition, nodes: Int) -> Bool {
        if partition.peers.contains(.otherNodes) { return true }
        var named: [Int] = []
        for case .node(let index, _) in partition.peers where !named.contains(index) {
            named.append(index)
        }
        if case .node(let target, _) = partition.target {
            return (0..<nodes).allSatisfy { $0 == target || named.contains($0) }
        }
        return named.count >= nodes - 1
    }
}
