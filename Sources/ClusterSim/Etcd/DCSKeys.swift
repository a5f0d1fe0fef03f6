/// The full etcd keys of one cluster, built once (`/service/<scope>/leader`, ...), and the
/// member keys' names relative to the prefix as the watch cache stores them.
struct DCSKeys {
    let prefix: String
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
    /// `members/<name>` per node, relative to the prefix.
    let relativeMembers: [String]

    init(prefix: String, nodeNames: [String]) {
        self.prefix = prefix
        leader = prefix + "leader"
        status = prefix + "status"
        history = prefix + "history"
        sync = prefix + "sync"
        config = prefix + "config"
        initialize = prefix + "initialize"
        failsafe = prefix + "failsafe"
        failover = prefix + "failover"
        relativeMembers = nodeNames.map { "members/" + $0 }
        members = relativeMembers.map { prefix + $0 }
    }
}
