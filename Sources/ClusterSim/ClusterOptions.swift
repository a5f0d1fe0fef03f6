/// Everything a run needs: the cluster, its settings, the workload and the faults.
public struct ClusterOptions: Sendable, Equatable {
    /// The scenario's name, for reports.
    public var name: String = "scenario"
    /// The seed every random draw derives from.
    public var seed: UInt64 = 1
    /// How much virtual time the run covers.
    public var duration: SimDuration = .seconds(180)
    /// Patroni's `scope` (the cluster name).
    public var scope: String = "postgres-cluster"
    /// Patroni's `namespace`, without slashes.
    public var namespace: String = "service"
    /// The nodes, in order; the first is not favoured by anything but tie-free bookkeeping.
    public var nodes: [NodeOptions] = ["patroni1", "patroni2", "patroni3"].map(NodeOptions.init(name:))
    /// Who decides env.recorder.failovers.
    public var ha: HAPolicy = .patroni
    /// The etcd cluster.
    public var etcd = EtcdOptions()
    /// Patroni's dynamic configuration.
    public var patroni = PatroniSettings()
    /// PostgreSQL's durations and sizes.
    public var postgres = PostgresSettings()
    /// Network latency.
    public var network = NetworkOptions()
    /// Client writes.
    public var workload = WorkloadOptions()
    /// Faults, in any order (they fire by time, ties in this order).
    public var faults: [Fault] = []
    /// Bounds of the safety and liveness checks.
    public var checks = CheckOptions()
    /// Whether the report carries a `RunHistory` (for pictures and traces). Sweeps,
    /// explorations and benchmarks turn it off.
    public var recordHistory = true
    /// Limits that end a runaway run.
    public var limits = RunLimits()

    /// Creates the lab's default cluster: three nodes, one etcd, Patroni defaults.
    public init() {}

    /// The key prefix in etcd, e.g. `/service/postgres-cluster/`.
    public var keyPrefix: String { "/\(namespace)/\(scope)/" }
}
