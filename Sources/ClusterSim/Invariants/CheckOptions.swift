/// Bounds the safety and liveness checkers hold a run to.
public struct CheckOptions: Sendable, Equatable {
    /// The longest a node may accept writes without a live leader lease before
    /// `fenced-primary` is a violation (default zero: any such window is one).
    public var fencedPrimaryBound: SimDuration = .zero
    /// How long after the last fault the cluster has to converge (one leader, every running
    /// member streaming from it on its timeline); nil means three times `ttl`.
    public var convergeWithin: SimDuration?
    /// Whether a lost acknowledged write is a violation of `no-lost-acknowledged-writes`.
    /// It always is with `synchronous_mode`; scenarios that expect no lost writes set it.
    public var lostWritesAreViolations = false

    /// Creates the defaults.
    public init() {}
}
