/// The content of the `/failover` key (`dcs/__init__.py::Failover`): who leads now, who
/// should lead, and when. Patroni "cleans up" the key by writing `{}`, which reads as no
/// request at all, so an empty value means none.
public struct FailoverRequest: Sendable, Equatable {
    /// `leader`: the member that must step down (nil for a failover request, or once the
    /// winner rewrote the key in pause).
    public var leader: String?
    /// `member`: the candidate, or nil to let the healthiest member win.
    public var candidate: String?
    /// `scheduled_at`: the instant (operator's wall clock, i.e. simulation time) of a
    /// scheduled switchover.
    public var scheduledAt: SimInstant?

    /// Creates a request.
    public init(leader: String?, candidate: String?, scheduledAt: SimInstant? = nil) {
        self.leader = leader
        self.candidate = candidate
        self.scheduledAt = scheduledAt
    }

    /// `{}`: what `manual_failover('', '')` writes when Patroni cleans the key up.
    public static let cleared = FailoverRequest(leader: nil, candidate: nil)

    /// Whether the key holds a request (`len(Failover) > 0` in Patroni).
    public var isEmpty: Bool { leader == nil && candidate == nil && scheduledAt == nil }

    /// The JSON Patroni writes (scheduled time as virtual seconds).
    public var rendered: String {
        var fields: [String] = []
        if let leader { fields.append("\"leader\":\"\(leader)\"") }
        if let candidate { fields.append("\"member\":\"\(candidate)\"") }
        if let scheduledAt {
            fields.append("\"scheduled_at\":\"t=\(TimeFormat.seconds(scheduledAt.microseconds, decimals: 3))s\"")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
