@testable import ClusterSim

/// A small DSL for scenario tests: build a cluster, schedule faults, run, read the report.
///
///     var cluster = ClusterHarness(seed: 3)
///     cluster.kill(.leader, at: .seconds(60))
///     let report = cluster.run(for: .seconds(150))
struct ClusterHarness {
    var options: ClusterOptions

    /// The lab cluster (three nodes, Patroni defaults) with writes from 30 s on.
    init(seed: UInt64 = 1, configure: (inout ClusterOptions) -> Void = { _ in }) {
        options = ClusterOptions()
        options.seed = seed
        options.workload.startAt = SimInstant(microseconds: 30_000_000)
        configure(&options)
    }

    /// The target for node `name`.
    func node(_ name: String) -> FaultTarget {
        guard let index = options.nodes.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("the test names an unknown node \(name)")
        }
        return .node(index, name: name)
    }

    mutating func stop(_ target: FaultTarget, at time: SimDuration) { add(.stop(target), at: time) }
    mutating func kill(_ target: FaultTarget, at time: SimDuration) { add(.kill(target), at: time) }
    mutating func start(_ target: FaultTarget, at time: SimDuration) { add(.start(target), at: time) }
    mutating func heal(at time: SimDuration) { add(.heal(nil), at: time) }
    mutating func partition(_ target: FaultTarget, from peers: [PeerSelector], _ direction: PartitionDirection = .both, at time: SimDuration) {
        add(.partition(Partition(target: target, peers: peers, direction: direction)), at: time)
    }

    private mutating func add(_ action: FaultAction, at time: SimDuration) {
        options.faults.append(Fault(at: .zero + time, action: action))
    }

    /// Runs for `duration` and returns the report.
    func run(for duration: SimDuration) -> Report {
        var options = self.options
        options.duration = duration
        return Simulation(options: options).run()
    }

    /// Runs for `duration` and also returns the simulation, for white-box checks.
    func simulate(for duration: SimDuration) -> (Simulation, Report) {
        var options = self.options
        options.duration = duration
        let simulation = Simulation(options: options)
        let report = simulation.run()
        return (simulation, report)
    }
}

extension Report {
    /// The first timeline entry of `kind` (optionally on `host`).
    func first(_ kind: TimelineKind, on host: String? = nil) -> TimelineEntry? {
        timeline.first { $0.kind == kind && (host == nil || $0.host == host) }
    }

    /// Every timeline entry of `kind`.
    func all(_ kind: TimelineKind) -> [TimelineEntry] {
        timeline.filter { $0.kind == kind }
    }

    /// The leader row of the final member table.
    var finalLeader: MemberRow? { final.members.first { $0.role == .leader } }

    /// Seconds from the first failover's fault to its promotion.
    var failoverSeconds: Double? {
        guard let failover = failovers.first, let promoted = failover.promotedAt else { return nil }
        return (promoted - failover.faultAt).seconds
    }
}

extension SimDuration {
    /// `n` seconds, for readable test schedules.
    static func s(_ n: Int64) -> SimDuration { .seconds(n) }
}
