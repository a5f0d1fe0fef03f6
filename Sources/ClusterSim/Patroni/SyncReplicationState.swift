/// `SyncHandler.current_state` on a primary: the value of `synchronous_standby_names`,
/// the standbys Patroni wants synchronous (`active`, at most `synchronous_node_count`)
/// and those among them that `pg_stat_replication` shows as synchronous and caught up
/// (`sync_confirmed`). Node lists are sorted by node index, so that they compare as sets.
struct SyncReplicationState: Equatable {
    /// `synchronous_standby_names` now.
    var names: SynchronousStandbyNames
    /// The standbys to make synchronous (`picked`).
    var active: [NodeID]
    /// The standbys that may be recorded in `/sync` (`allow_promote`).
    var confirmed: [NodeID]
}
