/// The client write workload and how it reaches the primary.
public struct WorkloadOptions: Sendable, Equatable {
    /// Writes started per second, evenly spaced (0 disables the workload).
    public var writesPerSecond: Int = 20
    /// When the workload starts.
    public var startAt: SimInstant = .zero
    /// How clients find the primary.
    public var router: RouterKind = .haproxy
    /// HAProxy's health checks of `/primary`.
    public var haproxy = HAProxyOptions()
    /// How long a client waits for an answer before it reports a timeout.
    public var clientTimeout: SimDuration = .seconds(5)

    /// Creates the default workload: 20 writes per second through HAProxy.
    public init() {}
}

/// How a client write finds a node.
public enum RouterKind: String, Sendable, Equatable, CaseIterable {
    /// An HAProxy that sends writes to the servers whose check is up: Patroni's REST `/primary`,
    /// or, without Patroni, a SQL check that the server is not in recovery.
    case haproxy
    /// The application's connection string names one server, which only an operator changes
    /// (the `"ha": "manual"` picture).
    case fixed
}

/// HAProxy's `default-server inter 3s fall 3 rise 2` and `option httpchk OPTIONS /primary`.
public struct HAProxyOptions: Sendable, Equatable {
    /// Interval between two checks of one server.
    public var inter: SimDuration = .seconds(3)
    /// Consecutive failed checks that mark a server down.
    public var fall: Int = 3
    /// Consecutive good checks that mark a server up.
    public var rise: Int = 2
    /// Timeout of one check (HAProxy's `timeout check`, defaulting to `inter`).
    public var checkTimeout: SimDuration = .seconds(3)

    /// Creates the example configuration from Patroni's `haproxy.cfg`.
    public init() {}
}
