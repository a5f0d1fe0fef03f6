/// A key of the cluster's namespace in etcd, named without its prefix (`leader`,
/// `members/<name>`, ...). The watch cache is indexed by it, so reading a cached key is an
/// array access instead of slicing and hashing a string.
enum DCSKey: Equatable {
    case leader, status, history, sync, config, initialize, failsafe, failover
    /// `members/<name>` of node `node`.
    case member(Int)

    /// The keys other than the member keys, in slot order.
    static let fixed: [DCSKey] = [.leader, .status, .history, .sync, .config, .initialize, .failsafe, .failover]

    /// The key's position in a table of the cluster's keys: the fixed keys first, in the
    /// order of `fixed`, then one member key per node, in node order. O(1).
    var slot: Int {
        switch self {
        case .leader: return 0
        case .status: return 1
        case .history: return 2
        case .sync: return 3
        case .config: return 4
        case .initialize: return 5
        case .failsafe: return 6
        case .failover: return 7
        case .member(let node): return DCSKey.fixed.count + node
        }
    }
}
