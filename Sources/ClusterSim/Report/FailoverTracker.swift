/// Follows one failover at a time through its phases: fault, key gone, lock acquired,
/// promoted, first write, replicas following.
struct FailoverTracker {
    private(set) var records: [FailoverRecord] = []
    /// The index of the record still collecting phases.
    private var open: Int?
    private var newLeaderNode: NodeID?

    /// A fault hit the leader `oldLeader`: a failover may follow. A further fault on the same
    /// leader before a new one took the lock joins the open record.
    mutating func faultHitLeader(_ fault: String, oldLeader: String, at now: SimInstant) {
        if let i = open, records[i].oldLeader == oldLeader, records[i].lockAcquiredAt == nil {
            records[i].fault += " + " + fault
            return
        }
        records.append(FailoverRecord(fault: fault, faultAt: now, oldLeader: oldLeader))
        open = records.count - 1
        newLeaderNode = nil
    }

    /// The leader key disappeared.
    mutating func leaderKeyGone(at now: SimInstant, how: String) {
        guard let i = open, records[i].leaderKeyGoneAt == nil else { return }
        records[i].leaderKeyGoneAt = now
        records[i].leaderKeyGoneHow = how
    }

    /// A node created the leader key (or, without Patroni, was chosen to be promoted).
    mutating func newLeaderChosen(_ node: NodeID, name: String, at now: SimInstant) {
        guard let i = open, records[i].lockAcquiredAt == nil else { return }
        records[i].lockAcquiredAt = now
        records[i].newLeader = name
        newLeaderNode = node
    }

    /// `node`'s PostgreSQL became read-write on `timeline`.
    mutating func promoted(_ node: NodeID, timeline: Int, at now: SimInstant) {
        guard let i = open, newLeaderNode == node, records[i].promotedAt == nil else { return }
        records[i].promotedAt = now
        records[i].timeline = timeline
    }

    /// A client write was acknowledged by `node`.
    mutating func writeAcked(by node: NodeID, at now: SimInstant) {
        guard let i = open, newLeaderNode == node, records[i].promotedAt != nil, records[i].firstWriteAt == nil else { return }
        records[i].firstWriteAt = now
    }

    /// The new leader of the open failover, once it is read-write and still waiting for its replicas.
    var leaderAwaitingReplicas: NodeID? {
        guard let i = open, records[i].promotedAt != nil, records[i].replicasFollowingAt == nil else { return nil }
        return newLeaderNode
    }

    /// Every other running member streams from the new leader.
    mutating func replicasFollowing(at now: SimInstant) {
        guard let i = open else { return }
        records[i].replicasFollowingAt = now
    }
}
