/// The full etcd keys of one cluster, built once (`/service/<scope>/leader`, ...), and the
/// `DCSKey` each of them is in the watch cache.
struct DCSKeys {
    let leader: String
    let status: String
    let history: String
    let sync: String
    let config: String
    let initialize: String
    let failsafe: String
    /// The manual switchover/failover request key.
    let failover: String
    /// `members/<name>` per node, full.
    let members: [String]
    /// Every full key by `DCSKey.slot`.
    private let bySlot: [String]

    init(prefix: String, nodeNames: [String]) {
        leader = prefix + "leader"
        status = prefix + "status"
        history = prefix + "history"
        sync = prefix + "sync"
        config = prefix + "config"
        initialize = prefix + "initialize"
        failsafe = prefix + "failsafe"
        failover = prefix + "failover"
        members = nodeNames.map { prefix + "members/" + $0 }
        bySlot = [leader, status, history, sync, config, initialize, failsafe, failover] + members
    }

    /// The cluster key `key` names, or nil for a key outside the cluster's namespace.
    /// O(number of keys); the strings of a key written by the simulation share their
    /// storage with this table, so the matching comparison is a pointer comparison, and
    /// keys of another length are passed over without comparing their bytes.
    func key(of key: String) -> DCSKey? {
        let length = key.utf8.count
        guard let slot = bySlot.firstIndex(where: { $0.utf8.count == length && $0 == key }) else { return nil }
        return slot < DCSKey.fixed.count ? DCSKey.fixed[slot] : .member(slot - DCSKey.fixed.count)
    }
}
