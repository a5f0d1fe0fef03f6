/// A step of `_process_multisync_replication` that follows a `/sync` write (node lists sorted by node).
enum MultisyncStage: Equatable {
    /// Check that `/sync` does not name standbys that are not confirmed synchronous.
    case checkConfirmed(voters: [NodeID])
    /// Strict mode, then narrow `/sync` to the voters still confirmed.
    case pick(voters: [NodeID])
    /// Set `synchronous_standby_names` to the picked standbys; `/sync` holds `common`.
    case assign(common: [NodeID])
    /// Nothing more this cycle.
    case done
    /// Quorum mode: `/sync` now holds these voters (sorted by node) and this quorum.
    case quorumWritten(voters: [NodeID], quorum: Int)
}
