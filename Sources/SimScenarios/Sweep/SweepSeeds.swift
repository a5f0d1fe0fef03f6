/// The seeds every grid point runs with: `count` consecutive seeds from `first`.
public struct SweepSeeds: Sendable, Equatable {
    /// The first seed.
    public private(set) var first: UInt64
    /// How many seeds.
    public private(set) var count: Int

    /// The most runs (points × seeds) one sweep may hold.
    public static let mostRuns = 10_000_000

    /// Creates the range `first ..< first + count`, which must fit in 64 bits.
    public init(first: UInt64 = 1, count: Int) throws(SweepError) {
        guard count >= 1, count <= Self.mostRuns else {
            throw .option("--seeds takes a number of seeds from 1 to \(Self.mostRuns), got \(count)")
        }
        guard first <= UInt64.max - UInt64(count - 1) else {
            throw .option("--first-seed \(first) with --seeds \(count) runs past the largest seed \(UInt64.max)")
        }
        self.first = first
        self.count = count
    }

    /// The seed at `offset` (0-based).
    public func seed(_ offset: Int) -> UInt64 {
        first + UInt64(offset)
    }

    /// The last seed.
    public var last: UInt64 { seed(count - 1) }

    /// The seeds as text: `1..500`, or `7` for a single seed.
    public var description: String {
        count == 1 ? String(first) : "\(first)..\(last)"
    }
}
