/// A member's role as `patronictl list` shows it; the raw value is the text it prints.
public enum MemberRole: String, Sendable, Equatable, CaseIterable {
    /// The leader key's holder.
    case leader = "Leader"
    /// A member streaming (or trying to) from the leader.
    case replica = "Replica"
    /// A replica listed in `/sync` in priority mode.
    case syncStandby = "Sync Standby"
    /// A replica listed in `/sync` in quorum mode.
    case quorumStandby = "Quorum Standby"
    /// Without Patroni: a PostgreSQL out of recovery.
    case primary = "Primary"
    /// Not a member (any more): its member key is gone, or PostgreSQL is down without Patroni.
    case none = ""
}
