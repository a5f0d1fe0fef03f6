/// The etcd cluster that serves as Patroni's DCS: its members and their raft state, the
/// replicated key-value store with its lessor, and the watches of the cluster prefix.
///
/// It is one simulated process per member host, kept in one value because the members
/// share the store that committed entries are applied to (see `EtcdStore`). It changes
/// only in its own handlers, reached through messages (client requests, raft traffic)
/// and its own timers; it tells the recorder when the leader key or its lease changed.
struct EtcdCluster {
    /// The cluster's settings.
    let options: EtcdOptions
    /// The cluster's keys.
    let keys: DCSKeys
    /// The hosts, for member names and node names.
    let layout: HostLayout
    /// Every member, in order.
    let memberIDs: [MemberID]
    /// The replicated state machine.
    var store: EtcdStore
    /// The members' raft state, by `MemberID`.
    var members: [RaftMember]
    /// What each committed log entry produced when the store applied it, by log index.
    var appliedEntries = CompactedLog<AppliedEntry>()
    /// Election timeouts of the members (stream `etcd-raft`, unused with one member).
    var raftRandom: RandomStream
    /// How many members are frozen now (so that dispatch looks only when one is).
    var frozenMemberCount = 0
    /// Each node's watch of the cluster prefix, or nil, by `NodeID`.
    var watchers: [EtcdWatcher?]
    /// The Patroni process generation of each node whose watch broke (an event could not
    /// be delivered) and who has not been told yet, by `NodeID`.
    var brokenWatches: [UInt64?]

    /// A cluster of `options.members` members for the nodes of `layout`, with lease IDs
    /// drawn from `random` (stream `etcd`) and election timeouts from `raftRandom`.
    init(options: EtcdOptions, keys: DCSKeys, layout: HostLayout, random: inout RandomStream, raftRandom: RandomStream) {
        self.options = options
        self.keys = keys
        self.layout = layout
        memberIDs = MemberID.all(options.members)
        store = EtcdStore(firstLeaseID: 0x694D_0000_0000 + Int64(random.nextInt(below: 0xFFFF)) << 16,
                          minimumTTLSeconds: options.minimumTTLSeconds)
        members = Array(repeating: RaftMember(), count: options.members)
        self.raftRandom = raftRandom
        watchers = Array(repeating: nil, count: layout.nodeCount)
        brokenWatches = Array(repeating: nil, count: layout.nodeCount)
    }

    /// Starts the members: one member leads from time zero (no election, no timer, no
    /// random draw); several members start as followers of term 0 and elect a leader.
    mutating func boot(_ env: inout Environment) {
        precondition(!members.isEmpty, "a cluster needs at least one etcd member (ClusterOptions.etcd.members was \(members.count))")
        if members.count == 1 {
            let only = MemberID(0)
            members[only].term = 1
            members[only].role = .leader
            members[only].leader = only
            members[only].nextIndex = [1]
            members[only].matchIndex = [0]
            members[only].lastAck = [.zero]
            members[only].promoted = true
            return
        }
        for member in memberIDs {
            drawElectionTimeout(member)
            armElection(member, &env)
        }
    }

    /// The name of `member` (`etcd`, or `etcd1`...).
    func name(of member: MemberID) -> String { layout.name(of: layout.host(of: member)) }

    /// The node the leader key names now, if any.
    var currentLeader: NodeID? { store.entries[keys.leader]?.value.leaderNode(in: layout) }

    /// The running member that leads in the highest term (a deposed leader that has not
    /// heard of the newer term yet still believes it leads), if any.
    var currentLeaderMember: MemberID? {
        var best: MemberID?
        for member in memberIDs where members[member].process == .running && members[member].role == .leader {
            if best.map({ members[member].term > members[$0].term }) ?? true { best = member }
        }
        return best
    }

    /// Until when `member` is frozen, if it is: messages to it and its timers wait.
    func frozenUntil(_ member: MemberID) -> SimInstant? { members[member].frozenUntil }

    /// Tells the recorder who the leader key names now and when its lease expires. It
    /// looks the key up once, as this runs after every applied write and keep-alive.
    mutating func reportLeaderKey(_ env: inout Environment) {
        let leaderKey = store.entries[keys.leader]
        let holder = leaderKey?.value.leaderNode(in: layout)
        let expiry = holder == nil ? nil : leaderKey.flatMap { store.expiry(of: $0.lease) }
        env.leaderKeyObserved(holder: holder, expiry: expiry)
    }
}

extension DCSValue {
    /// The node a value of the leader key names, if any (as a node index).
    func leaderNode(in layout: HostLayout) -> NodeID? {
        guard case .leaderName(let holder) = self else { return nil }
        return layout.node(named: holder)
    }
}
