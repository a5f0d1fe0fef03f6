import ClusterSim

/// Runs scenarios and checks their `expect` blocks: the library side of `simrun run` and `simrun check`.
public enum ScenarioRunner {
    /// Runs `scenario` (with `seed` instead of the file's when given) and evaluates its expectations.
    ///
    /// `overrides` are the `--set` assignments already applied to the scenario; they are
    /// repeated in the reproduce command.
    public static func run(_ scenario: Scenario, seed: UInt64? = nil, overrides: [String] = []) -> RunSummary {
        run(scenario, seed: seed, overrides: overrides, snapshotsAt: []).summary
    }

    /// Runs `scenario` like ``run(_:seed:overrides:)`` and also takes a snapshot of the
    /// cluster (`patronictl list` rows and etcd keys) at each of `times`, in time order.
    ///
    /// The snapshots do not change the run: the report is the one ``run(_:seed:overrides:)``
    /// gives. A time past the end of the run is taken at the end. A time relative to the
    /// first fault (`T+10s`) needs the fault's instant, which a fault's `within` draws from
    /// the seed when the simulation is created: a second simulation, finished at once,
    /// reports it. Without faults such a time is measured from the start of the run.
    /// The checkpoints of the scenario's `expect.at` are taken the same way.
    ///
    /// Complexity: one run plus O(k log k) in the times.
    public static func run(_ scenario: Scenario, seed: UInt64? = nil, overrides: [String] = [],
                           snapshotsAt times: [SnapshotTime]) -> (summary: RunSummary, snapshots: [ClusterSnapshot]) {
        var options = scenario.options
        if let seed { options.seed = seed }
        let checkpoints = scenario.expectations.checkpoints
        let (report, taken) = runTakingSnapshots(options, at: checkpoints.map(\.time) + times)
        var shown = Array(taken.dropFirst(checkpoints.count))
        shown.sort { $0.at < $1.at }
        var distinct: [ClusterSnapshot] = []
        for snapshot in shown where distinct.last?.at != snapshot.at { distinct.append(snapshot) }
        let summary = RunSummary(
            report: report,
            expectations: scenario.expectations.evaluate(report, snapshots: Array(taken.prefix(checkpoints.count))),
            reproduceCommand: reproduceCommand(source: scenario.source, seed: options.seed, overrides: overrides),
            violationsAnticipated: scenario.expectations.anticipatesViolations)
        return (summary, distinct)
    }

    /// Runs `options` to the end and returns the report with one snapshot per entry of
    /// `times`, in the order of `times`.
    private static func runTakingSnapshots(_ options: ClusterOptions, at times: [SnapshotTime]) -> (Report, [ClusterSnapshot]) {
        let simulation = Simulation(options: options)
        guard !times.isEmpty else { return (simulation.run(), []) }
        var firstFault: SimInstant?
        if times.contains(where: \.isRelativeToFault) {
            let probe = Simulation(options: options)
            probe.run(until: .zero)
            firstFault = probe.finish().firstFaultAt
        }
        let end = SimInstant.zero + options.duration
        let instants = times.map { min(end, $0.instant(firstFault: firstFault)) }
        var snapshots = Array<ClusterSnapshot?>(repeating: nil, count: times.count)
        for index in instants.indices.sorted(by: { (instants[$0], $0) < (instants[$1], $1) }) {
            simulation.run(until: instants[index])
            var snapshot = simulation.snapshot()
            snapshot.at = instants[index]
            snapshots[index] = snapshot
        }
        simulation.run(until: end)
        return (simulation.finish(), snapshots.compactMap { $0 })
    }

    /// The one command that reproduces a run, e.g.
    /// `swift run simrun run Scenarios/lab4-failover-stop.json --seed 7 --set patroni.ttl=20`.
    public static func reproduceCommand(source: String, seed: UInt64, overrides: [String]) -> String {
        var words = ["swift", "run", "simrun", "run", shellQuoted(source), "--seed", String(seed)]
        for assignment in overrides { words += ["--set", shellQuoted(assignment)] }
        return words.joined(separator: " ")
    }

    private static func shellQuoted(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { scalar in
            (scalar.value >= 48 && scalar.value <= 57) || (scalar.value >= 65 && scalar.value <= 90)
                || (scalar.value >= 97 && scalar.value <= 122) || "-_./=,:+@%".unicodeScalars.contains(scalar)
        }
        if safe && !word.isEmpty { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

/// When to take a snapshot (`simrun run --at`): a time since the start of the run (`45s`)
/// or relative to the first fault (`T+10s`, `T-5s`, `T0`).
public enum SnapshotTime: Sendable, Equatable, CustomStringConvertible {
    /// This long after the start of the run.
    case sinceStart(SimDuration)
    /// This long after (or, negative, before) the first fault.
    case sinceFirstFault(SimDuration)

    /// Parses `45s`, `1.5m`, `T+10s`, `T-5s` or `T0`; nil when `text` is none of these.
    public static func parse(_ text: String) -> SnapshotTime? {
        if text == "T0" || text == "T+0" || text == "T" { return .sinceFirstFault(.zero) }
        if text.hasPrefix("T+") || text.hasPrefix("T-") {
            guard let duration = try? DurationText.parse(String(text.dropFirst(2))) else { return nil }
            return .sinceFirstFault(text.hasPrefix("T-") ? .zero - duration : duration)
        }
        guard let duration = try? DurationText.parse(text) else { return nil }
        return .sinceStart(duration)
    }

    /// Whether the time is measured from the first fault.
    public var isRelativeToFault: Bool {
        if case .sinceFirstFault = self { return true }
        return false
    }

    /// The instant, given the first fault's (the start of the run without faults); never
    /// before the start of the run.
    public func instant(firstFault: SimInstant?) -> SimInstant {
        switch self {
        case .sinceStart(let duration):
            return .zero + duration
        case .sinceFirstFault(let offset):
            return max(.zero, (firstFault ?? .zero) + offset)
        }
    }

    /// `45.0s` or `T+10.0s`.
    public var description: String {
        switch self {
        case .sinceStart(let duration):
            return duration.description
        case .sinceFirstFault(let offset):
            return "T" + (offset < .zero ? "" : "+") + offset.description
        }
    }
}
