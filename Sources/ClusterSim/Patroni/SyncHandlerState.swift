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
    var ready: [NodeID] = []
    /// Whether the strict-mode warning was logged for the current episode
    /// (`Ha._synchronous_strict_mode_activated`).
    var strictActivated = false
    /// Where `_process_multisync_replication` continues once the `/sync` write in flight is answered.
    var next: MultisyncStage?
}
