/// The grid of a sweep: the cartesian product of its axes, in the order the axes were given.
///
/// The first axis varies slowest, like the outer loop of nested loops: the grid
/// `ttl=20,30` × `loop_wait=2,5` has the points (20, 2), (20, 5), (30, 2), (30, 5).
/// A grid without axes has one point, the scenario as it is.
public struct SweepGrid: Sendable, Equatable {
    /// The axes in the order given.
    public private(set) var axes: [SweepAxis]

    /// The most points a grid may have.
    public static let mostPoints = 10_000

    /// Creates a grid, checking that no field is swept twice and that the product stays
    /// within ``mostPoints``.
    public init(axes: [SweepAxis]) throws(SweepError) {
        for (index, axis) in axes.enumerated() {
            if axis.steps == [.key("seed")] {
                throw .grid(spec: axis.key, message: "every point runs every seed; choose them with --seeds and --first-seed")
            }
            if let earlier = axes[..<index].first(where: { $0.steps == axis.steps }) {
                throw .grid(spec: axis.key, message: "the field is already swept by --grid \(ScenarioText.quoted(earlier.key))")
            }
        }
        var count = 1
        for axis in axes {
            guard !axis.values.isEmpty else { throw .grid(spec: axis.key, message: "the axis has no values") }
            count *= axis.values.count
            guard count <= Self.mostPoints else {
                throw .option("the grid has more than \(Self.mostPoints) points; sweep fewer values or split the sweep")
            }
        }
        self.axes = axes
    }

    /// Parses each `--grid` specification (see ``SweepAxis/parse(_:)``) and builds the grid.
    public static func parse(_ specs: [String]) throws(SweepError) -> SweepGrid {
        var axes: [SweepAxis] = []
        for spec in specs {
            axes.append(try SweepAxis.parse(spec))
        }
        return try SweepGrid(axes: axes)
    }

    /// The number of points: the product of the axes' value counts.
    public var count: Int {
        axes.reduce(1) { $0 * $1.values.count }
    }

    /// The value index on every axis of point `index` (first axis slowest).
    public func coordinates(of index: Int) -> [Int] {
        var rest = index
        var coordinates = Array(repeating: 0, count: axes.count)
        for axis in axes.indices.reversed() {
            coordinates[axis] = rest % axes[axis].values.count
            rest /= axes[axis].values.count
        }
        return coordinates
    }

    /// The `KEY=VALUE` assignments of point `index`, one per axis in axis order.
    public func assignments(of index: Int) -> [String] {
        zip(axes, coordinates(of: index)).map { axis, value in axis.assignment(value) }
    }
}
