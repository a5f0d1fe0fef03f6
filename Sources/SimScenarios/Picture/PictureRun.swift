import ClusterSim

/// One run as the pictures and traces see it: the summary, the hosts in layout order and a
/// label for the panel (`A: patroni.ttl=20` in a diff).
public struct PictureRun: Sendable, Equatable {
    /// The finished run; its report should carry a ``RunHistory``.
    public var summary: RunSummary
    /// The Patroni/PostgreSQL nodes, in node order (one lane each).
    public var nodes: [String]
    /// The etcd members (one lane each).
    public var etcdMembers: [String]
    /// The client router's host name.
    public var router: String
    /// The panel's label; nil shows the scenario's name and seed.
    public var label: String?

    /// A run of a cluster laid out as `layout`.
    public init(summary: RunSummary, layout: HostLayout, label: String? = nil) {
        self.summary = summary
        nodes = Array(layout.nodeNames)
        etcdMembers = Array(layout.etcdNames)
        router = layout.name(of: layout.router)
        self.label = label
    }

    /// A run of `scenario`.
    public init(scenario: Scenario, summary: RunSummary, label: String? = nil) {
        self.init(summary: summary,
                  layout: HostLayout(nodeNames: scenario.options.nodes.map(\.name), etcdMembers: scenario.options.etcd.members),
                  label: label)
    }

    /// The report.
    var report: Report { summary.report }

    /// The origin of the picture's times: the first fault, or the start of the run.
    var origin: SimInstant { report.firstFaultAt ?? .zero }

    /// `instant` in microseconds from the origin.
    func offset(_ instant: SimInstant) -> Int64 { instant.microseconds - origin.microseconds }

    /// The end of the run in microseconds from the origin.
    var endOffset: Int64 { offset(report.endedAt) }

    /// The panel's title.
    var title: String {
        label ?? "\(report.scenario) (seed \(report.seed))"
    }
}
