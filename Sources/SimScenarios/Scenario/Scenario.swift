import ClusterSim

/// A decoded and validated scenario file: the run's options and what it expects.
public struct Scenario: Sendable, Equatable {
    /// The `name` field.
    public var name: String
    /// The `description` field (may be empty).
    public var description: String
    /// The compiled options for `ClusterSim.Simulation`.
    public var options: ClusterOptions
    /// The `expect` block.
    public var expectations: Expectations
    /// The file it came from (as given on the command line), or a label such as `<built-in>`.
    public var source: String

    /// Creates a scenario.
    public init(name: String, description: String, options: ClusterOptions, expectations: Expectations, source: String) {
        self.name = name
        self.description = description
        self.options = options
        self.expectations = expectations
        self.source = source
    }
}
