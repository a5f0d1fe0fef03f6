/// The value of one key under the cluster prefix, kept structured and rendered
/// as Patroni would store it when dumped.
///
/// Every case is boxed (`indirect`): a value is one reference, so the watch cache, the
/// store and the messages that carry it copy it with one retain instead of one per string.
public indirect enum DCSValue: Sendable, Equatable {
    /// `leader`: the lock holder's member name.
    case leaderName(String)
    /// `initialize`: the system identifier (empty while the bootstrap race is being run).
    case initialize(String)
    /// `config`: the dynamic configuration.
    case config(DynamicConfig)
    /// `members/<name>`: a member's published state.
    case member(MemberData)
    /// `status`: the leader's last published WAL position.
    case status(optime: Int64)
    /// `history`: one line per promotion.
    case history([HistoryLine])
    /// `sync`: the primary and its synchronous standbys (voters), sorted by name, and in
    /// quorum mode the `quorum` a candidate needs (nil in priority mode, not rendered).
    case sync(leader: String, standbys: [String], quorum: Int?)
    /// `failsafe`: the members the leader knows (written only with `failsafe_mode`).
    case failsafe(FailsafeTopology)
    /// `failover`: a manual switchover or failover request (PATRONI.md §6); all nil once cleaned up (`{}`).
    case failover(FailoverRequest)

    /// The value as Patroni writes it (JSON for structured keys).
    public var rendered: String {
        switch self {
        case .leaderName(let name): return name
        case .initialize(let sysid): return sysid
        case .config(let config): return config.rendered
        case .member(let data): return data.rendered
        case .status(let optime): return "{\"optime\":\(optime)}"
        case .history(let lines):
            return "[" + lines.map(\.rendered).joined(separator: ",") + "]"
        case let .sync(leader, standbys, quorum):
            let joined = standbys.sorted().joined(separator: ",")
            return "{\"leader\":\"\(leader)\"," + (quorum.map { "\"quorum\":\($0)," } ?? "")
                + "\"sync_standby\":" + (standbys.isEmpty ? "null" : "\"\(joined)\"") + "}"
        case .failsafe(let topology): return topology.rendered
        case .failover(let request): return request.rendered
        }
    }
}

/// What a member publishes in its member key (PATRONI.md §1.6).
public struct MemberData: Sendable, Equatable {
    /// The role of the member's PostgreSQL, as Patroni writes it.
    public enum Role: String, Sendable, Equatable {
        /// Out of recovery.
        case primary
        /// In recovery.
        case replica
    }

    /// The member name.
    public var name: String
    /// Whether PostgreSQL runs as primary or replica.
    public var role: Role
    /// `running`, `starting`, `stopped`, `crashed`, `creating replica`, ...
    public var state: String
    /// The WAL position (flush on a primary, max of receive/replay on a replica), if PostgreSQL runs.
    public var xlogLocation: Int64?
    /// The timeline, if PostgreSQL runs.
    public var timeline: Int?
    /// `streaming` or `in archive recovery` on a running replica.
    public var replicationState: String?
    /// False only on a fresh leader that has not checkpointed since its promotion.
    public var checkpointAfterPromote: Bool?

    /// The REST API URL of the member called `name`: its `api_url` (`http://<name>:8008/patroni`),
    /// or the URL of another `endpoint` such as `failsafe`.
    public static func apiURL(of name: String, endpoint: String = "patroni") -> String { "http://\(name):8008/\(endpoint)" }

    /// The JSON Patroni would store.
    public var rendered: String {
        var fields: [String] = []
        fields.append("\"api_url\":\"\(MemberData.apiURL(of: name))\"")
        if let done = checkpointAfterPromote { fields.append("\"checkpoint_after_promote\":\(done)") }
        fields.append("\"conn_url\":\"postgres://\(name):5432/postgres\"")
        if let state = replicationState { fields.append("\"replication_state\":\"\(state)\"") }
        fields.append("\"role\":\"\(role.rawValue)\"")
        fields.append("\"state\":\"\(state)\"")
        if let timeline { fields.append("\"timeline\":\(timeline)") }
        fields.append("\"version\":\"4.1.4\"")
        if let xlogLocation { fields.append("\"xlog_location\":\(xlogLocation)") }
        return "{" + fields.joined(separator: ",") + "}"
    }
}

/// One line of the `history` key: `[timeline, switch LSN, reason, timestamp, new leader]`.
public struct HistoryLine: Sendable, Equatable {
    /// The timeline that ended.
    public var timeline: Int
    /// Where the next timeline forked off it.
    public var switchLSN: Int64
    /// Why, e.g. `no recovery target specified`.
    public var reason: String
    /// When the promotion happened (virtual time).
    public var at: SimInstant
    /// The member that promoted.
    public var newLeader: String

    /// The JSON array Patroni would store (timestamp as virtual seconds).
    public var rendered: String {
        "[\(timeline),\(switchLSN),\"\(reason)\",\"t=\(TimeFormat.seconds(at.microseconds, decimals: 3))s\",\"\(newLeader)\"]"
    }
}
