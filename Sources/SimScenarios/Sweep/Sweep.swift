import Dispatch
import ClusterSim

/// A sweep ready to run: its plan and the decoded scenario of every valid grid point.
///
/// Each run is one single-threaded simulation; ``run(shard:threads:progress:)`` spreads
/// them over threads with ``ParallelRuns`` and returns the records in job order, so the
/// result never depends on the number of threads.
public struct Sweep: Sendable {
    /// What the sweep runs and how its output is labelled.
    public let plan: SweepPlan
    /// The scenario of each point, nil for an invalid one.
    private let scenarios: [Scenario?]

    /// Sets up a sweep of `document` (the scenario file `source` as parsed): applies `sets`,
    /// decodes the result (whose errors are the scenario's, thrown as
    /// ``SweepError/scenario(_:)``), then applies and decodes every grid point. A point
    /// that does not decode is marked invalid with its error; it is not a failure.
    ///
    /// Complexity: O(*p* × *s*) for *p* points of a scenario of size *s*.
    public static func prepare(document: JSONValue, source: String, sets: [String] = [],
                               grid: SweepGrid, seeds: SweepSeeds) throws(SweepError) -> Sweep {
        let base: JSONValue
        let scenario: Scenario
        do throws(ScenarioError) {
            base = try ScenarioOverrides.apply(sets, to: document)
            scenario = try ScenarioDecoder.decode(base, file: source)
        } catch {
            throw .scenario(error)
        }
        guard grid.count * seeds.count <= SweepSeeds.mostRuns else {
            throw .option("\(grid.count) grid points × \(seeds.count) seeds is more than \(SweepSeeds.mostRuns) runs; "
                + "sweep fewer seeds or points")
        }
        var points: [SweepPoint] = []
        var scenarios: [Scenario?] = []
        for index in 0..<grid.count {
            let assignments = grid.assignments(of: index)
            let decoded: Result<Scenario, ScenarioError>
            do throws(ScenarioError) {
                decoded = .success(try ScenarioDecoder.decode(try ScenarioOverrides.apply(assignments, to: base), file: source))
            } catch {
                decoded = .failure(error)
            }
            points.append(SweepPoint(index: index, assignments: assignments, scenario: decoded))
            scenarios.append(try? decoded.get())
        }
        let plan = SweepPlan(source: source, scenario: scenario.name, digest: SweepPlan.digest(of: base),
                             sets: sets, grid: grid, seeds: seeds, points: points)
        return Sweep(plan: plan, scenarios: scenarios)
    }

    /// Reads the scenario file at `path` and sets up the sweep (see
    /// ``prepare(document:source:sets:grid:seeds:)``).
    public static func load(path: String, sets: [String] = [], grid: SweepGrid, seeds: SweepSeeds) throws(SweepError) -> Sweep {
        let document: JSONValue
        do throws(ScenarioError) {
            document = try ScenarioLoader.document(path: path)
        } catch {
            throw .scenario(error)
        }
        return try prepare(document: document, source: path, sets: sets, grid: grid, seeds: seeds)
    }

    /// Runs job `index` (see ``SweepPlan/job(_:)``) and reduces it to its record.
    ///
    /// The scenario's `expect` block is not checked: the grid changes what it expects, so
    /// the record's verdict comes from the invariants alone.
    public func record(job index: Int) -> RunRecord {
        let (point, seed) = plan.job(index)
        guard let scenario = scenarios[point] else {
            preconditionFailure("Job \(index) belongs to the invalid grid point \(point).")
        }
        var options = scenario.options
        options.seed = seed
        options.recordHistory = false
        let summary = RunSummary(report: Simulation(options: options).run(), expectations: [], reproduceCommand: "")
        return RunRecord(point: point, assignments: plan.points[point].assignments, seed: seed,
                         row: ComparisonRow(name: scenario.name, summary: summary))
    }

    /// The number of jobs in `shard` (all jobs when nil).
    public func jobCount(shard: RunShard?) -> Int {
        guard let shard else { return plan.jobCount }
        return (plan.jobCount - shard.index + shard.count) / shard.count
    }

    /// Runs the jobs of `shard` (every job when nil) on up to `threads` threads and returns
    /// their records in job order. `progress` is called from the worker threads after each
    /// run.
    public func run(shard: RunShard? = nil, threads: Int,
                    progress: (@Sendable (BatchProgress) -> Void)? = nil) -> [RunRecord] {
        let total = jobCount(shard: shard)
        let first = shard.map { $0.index - 1 } ?? 0
        let stride = shard?.count ?? 1
        let violations = ViolationTally()
        var callback: (@Sendable (Int) -> Void)?
        if let progress {
            callback = { @Sendable (done: Int) in
                progress(BatchProgress(done: done, total: total, violations: violations.value))
            }
        }
        let sweep = self
        return ParallelRuns.map(count: total, jobs: threads, progress: callback) { offset in
            let record = sweep.record(job: first + offset * stride)
            violations.add(record.violationCount)
            return record
        }
    }
}
