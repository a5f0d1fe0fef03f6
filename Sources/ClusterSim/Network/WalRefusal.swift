/// Why a walsender refused (or could not take) a walreceiver's connection.
enum WalRefusal: Equatable {
    /// No process listened on the upstream's port.
    case connectionRefused
    /// The primary has no replication slot for the receiving node.
    case noSlot(node: NodeID)
    /// The requested start is past the end of the upstream's WAL on the same timeline.
    case aheadOfFlush
    /// The requested timeline forked off the upstream's history at `fork`.
    case forked(timeline: Int, fork: Int64)
    /// The requested start point is on no timeline the upstream descends from.
    case notInHistory

    /// PostgreSQL's message, with `name` giving member names.
    func text(name: (NodeID) -> String) -> String {
        switch self {
        case .connectionRefused:
            return "could not connect to the primary server: Connection refused"
        case .noSlot(let node):
            return "replication slot \"\(name(node))\" does not exist"
        case .aheadOfFlush:
            return "requested starting point is ahead of the WAL flush position of this server"
        case let .forked(timeline, fork):
            return "requested starting point on timeline \(timeline) is not in this server's history; "
                + "this server's history forked from timeline \(timeline) at \(LSN.format(fork))"
        case .notInHistory:
            return "requested starting point is not in this server's history"
        }
    }
}
