/// The scheduled events, ordered by `(time, sequence)`: two binary min-heaps, one for
/// events due soon and one for later ones, popped by comparing their heads.
///
/// The sequence number is assigned when an event is scheduled, so two events at the
/// same instant always pop in the order they were scheduled: the order is total and
/// never depends on the heaps' layout, nor on which heap holds an event.
///
/// Why two heaps: most events of a run are messages due within milliseconds, while
/// dozens of timers (retries, timeouts, the next HA cycle) wait seconds ahead. In one
/// heap every message would sift past those timers on its way in and again on its way
/// out; with the timers in their own heap, a message travels through a heap of a few
/// other messages. The caller says which heap an entry goes to (`soon`); any choice is
/// correct, a good one is fast.
/// The queue owns its storage and cannot be copied.
@usableFromInline
struct EventQueue<Payload>: ~Copyable {
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

    /// Events due soon (messages on the wire).
    @usableFromInline var soon = Heap()
    /// Every other event (timers).
    @usableFromInline var later = Heap()

    @inlinable
    init() {}

    /// The number of queued events. O(1).
    @inlinable var count: Int { soon.count + later.count }

    /// Whether no event is queued. O(1).
    @inlinable var isEmpty: Bool { soon.count == 0 && later.count == 0 }

    /// The time of the earliest entry, if any. O(1).
    @inlinable var firstTime: SimInstant? { first?.time }

    /// The earliest entry, if any (a copy of it). O(1).
    @inlinable var first: Entry? {
        guard let head = soon.head else { return later.head }
        guard let other = later.head else { return head }
        return other.precedes(head) ? other : head
    }

    /// Adds an entry, to the heap of events due soon if `soon`. O(log n).
    @inlinable
    mutating func push(_ entry: consuming Entry, soon isSoon: Bool = false) {
        if isSoon {
            soon.push(entry)
        } else {
            later.push(entry)
        }
    }

    /// Whether the earliest entry is in `later`: true when `soon` is empty (or both are). O(1).
    @inlinable var earliestIsLater: Bool {
        soon.count == 0 || later.count > 0 && later.base[0].precedes(soon.base[0])
    }

    /// Removes and returns the earliest entry. O(log n).
    @inlinable
    mutating func pop() -> Entry? {
        earliestIsLater ? later.pop() : soon.pop()
    }

    /// Removes and returns the earliest entry if it is due at or before `limit`, in one
    /// look at the heads (instead of reading `first` and then popping). O(log n).
    @inlinable
    mutating func pop(notAfter limit: SimInstant) -> Entry? {
        if earliestIsLater {
            guard later.count > 0, later.base[0].time.microseconds <= limit.microseconds else { return nil }
            return later.pop()
        }
        guard soon.base[0].time.microseconds <= limit.microseconds else { return nil }
        return soon.pop()
    }

    /// A binary min-heap of entries in a buffer that only this heap owns.
    ///
    /// The heap cannot be copied, so a push or a pop never checks whether its storage is
    /// shared (as an array would, on every mutation). Sifting moves entries into a hole
    /// (the entry being placed is held aside and written once), so an entry is never
    /// copied while it moves and a payload with references is never retained or released.
    /// Index arithmetic wraps: indices stay below the count, far from overflow.
    @usableFromInline
    struct Heap: ~Copyable {
        @usableFromInline var base: UnsafeMutablePointer<Entry>
        @usableFromInline var count = 0
        @usableFromInline var capacity: Int

        @inlinable
        init() {
            capacity = 64
            base = .allocate(capacity: 64)
        }

        @inlinable
        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }

        /// The least entry, if any (a copy of it). O(1).
        @inlinable var head: Entry? { count > 0 ? base[0] : nil }

        /// Adds an entry. O(log n); the buffer doubles when full.
        @inlinable
        mutating func push(_ entry: consuming Entry) {
            if count == capacity { grow() }
            let hole = count
            count &+= 1
            place(entry, risingFrom: hole)
        }

        /// Writes `entry` into the empty slot `hole` or, while it precedes the parent of
        /// the hole, moves that parent down into the hole and tries one level up.
        @inlinable @inline(__always)
        func place(_ entry: consuming Entry, risingFrom start: Int) {
            var hole = start
            while hole > 0 {
                let parent = (hole &- 1) / 2
                guard entry.precedes(base[parent]) else { break }
                (base + hole).initialize(to: (base + parent).move())
                hole = parent
            }
            (base + hole).initialize(to: entry)
        }

        /// Doubles the buffer, moving the entries over.
        @usableFromInline
        mutating func grow() {
            let larger = UnsafeMutablePointer<Entry>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = larger
            capacity *= 2
        }

        /// Removes and returns the least entry. O(log n).
        ///
        /// Floyd's method: the hole left at the root moves down along the lesser child
        /// all the way to the bottom (one comparison per level), then the last entry
        /// rises from there, which is rarely more than a level since it came from the bottom.
        @inlinable
        mutating func pop() -> Entry? {
            guard count > 0 else { return nil }
            count &-= 1
            let top = base.move()
            let n = count
            guard n > 0 else { return top }
            let last = (base + n).move()
            var hole = 0
            var left = 1
            while left < n {
                let right = left &+ 1
                let lesser = right < n && base[right].precedes(base[left]) ? right : left
                (base + hole).initialize(to: (base + lesser).move())
                hole = lesser
                left = 2 &* hole &+ 1
            }
            place(last, risingFrom: hole)
            return top
        }
    }
}
