import ClusterSim

/// Generates a random fault schedule for one seed, swarm-style: each seed first picks
/// which fault kinds are enabled and how often each occurs, then draws the faults.
///
/// Faults are JSON values in the scenario format, so the schedule goes into a normal
/// scenario document that `simrun run` replays exactly.
public struct ScheduleGenerator: Sendable {
    /// The kinds the user allows (`--faults`).
    public var kinds: [FaultKind]
    /// When the first fault may happen (after the bootstrap).
    public var start: SimDuration = .seconds(40)
    /// How long the schedule lasts (`--length`).
    public var length: SimDuration = .minutes(10)
    /// The most faults of one schedule (`--max-faults`), heals and restarts not counted.
    public var maxFaults: Int = 6
    /// The nodes of the base scenario.
    public var nodes: [String]

    /// Creates a generator for `nodes` with the allowed `kinds`.
    public init(kinds: [FaultKind], nodes: [String]) {
        self.kinds = kinds
        self.nodes = nodes
    }

    /// The schedule of `seed`: the faults in time order, then a heal of everything and a
    /// start of every node, after which the cluster must converge.
    public func faults(seed: UInt64) -> [JSONValue] {
        var random = RandomStream(seed: seed, stream: "explore")
        var enabled = kinds.filter { _ in random.chance(0.5) }
        if enabled.isEmpty, !kinds.isEmpty { enabled = [kinds[Int(random.nextInt(below: UInt64(kinds.count)))]] }
        let weights = enabled.map { _ in 1 + Int(random.nextInt(below: 4)) }
        let count = 1 + Int(random.nextInt(below: UInt64(max(1, maxFaults))))
        var timed: [(at: Int64, fault: JSONValue)] = []
        let window = max(1, length.microseconds / 1_000_000)
        for _ in 0..<count where !enabled.isEmpty {
            let kind = pick(enabled, weights: weights, &random)
            let at = start.microseconds / 1_000_000 + random.nextInt(in: 0...(window - 1))
            timed += faults(of: kind, at: at, &random)
        }
        timed.sort { $0.at < $1.at }
        let end = start.microseconds / 1_000_000 + window + 5
        var schedule = timed.map(\.fault)
        schedule.append(fault("heal", at: end))
        for node in nodes { schedule.append(fault("start", at: end, target: node)) }
        return schedule
    }

    /// The faults every schedule ends with: a heal of everything and a start of every node.
    public var tailCount: Int { 1 + nodes.count }

    /// The seconds the scenario must last for this schedule: its end plus time to converge.
    public func duration(after faults: [JSONValue], convergence: SimDuration) -> SimDuration {
        let last = faults.compactMap(Self.atSeconds).max() ?? 0
        return .seconds(last) + convergence + .seconds(30)
    }

    private func faults(of kind: FaultKind, at: Int64, _ random: inout RandomStream) -> [(at: Int64, fault: JSONValue)] {
        let target = random.chance(0.6) ? "leader" : nodes[Int(random.nextInt(below: UInt64(nodes.count)))]
        let later = at + 5 + random.nextInt(in: 0...115)
        switch kind {
        case .kill, .stop, .killPatroni:
            var result = [(at, fault(kind.rawValue, at: at, target: target))]
            if random.chance(0.7) {
                // A role target is resolved when the fault fires, so the restart starts every
                // node (a no-op on the running ones).
                let restarted = target == "leader" ? nodes : [target]
                result += restarted.map { (later, fault("start", at: later, target: $0)) }
            }
            return result
        case .killPostgres:
            return [(at, fault(kind.rawValue, at: at, target: target))]
        case .freeze:
            return [(at, fault("freeze", at: at, target: target, extra: [("for", .string("\(1 + random.nextInt(in: 0...59))s"))]))]
        case .clockStep:
            let step = 1 + random.nextInt(in: 0...59)
            let sign = random.chance(0.5) ? "-" : "+"
            return [(at, fault("clock-step", at: at, target: target, extra: [("by", .string("\(sign)\(step)s"))]))]
        case .partition:
            let choices = ["etcd", "nodes", "clients"]
            var peers = choices.filter { _ in random.chance(0.5) }
            if peers.isEmpty { peers = [choices[Int(random.nextInt(below: 3))]] }
            let directions = ["both", "outbound", "inbound"]
            let direction = directions[Int(random.nextInt(below: 3))]
            let partition = fault("partition", at: at, target: target,
                                  extra: [("from", .array(peers.map(JSONValue.string))), ("direction", .string(direction))])
            return [(at, partition), (later, fault("heal", at: later, target: target == "leader" ? nil : target))]
        }
    }

    private func pick(_ kinds: [FaultKind], weights: [Int], _ random: inout RandomStream) -> FaultKind {
        var draw = Int(random.nextInt(below: UInt64(weights.reduce(0, +))))
        for (kind, weight) in zip(kinds, weights) {
            if draw < weight { return kind }
            draw -= weight
        }
        return kinds[kinds.count - 1]
    }

    private func fault(_ action: String, at seconds: Int64, target: String? = nil, extra: [(String, JSONValue)] = []) -> JSONValue {
        var entries: [(String, JSONValue)] = [("at", .string("\(seconds)s")), ("action", .string(action))]
        if let target { entries.append(("target", .string(target))) }
        entries += extra
        return .object(JSONObject(entries))
    }

    /// The whole seconds of a generated fault's `at`.
    static func atSeconds(_ fault: JSONValue) -> Int64? {
        guard case .object(let object) = fault, case .string(let at)? = object["at"], at.hasSuffix("s") else { return nil }
        return Int64(at.dropLast())
    }
}
