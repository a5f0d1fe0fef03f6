/// What Patroni's `postgresql/sync.py::SyncHandler` remembers between HA cycles on a
/// primary: the `synchronous_standby_names` it last saw, the flush position when that
/// value changed, and the standbys that have caught up with it since ("ready").
struct SyncHandlerState: Equatable {
    /// The value of `synchronous_standby_names` the handler last saw.
    var lastNames: SynchronousStandbyNames = .none
    /// The primary's WAL position when `synchronous_standby_names` last changed
    /// (`_primary_flush_lsn`): a newly listed standby counts as synchronous only past it.
    var flushAtNamesChange: Int64 = 0
    /// Listed standbys that count as synchronous (`_ready_replicas`), sorted by node.
    var ready: [Int] = []
    /// Whether the strict-mode warning was logged for the current episode
    /// (`Ha._synchronous_strict_mode_activated`).
    var strictActivated = false
    /// Where `_process_multisync_replication` continues once the `/sync` write in flight is answered.
    var next: MultisyncStage?
}

/// A step of `_process_multisync_replication` that follows a `/sync` write (node lists sorted by node).
enum MultisyncStage: Equatable {
    /// Check that `/sync` does not name standbys that are not confirmed synchronous.
    case checkConfirmed(voters: [Int])
    /// Strict mode, then narrow `/sync` to the voters still confirmed.
    case pick(voters: [Int])
    /// Set `synchronous_standby_names` to the picked standbys; `/sync` holds `common`.
    case assign(common: [Int])
    /// Nothing more this cycle.
    case done
    /// Quorum mode: `/sync` now holds these voters (sorted by node) and this quorum.
    case quorumWritten(voters: [Int], quorum: Int)
}

/// `SyncHandler.current_state` on a primary: the value of `synchronous_standby_names`,
/// the standbys Patroni wants synchronous (`active`, at most `synchronous_node_count`)
/// and those among them that `pg_stat_replication` shows as synchronous and caught up
/// (`sync_confirmed`). Node lists are sorted by node index, so that they compare as sets.
struct SyncReplicationState: Equatable {
    /// `synchronous_standby_names` now.
    var names: SynchronousStandbyNames
    /// The standbys to make synchronous (`picked`).
    var active: [Int]
    /// The standbys that may be recorded in `/sync` (`allow_promote`).
    var confirmed: [Int]
}
