import ClusterSim

/// `simrun explore`: random fault schedules over many seeds, every invariant checked, and
/// failures shrunk to small scenario files that `simrun run` replays exactly.
public struct Exploration: Sendable {
    /// The base scenario's document (its cluster, workload and checks are kept; its faults are replaced).
    public let base: JSONValue
    /// The file it came from, for error messages and names.
    public let source: String
    /// The schedule generator.
    public let generator: ScheduleGenerator
    private let convergence: SimDuration
    private let baseName: String

    /// Prepares an exploration of `base` (already validated as a scenario).
    public init(base: JSONValue, source: String, kinds: [FaultKind], length: SimDuration, maxFaults: Int) throws(ScenarioError) {
        let scenario = try ScenarioDecoder.decode(base, file: source)
        self.base = base
        self.source = source
        var generator = ScheduleGenerator(kinds: kinds, nodes: scenario.options.nodes.map(\.name))
        generator.length = length
        generator.maxFaults = maxFaults
        self.generator = generator
        convergence = scenario.options.checks.convergeWithin ?? EffectiveTimers(scenario.options.patroni).ttl * 3
        baseName = scenario.name
    }

    /// The scenario document of `seed`: the base with the seed's schedule, seed and duration.
    public func document(seed: UInt64) -> JSONValue {
        let faults = generator.faults(seed: seed)
        guard case .object(var object) = base else { return base }
        object.set("name", .string("\(baseName)-explore-\(seed)"))
        object.set("seed", .uint(seed))
        object.set("duration", .string("\(generator.duration(after: faults, convergence: convergence).microseconds / 1_000_000)s"))
        object.set("faults", .array(faults))
        return .object(object)
    }

    /// Runs a document; nil if it does not decode (a generator bug, reported as such).
    public func run(_ document: JSONValue) -> Report? {
        guard var options = (try? ScenarioDecoder.decode(document, file: source))?.options else { return nil }
        options.recordHistory = false
        return Simulation(options: options).run()
    }

    /// Runs the schedule of `seed` and records what broke.
    public func record(seed: UInt64) -> ExploreRecord {
        let document = document(seed: seed)
        let faults = Self.faultCount(document)
        guard let report = run(document) else {
            return ExploreRecord(seed: seed, faults: faults, invariants: ["invalid-schedule"])
        }
        return ExploreRecord(seed: seed, faults: faults, invariants: Self.invariants(report))
    }

    /// Runs `seeds` on up to `jobs` cores; records come back in seed order whatever the
    /// cores. `progress` (from the worker threads) counts runs done and failed so far.
    public func explore(seeds: [UInt64], jobs: Int, progress: (@Sendable (BatchProgress) -> Void)? = nil) -> [ExploreRecord] {
        let failures = ViolationTally()
        let total = seeds.count
        let callback = progress.map { report in
            { @Sendable (done: Int) in report(BatchProgress(done: done, total: total, violations: failures.value)) }
        }
        let exploration = self
        return ParallelRuns.map(count: seeds.count, jobs: jobs, progress: callback) { index in
            let record = exploration.record(seed: seeds[index])
            if record.failed { failures.add(1) }
            return record
        }
    }

    /// Shrinks the failing schedule of `seed` to a smaller document that still breaks the
    /// first invariant the original broke. Returns nil if the seed does not fail.
    public func minimize(seed: UInt64, maxRuns: Int = 400) -> Minimized? {
        let original = document(seed: seed)
        guard let report = run(original), let target = Self.invariants(report).first else { return nil }
        let (smallest, runs) = Shrinker(maxRuns: maxRuns, keepLast: generator.tailCount).shrink(original) { candidate in
            guard let result = self.run(candidate) else { return false }
            return Self.invariants(result).contains(target)
        }
        guard case .object(var object) = smallest else { return nil }
        object.set("description", .string("Found by simrun explore of \(source), seed \(seed): \(target). "
            + "Shrunk from \(Self.faultCount(original)) to \(Self.faultCount(smallest)) faults in \(runs) runs."))
        return Minimized(seed: seed, invariant: target, document: .object(object),
                         faultsBefore: Self.faultCount(original), faultsAfter: Self.faultCount(smallest), runs: runs)
    }

    /// The invariants a report broke, sorted and unique.
    static func invariants(_ report: Report) -> [String] {
        Array(Set(report.violations.map(\.invariant.rawValue))).sorted()
    }

    static func faultCount(_ document: JSONValue) -> Int {
        guard case .object(let object) = document, case .array(let faults)? = object["faults"] else { return 0 }
        return faults.count
    }
}

/// A shrunk failing schedule.
public struct Minimized: Sendable {
    /// The seed that found it.
    public var seed: UInt64
    /// The invariant it still breaks.
    public var invariant: String
    /// The scenario document to write as `explore-<seed>-min.json`.
    public var document: JSONValue
    /// Faults before and after shrinking, and the runs spent.
    public var faultsBefore: Int
    public var faultsAfter: Int
    public var runs: Int

    /// The file name `explore-<seed>-min.json`.
    public var fileName: String { "explore-\(seed)-min.json" }
}
