/// A binary min-heap of scheduled events ordered by `(time, sequence)`.
///
/// The sequence number is assigned when an event is scheduled, so two events at the
/// same instant always pop in the order they were scheduled: the order is total and
/// never depends on the heap's internal layout.
struct EventQueue<Payload> {
    /// One entry of the heap.
    struct Entry {
        var time: SimInstant
        var sequence: UInt64
        var payload: Payload

        @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            time.microseconds != other.time.microseconds
                ? time.microseconds < other.time.microseconds
                : sequence < other.sequence
        }
    }

    private var storage: [Entry] = []

    /// The number of queued events. O(1).
    var count: Int { storage.count }

    /// Whether no event is queued. O(1).
    var isEmpty: Bool { storage.isEmpty }

    /// The earliest entry, if any. O(1).
    var first: Entry? { storage.first }

    /// Adds an entry. O(log n).
    mutating func push(_ entry: Entry) {
        storage.append(entry)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if !storage[child].precedes(storage[parent]) { break }
            storage.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest entry. O(log n).
    mutating func pop() -> Entry? {
        guard !storage.isEmpty else { return nil }
        let last = storage.count - 1
        storage.swapAt(0, last)
        let top = storage.removeLast()
        var parent = 0
        let n = storage.count
        while true {
            let left = 2 * parent + 1
            if left >= n { break }
            let right = left + 1
            var best = left
            if right < n && storage[right].precedes(storage[left]) { best = right }
            if !storage[best].precedes(storage[parent]) { break }
            storage.swapAt(parent, best)
            parent = best
        }
        return top
    }
}
