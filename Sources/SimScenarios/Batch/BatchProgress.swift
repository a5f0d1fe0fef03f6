import Dispatch

/// How far a running batch (a sweep or an exploration) has got, for a progress line.
public struct BatchProgress: Sendable, Equatable {
    /// Runs finished.
    public var done: Int
    /// Runs in the batch (or shard).
    public var total: Int
    /// Violations found so far (a sweep counts violations, an exploration failed runs).
    public var violations: Int

    /// Creates a progress value.
    public init(done: Int, total: Int, violations: Int) {
        self.done = done
        self.total = total
        self.violations = violations
    }
}

/// The violations counted by the worker threads of a running batch.
final class ViolationTally: @unchecked Sendable {
    private var total = 0
    private let lock = DispatchSemaphore(value: 1)

    /// Adds `count` violations.
    func add(_ count: Int) {
        lock.wait()
        total += count
        lock.signal()
    }

    /// The violations counted so far.
    var value: Int {
        lock.wait()
        defer { lock.signal() }
        return total
    }
}
