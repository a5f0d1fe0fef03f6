/// A request from a Patroni process to etcd (the v3 API operations Patroni uses).
///
/// Boxed (`indirect`): a call, its attempts and the messages carrying it copy one reference.
indirect enum EtcdRequest: Sendable, Equatable {
    /// `LeaseGrant` with a TTL in seconds.
    case grantLease(ttlSeconds: Int64)
    /// `LeaseKeepAlive`.
    case keepAlive(lease: Int64)
    /// A plain put, optionally attached to a lease.
    case put(key: String, value: DCSValue, lease: Int64)
    /// A transaction: put only if the key does not exist (`create_revision == 0`).
    case createIfAbsent(key: String, value: DCSValue, lease: Int64)
    /// A transaction: re-put the key with `lease` if its value is `expected`, else create it if absent.
    case putIfValueOrAbsent(key: String, value: DCSValue, lease: Int64, expected: DCSValue)
    /// A transaction: delete the key only if its value is `expected`.
    case deleteIfValue(key: String, expected: DCSValue)
    /// A range read of the whole cluster prefix (the watch cache's initial load).
    case rangePrefix
}

/// etcd's answer to a request.
enum EtcdResponse: Sendable, Equatable {
    /// A write or a transaction succeeded.
    case ok
    /// A transaction's compare failed.
    case compareFailed
    /// A lease was granted.
    case leaseGranted(id: Int64, ttlSeconds: Int64)
    /// A keep-alive renewed the lease.
    case keepAliveOK
    /// The lease does not exist (expired and revoked, or never granted).
    case leaseNotFound
    /// The keys under the prefix, sorted by key.
    case range([EtcdEntry])
}

/// One key in etcd, with its revisions and lease.
struct EtcdEntry: Sendable, Equatable {
    var key: String
    var value: DCSValue
    var createRevision: Int64
    var modRevision: Int64
    var lease: Int64
}

/// A change streamed to a watcher of the cluster prefix.
struct WatchEvent: Sendable, Equatable {
    /// The key that changed.
    var key: String
    /// The new value, or nil for a deletion.
    var value: DCSValue?
    /// The revision of the change.
    var revision: Int64
    /// The lease the key is attached to (0 for none or a deletion).
    var lease: Int64
}
