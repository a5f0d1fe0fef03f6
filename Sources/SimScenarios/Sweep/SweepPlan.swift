import ClusterSim

/// Everything a sweep's output depends on besides its runs: the scenario, the `--set`
/// overrides, the grid, the seeds and every point as set up.
///
/// Shard files carry the plan in their header, and the summary is a function of the plan
/// and the runs' ``RunRecord``s alone, so a merge of shards prints the same bytes as one
/// unsharded sweep.
public struct SweepPlan: Sendable, Equatable {
    /// The scenario file as named on the command line.
    public private(set) var source: String
    /// The scenario's `name`.
    public private(set) var scenario: String
    /// The FNV-1a digest (16 hex digits) of the scenario document with `--set` applied,
    /// written compactly with sorted keys: shards of different files do not merge.
    public private(set) var digest: String
    /// The `--set` assignments applied before the grid.
    public private(set) var sets: [String]
    /// The grid.
    public private(set) var grid: SweepGrid
    /// The seeds every valid point runs with.
    public private(set) var seeds: SweepSeeds
    /// Every grid point, valid or not, in grid order.
    public private(set) var points: [SweepPoint]

    /// Creates a plan.
    public init(source: String, scenario: String, digest: String, sets: [String], grid: SweepGrid, seeds: SweepSeeds, points: [SweepPoint]) {
        precondition(points.count == grid.count, "A sweep plan needs one point per grid point.")
        self.source = source
        self.scenario = scenario
        self.digest = digest
        self.sets = sets
        self.grid = grid
        self.seeds = seeds
        self.points = points
        runnablePoints = points.filter(\.isValid).map(\.index)
    }

    /// The indices of the valid points, the only ones that run.
    public private(set) var runnablePoints: [Int]

    /// The number of runs: valid points × seeds.
    public var jobCount: Int {
        runnablePoints.count * seeds.count
    }

    /// The point and seed of job `index`: jobs go through the valid points in grid order
    /// and, within a point, through the seeds in order.
    ///
    /// Complexity: O(1).
    public func job(_ index: Int) -> (point: Int, seed: UInt64) {
        precondition(index >= 0 && index < jobCount, "Job \(index) is outside the sweep's \(jobCount) jobs.")
        return (runnablePoints[index / seeds.count], seeds.seed(index % seeds.count))
    }

    /// Whether `other` describes the same sweep, wherever its scenario file was read from.
    public func agrees(with other: SweepPlan) -> Bool {
        var other = other
        other.source = source
        return self == other
    }

    /// The digest of `document` as ``digest`` defines it.
    static func digest(of document: JSONValue) -> String {
        let hex = String(FNV1a.hash(JSONWriter.write(document, pretty: false)), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
