/// A binary min-heap of scheduled events ordered by `(time, sequence)`.
///
/// The sequence number is assigned when an event is scheduled, so two events at the
/// same instant always pop in the order they were scheduled: the order is total and
/// never depends on the heap's internal layout.
///
/// The heap itself holds only small plain keys; payloads live in a slot array and are
/// moved once in and once out. Sifting therefore never copies (or retains) a payload.
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
    }

    /// The heap's element: ordering fields and the payload's slot.
    @usableFromInline
    struct Key {
        @usableFromInline var time: Int64
        @usableFromInline var sequence: UInt64
        @usableFromInline var slot: Int

        @inlinable
        init(time: Int64, sequence: UInt64, slot: Int) {
            self.time = time
            self.sequence = sequence
            self.slot = slot
        }

        @inlinable @inline(__always)
        func precedes(_ other: Key) -> Bool {
            time != other.time ? time < other.time : sequence < other.sequence
        }
    }

    @usableFromInline var heap: [Key] = []
    @usableFromInline var payloads: [Payload?] = []
    @usableFromInline var freeSlots: [Int] = []

    @inlinable
    init() {}

    /// The number of queued events. O(1).
    @inlinable var count: Int { heap.count }

    /// Whether no event is queued. O(1).
    @inlinable var isEmpty: Bool { heap.isEmpty }

    /// The time of the earliest entry, if any. O(1).
    @inlinable var firstTime: SimInstant? { heap.first.map { SimInstant(microseconds: $0.time) } }

    /// The earliest entry, if any (a copy of its payload). O(1).
    @inlinable var first: Entry? {
        guard let key = heap.first, let payload = payloads[key.slot] else { return nil }
        return Entry(time: SimInstant(microseconds: key.time), sequence: key.sequence, payload: payload)
    }

    /// Adds an entry. O(log n).
    @inlinable
    mutating func push(_ entry: Entry) {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            payloads[slot] = entry.payload
        } else {
            slot = payloads.count
            payloads.append(entry.payload)
        }
        heap.append(Key(time: entry.time.microseconds, sequence: entry.sequence, slot: slot))
        var child = heap.count - 1
        let key = heap[child]
        while child > 0 {
            let parent = (child - 1) / 2
            if !key.precedes(heap[parent]) { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = key
    }

    /// Removes and returns the earliest entry. O(log n).
    @inlinable
    mutating func pop() -> Entry? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            var parent = 0
            let n = heap.count
            while true {
                let left = 2 * parent + 1
                if left >= n { break }
                let right = left + 1
                let best = right < n && heap[right].precedes(heap[left]) ? right : left
                if !heap[best].precedes(last) { break }
                heap[parent] = heap[best]
                parent = best
            }
            heap[parent] = last
        }
        guard let payload = payloads[top.slot].take() else {
            preconditionFailure("an event slot was empty when its event was popped")
        }
        freeSlots.append(top.slot)
        return Entry(time: SimInstant(microseconds: top.time), sequence: top.sequence, payload: payload)
    }
}
