import ClusterSim

extension ScenarioReader {
    /// The largest slow-down factor a `slow-disk` fault accepts.
    static let largestDiskFactor: Int64 = 1_000_000

    /// Reads a `slow-disk` fault's own keys: `factor` (required, at least 2) and an optional
    /// `for` duration; nil when a part is missing or wrong (and reported).
    mutating func slowDisk(target: FaultTarget?, in raw: JSONObject, at path: String) -> FaultAction? {
        if raw["factor"] == nil {
            fail(path, "missing required key \"factor\"")
        }
        let factor = integer(raw, "factor", in: path, IntegerRange(min: 2, max: Self.largestDiskFactor, unit: "times slower"))
        var length: SimDuration?
        if raw["for"] != nil {
            guard let given = duration(raw, "for", in: path, positive: true) else {
                return nil
            }
            length = given
        }
        guard let factor, let target else {
            return nil
        }
        return .slowDisk(target, factor: factor, for: length)
    }
}
