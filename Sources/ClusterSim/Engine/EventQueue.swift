/// A binary min-heap of scheduled events ordered by `(time, sequence)`.
///
/// The sequence number is assigned when an event is scheduled, so two events at the
/// same instant always pop in the order they were scheduled: the order is total and
/// never depends on the heap's internal layout.
///
/// Entries are stored inline, and sifting moves them into a hole (the element being
/// placed is held aside and written once), so an entry is never copied while it moves
/// and a payload with references is never retained or released by the heap. The
/// simulation's events are plain data, so a move is a copy of a few words.
@usableFromInline
struct EventQueue<Payload> {
    /// One scheduled event.
    @usableFromInline
    struct Entry {
        @usableFromInline var time: SimInstant
        @usableFromInline var sequence: UInt64
        @usableFromInline var payload: Payload

        @inlinable
        init(time: SimInstant, sequence: UInt64, payload: Payload) {
            self.time = time
            self.sequence = sequence
            self.payload = payload
        }

        /// Whether this entry pops before `other`: earlier, or as early and scheduled first.
        @inlinable @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            time.microseconds != other.time.microseconds
                ? time.microseconds < other.time.microseconds
                : sequence < other.sequence
        }
    }

    @usableFromInline var heap: [Entry] = []

    @inlinable
    init() {}

    /// The number of queued events. O(1).
    @inlinable var count: Int { heap.count }

    /// Whether no event is queued. O(1).
    @inlinable var isEmpty: Bool { heap.isEmpty }

    /// The time of the earliest entry, if any. O(1).
    @inlinable var firstTime: SimInstant? { heap.first?.time }

    /// The earliest entry, if any (a copy of it). O(1).
    @inlinable var first: Entry? { heap.first }

    /// Adds an entry. O(log n).
    @inlinable
    mutating func push(_ entry: consuming Entry) {
        heap.append(entry)
        heap.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var hole = buffer.count - 1
            guard hole > 0, base[hole].precedes(base[(hole - 1) / 2]) else { return }
            let moving = (base + hole).move()
            repeat {
                let parent = (hole - 1) / 2
                (base + hole).moveInitialize(from: base + parent, count: 1)
                hole = parent
            } while hole > 0 && moving.precedes(base[(hole - 1) / 2])
            (base + hole).initialize(to: moving)
        }
    }

    /// Removes and returns the earliest entry. O(log n).
    @inlinable
    mutating func pop() -> Entry? {
        guard let last = heap.popLast() else { return nil }
        if heap.isEmpty { return last }
        return heap.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let n = buffer.count
            let top = base.move()
            var hole = 0
            while true {
                let left = 2 * hole + 1
                if left >= n { break }
                let right = left + 1
                let best = right < n && base[right].precedes(base[left]) ? right : left
                if !base[best].precedes(last) { break }
                (base + hole).moveInitialize(from: base + best, count: 1)
                hole = best
            }
            (base + hole).initialize(to: last)
            return top
        }
    }
}
