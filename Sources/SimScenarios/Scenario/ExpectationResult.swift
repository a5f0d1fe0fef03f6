/// The outcome of one check of a scenario's `expect` block.
public struct ExpectationResult: Sendable, Equatable {
    /// The check's name as written in the scenario, e.g. `failover_time.max`.
    public var check: String
    /// What the scenario expected, as text (`<= 45.0s`).
    public var expected: String
    /// What the run produced, as text (`27.3s`).
    public var actual: String
    /// Whether the expectation held.
    public var held: Bool

    /// Creates a result.
    public init(check: String, expected: String, actual: String, held: Bool) {
        self.check = check
        self.expected = expected
        self.actual = actual
        self.held = held
    }
}
