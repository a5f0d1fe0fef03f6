/// One change the simplified quorum resolver makes next.
enum QuorumStep: Equatable {
    /// Set `synchronous_standby_names`.
    case setNames(SynchronousStandbyNames)
    /// Write `/sync` with these voters (sorted by node) and quorum.
    case writeSync(voters: [NodeID], quorum: Int)
    /// Nothing to change now.
    case steady
}
