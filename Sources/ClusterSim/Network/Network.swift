/// The links between hosts: latency with jitter, and rules that drop traffic.
///
/// A message is delivered only if no rule drops traffic from its sender to its
/// receiver when it is sent. Dropped messages vanish; the caller's timeout notices.
/// A message travels inside its delivery event; etcd traffic waits in `held`.
struct Network {
    private let options: NetworkOptions
    private var random: RandomStream
    private var dropped: [Bool]
    private let hostCount: Int
    /// The etcd traffic sent and not yet delivered.
    var held = HeldPayloads()

    init(options: NetworkOptions, hostCount: Int, random: RandomStream) {
        self.options = options
        self.random = random
        self.hostCount = hostCount
        dropped = Array(repeating: false, count: hostCount * hostCount)
    }

    /// Whether traffic from `from` to `to` currently gets through.
    func isOpen(from: HostID, to: HostID) -> Bool { !dropped[from.index * hostCount + to.index] }

    /// Drops (or restores) traffic from `from` to `to`.
    mutating func setDropped(_ value: Bool, from: HostID, to: HostID) {
        dropped[from.index * hostCount + to.index] = value
    }

    /// Restores every link that involves `host`.
    mutating func heal(host: HostID) {
        for other in 0..<hostCount {
            dropped[host.index * hostCount + other] = false
            dropped[other * hostCount + host.index] = false
        }
    }

    /// Restores every link.
    mutating func healAll() {
        for i in dropped.indices { dropped[i] = false }
    }

    /// Whether any link rule is in force.
    var hasRules: Bool { dropped.contains(true) }

    /// Draws the one-way delay of the next message: latency plus uniform jitter.
    mutating func nextDelay() -> SimDuration {
        let jitter = options.jitter.microseconds
        let extra = jitter > 0 ? random.nextInt(in: 0...jitter) : 0
        return SimDuration(microseconds: options.latency.microseconds + extra)
    }
}
