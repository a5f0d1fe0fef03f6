/// The replicated state machine of the etcd cluster: keys with revisions, and leases
/// whose expiry runs on the raft leader's monotonic clock (the scheduler's time).
///
/// With several members there is still one store: committed raft entries are applied
/// to it once, in log order, when the leader commits them; the lease expiries are the
/// primary lessor's view (followers' lessors hold every lease "forever", so while no
/// leader exists nothing expires).
///
/// It only computes; the simulation delivers its answers and watch events over
/// the network. Keys are kept in a dictionary for lookup but always read in
/// sorted key order.
struct EtcdStore {
    /// A granted lease.
    struct Lease {
        var ttl: SimDuration
        var expiry: SimInstant
        var keys: [String]
    }

    private(set) var entries: [String: EtcdEntry] = [:]
    private(set) var revision: Int64 = 1
    private var leases: [Int64: Lease] = [:]
    private var nextLeaseID: Int64
    private let minimumTTLSeconds: Int64

    init(firstLeaseID: Int64, minimumTTLSeconds: Int64) {
        nextLeaseID = firstLeaseID
        self.minimumTTLSeconds = minimumTTLSeconds
    }

    /// Applies `request` at `now`, returning the answer and the watch events it caused.
    mutating func apply(_ request: EtcdRequest, now: SimInstant) -> (EtcdResponse, [WatchEvent]) {
        switch request {
        case .grantLease(let ttl):
            let granted = max(ttl, minimumTTLSeconds)
            let id = nextLeaseID
            nextLeaseID += 1
            leases[id] = Lease(ttl: .seconds(granted), expiry: now + .seconds(granted), keys: [])
            return (.leaseGranted(id: id, ttlSeconds: granted), [])
        case .keepAlive(let id):
            guard var lease = leases[id], lease.expiry > now else { return (.leaseNotFound, []) }
            lease.expiry = now + lease.ttl
            leases[id] = lease
            return (.keepAliveOK, [])
        case let .put(key, value, lease):
            guard lease == 0 || isLive(lease, now: now) else { return (.leaseNotFound, []) }
            return (.ok, [write(key, value, lease: lease)])
        case let .createIfAbsent(key, value, lease):
            guard lease == 0 || isLive(lease, now: now) else { return (.leaseNotFound, []) }
            guard entries[key] == nil else { return (.compareFailed, []) }
            return (.ok, [write(key, value, lease: lease)])
        case let .putIfValueOrAbsent(key, value, lease, expected):
            guard lease == 0 || isLive(lease, now: now) else { return (.leaseNotFound, []) }
            if let current = entries[key], current.value != expected { return (.compareFailed, []) }
            return (.ok, [write(key, value, lease: lease)])
        case let .deleteIfValue(key, expected):
            guard let current = entries[key], current.value == expected else { return (.compareFailed, []) }
            return (.ok, [delete(key)])
        case .rangePrefix:
            return (.range(sortedEntries), [])
        }
    }

    /// Revokes every lease expired at `now`, in lease-ID order, deleting their keys.
    /// Returns the deletions as watch events, and the revoked lease IDs.
    mutating func revokeExpired(now: SimInstant) -> (events: [WatchEvent], revoked: [Int64]) {
        let expired = expiredLeases(now: now)
        return (revoke(expired), expired)
    }

    /// The IDs of the leases expired at `now`, sorted: what the leader's lessor proposes to revoke.
    /// O(leases), and without allocating when none expired: the lessor scans twice a second.
    func expiredLeases(now: SimInstant) -> [Int64] {
        guard leases.values.contains(where: { $0.expiry <= now }) else { return [] }
        return leases.compactMap { $0.value.expiry <= now ? $0.key : nil }.sorted()
    }

    /// Revokes leases `ids` (in the given order), deleting their keys; a lease already
    /// gone is skipped. Returns the deletions as watch events.
    mutating func revoke(_ ids: [Int64]) -> [WatchEvent] {
        var events: [WatchEvent] = []
        for id in ids {
            guard let lease = leases.removeValue(forKey: id) else { continue }
            for key in lease.keys.sorted() where entries[key]?.lease == id {
                events.append(delete(key))
            }
        }
        return events
    }

    /// A new raft leader's lessor becomes primary (`lessor.Promote(extend)`): every lease
    /// expires `extend` after its full TTL from now (PATRONI.md §1.7).
    mutating func promote(now: SimInstant, extend: SimDuration) {
        for id in leases.keys.sorted() {
            guard var lease = leases[id] else { continue }
            lease.expiry = now + lease.ttl + extend
            leases[id] = lease
        }
    }

    /// The entries sorted by key.
    var sortedEntries: [EtcdEntry] {
        entries.keys.sorted().compactMap { entries[$0] }
    }

    /// Whether lease `id` exists and has not expired at `now`.
    func isLive(_ id: Int64, now: SimInstant) -> Bool {
        guard let lease = leases[id] else { return false }
        return lease.expiry > now
    }

    /// The expiry of lease `id`, if it exists.
    func expiry(of id: Int64) -> SimInstant? { leases[id]?.expiry }

    /// Writes `key`, hashing it once when it exists (a Patroni write usually rewrites a key).
    private mutating func write(_ key: String, _ value: DCSValue, lease: Int64) -> WatchEvent {
        revision += 1
        let position = entries.index(forKey: key)
        let previous = position.map { entries.values[$0] }
        if let old = previous?.lease, old != 0, old != lease {
            leases[old]?.keys.removeAll { $0 == key }
        }
        if lease != 0, previous?.lease != lease {
            leases[lease]?.keys.append(key)
        }
        let entry = EtcdEntry(
            key: key, value: value,
            createRevision: previous?.createRevision ?? revision,
            modRevision: revision, lease: lease)
        if let position {
            entries.values[position] = entry
        } else {
            entries[key] = entry
        }
        return WatchEvent(key: key, value: value, revision: revision, lease: lease)
    }

    private mutating func delete(_ key: String) -> WatchEvent {
        revision += 1
        if let lease = entries[key]?.lease, lease != 0 {
            leases[lease]?.keys.removeAll { $0 == key }
        }
        entries[key] = nil
        return WatchEvent(key: key, value: nil, revision: revision, lease: 0)
    }
}
