/// Latency of the simulated network between any two hosts.
public struct NetworkOptions: Sendable, Equatable {
    /// The base one-way latency of a message.
    public var latency: SimDuration = .micros(1_000)
    /// The largest extra delay added uniformly at random to a message.
    public var jitter: SimDuration = .micros(500)

    /// Creates the default network (1 ms, up to 0.5 ms jitter).
    public init() {}
}
