/// The `/failsafe` key: every member the leader knows, by name, with its REST `api_url`
/// (PATRONI.md §5.1; `ha.py::Ha._failsafe_config`).
///
/// Only the names are kept: a member's `api_url` is derived from its name, as in its member key.
public struct FailsafeTopology: Sendable, Equatable {
    /// The member names in the order Patroni builds the map: the member keys in key order,
    /// then the leader itself if it had no member key.
    public var members: [String]

    /// Creates the topology listing `members` in that order.
    public init(members: [String]) {
        self.members = members
    }

    /// Whether `name` is listed.
    public func contains(_ name: String) -> Bool { members.contains(name) }

    /// The JSON object Patroni writes (`json.dumps` with compact separators, insertion order).
    public var rendered: String {
        "{" + members.map { "\"\($0)\":\"\(MemberData.apiURL(of: $0))\"" }.joined(separator: ",") + "}"
    }
}
