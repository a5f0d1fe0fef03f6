/// Percentiles by the nearest-rank method, the one definition every sweep figure uses.
///
/// The p-th percentile of *n* sorted values is the value at rank ⌈p × n / 100⌉ (1-based):
/// always one of the values, never an interpolation, so integer inputs give integer
/// outputs and the result does not depend on floating point.
public enum Percentile {
    /// The `percent`-th percentile (1...100) of `sorted`, which must be in ascending order;
    /// nil for an empty array.
    ///
    /// Complexity: O(1).
    public static func nearestRank(_ sorted: [Int64], percent: Int) -> Int64? {
        precondition((1...100).contains(percent), "A nearest-rank percentile needs a percent in 1...100, got \(percent).")
        guard !sorted.isEmpty else { return nil }
        let rank = (percent * sorted.count + 99) / 100
        return sorted[rank - 1]
    }
}
