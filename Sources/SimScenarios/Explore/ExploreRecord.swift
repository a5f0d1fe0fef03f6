/// What one exploration run found: the seed, the size of its schedule and the invariants
/// it broke. Summaries are computed from these records only, so shards merge exactly.
public struct ExploreRecord: Sendable, Equatable {
    /// The seed that generated the schedule and drove the run.
    public var seed: UInt64
    /// The number of faults in the schedule.
    public var faults: Int
    /// The invariants broken, sorted, each once (empty when the run passed).
    public var invariants: [String]

    /// Creates a record.
    public init(seed: UInt64, faults: Int, invariants: [String]) {
        self.seed = seed
        self.faults = faults
        self.invariants = invariants
    }

    /// Whether the run broke any invariant.
    public var failed: Bool { !invariants.isEmpty }

    /// The record as one JSON line.
    public var jsonLine: String {
        JSONWriter.write(.object(JSONObject([
            ("seed", .uint(seed)),
            ("faults", .int(faults)),
            ("invariants", .array(invariants.map(JSONValue.string))),
        ])), pretty: false)
    }

    /// Reads a record written by `jsonLine`.
    public init?(_ value: JSONValue) {
        guard case .object(let object) = value,
              case .number(let seed)? = object["seed"], let seedValue = UInt64(seed.literal),
              case .number(let faults)? = object["faults"], let faultCount = faults.int64Value,
              case .array(let names)? = object["invariants"] else { return nil }
        var invariants: [String] = []
        for name in names {
            guard case .string(let text) = name else { return nil }
            invariants.append(text)
        }
        self.init(seed: seedValue, faults: Int(faultCount), invariants: invariants)
    }
}

/// The summary of an exploration: runs, failures by invariant, first failing seeds.
public struct ExploreSummary: Sendable, Equatable {
    /// Runs made.
    public var runs: Int
    /// Runs that broke at least one invariant.
    public var failedRuns: Int
    /// For each invariant broken, the number of runs that broke it, sorted by name.
    public var runsByInvariant: [(invariant: String, runs: Int)]
    /// The lowest failing seeds (at most ten).
    public var firstFailingSeeds: [UInt64]

    /// Summarises `records` (in any order).
    public init(_ records: [ExploreRecord]) {
        runs = records.count
        let failures = records.filter(\.failed).sorted { $0.seed < $1.seed }
        failedRuns = failures.count
        var counts: [String: Int] = [:]
        for record in failures {
            for invariant in record.invariants { counts[invariant, default: 0] += 1 }
        }
        runsByInvariant = counts.keys.sorted().map { ($0, counts[$0] ?? 0) }
        firstFailingSeeds = Array(failures.prefix(10).map(\.seed))
    }

    public static func == (a: ExploreSummary, b: ExploreSummary) -> Bool {
        a.runs == b.runs && a.failedRuns == b.failedRuns && a.firstFailingSeeds == b.firstFailingSeeds
            && a.runsByInvariant.map(\.invariant) == b.runsByInvariant.map(\.invariant)
            && a.runsByInvariant.map(\.runs) == b.runsByInvariant.map(\.runs)
    }

    /// The summary as text lines.
    public var text: String {
        var lines = ["runs: \(runs)", "failed runs: \(failedRuns)"]
        for (invariant, count) in runsByInvariant {
            lines.append("  \(invariant): \(count) runs")
        }
        lines.append("first failing seeds: " + (firstFailingSeeds.isEmpty ? "none" : firstFailingSeeds.map(String.init).joined(separator: ", ")))
        return lines.joined(separator: "\n") + "\n"
    }
}
