/// A deterministic part of a batch's runs (sweep jobs or explore seeds): `--shard k/n` takes the jobs whose index
/// modulo `n` is `k − 1`, so `n` shards together hold every job exactly once and each
/// holds a spread of grid points.
public struct RunShard: Sendable, Equatable, CustomStringConvertible {
    /// The shard's number, 1...count.
    public private(set) var index: Int
    /// How many shards the sweep is split into.
    public private(set) var count: Int

    /// The most shards a sweep may be split into.
    public static let mostShards = 1_000_000

    /// Creates shard `index` of `count`.
    public init(index: Int, count: Int) throws(SweepError) {
        guard count >= 1, count <= Self.mostShards, index >= 1, index <= count else {
            throw .option("--shard takes k/n with 1 ≤ k ≤ n ≤ \(Self.mostShards), got \(index)/\(count)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `k/n`, such as `3/8`.
    public static func parse(_ text: String) throws(SweepError) -> RunShard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw .option("--shard takes k/n such as 1/4 (the k-th of n shards, counting from 1), got '\(text)'")
        }
        return try RunShard(index: index, count: count)
    }

    /// Whether job `job` belongs to this shard.
    public func contains(job: Int) -> Bool {
        job % count == index - 1
    }

    /// `k/n`.
    public var description: String { "\(index)/\(count)" }
}
