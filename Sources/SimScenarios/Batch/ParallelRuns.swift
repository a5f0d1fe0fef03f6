import Dispatch

/// Runs independent jobs on every core and returns their results in job order.
///
/// Each job is a whole simulation, single-threaded inside; parallelism lives only
/// above it. Results land in per-job slots, so the output never depends on which core
/// finished first or on the number of cores.
public enum ParallelRuns {
    /// Computes `body(i)` for every `i` in `0..<count` on up to `jobs` threads and
    /// returns the results in index order. `progress` is called from the worker threads
    /// after each job with the number of jobs done so far.
    public static func map<Result: Sendable>(
        count: Int, jobs: Int,
        progress: (@Sendable (Int) -> Void)? = nil,
        _ body: @Sendable (Int) -> Result
    ) -> [Result] {
        guard count > 0 else { return [] }
        let slots = ResultSlots<Result>(count: count)
        let workers = max(1, min(jobs, count))
        let next = SharedCounter()
        let done = SharedCounter()
        // Each worker takes the next job when it is free, so runs of uneven length do not
        // leave a core idle while another still has a queue.
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.increment() - 1
                guard index < count else { return }
                slots.store(body(index), at: index)
                progress?(done.increment())
            }
        }
        return slots.results()
    }
}

/// Per-index result storage written by one thread each and read after all joined.
private final class ResultSlots<Result>: @unchecked Sendable {
    private var storage: [Result?]
    private let lock = DispatchSemaphore(value: 1)

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    func store(_ result: Result, at index: Int) {
        lock.wait()
        storage[index] = result
        lock.signal()
    }

    func results() -> [Result] {
        lock.wait()
        defer { lock.signal() }
        return storage.map { slot in
            guard let slot else { preconditionFailure("a parallel job finished without a result") }
            return slot
        }
    }
}

/// A counter shared by the worker threads.
private final class SharedCounter: @unchecked Sendable {
    private var value = 0
    private let lock = DispatchSemaphore(value: 1)

    func increment() -> Int {
        lock.wait()
        defer { lock.signal() }
        value += 1
        return value
    }
}
