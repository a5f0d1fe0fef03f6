/// The client writes waiting for an answer, by consecutive ID, oldest first.
///
/// Every write gets the same client timeout, so deadlines grow with the ID and the
/// oldest pending write always expires first: one timer for the oldest replaces a timer
/// per write. Storage is a ring of slots indexed by ID; answered writes leave a hole that
/// is dropped once it reaches the front. Memory is bounded by the writes in flight.
struct PendingWrites {
    /// One write in flight.
    struct Write {
        var server: NodeID
        var deadline: SimInstant
    }

    /// Slots `head..<tail` hold the writes from `headID` on (nil once answered); slots past
    /// `tail` are spare capacity, reused when the queue empties or is compacted.
    private var slots: [Write?] = []
    private var head = 0
    private var tail = 0
    /// The ID of the write in `slots[head]`.
    private var headID: UInt64 = 0
    private(set) var count = 0

    /// Adds write `id`, which must be the next ID after every earlier one. Amortized O(1).
    mutating func add(_ id: UInt64, _ write: Write) {
        if tail == head {
            head = 0
            tail = 0
            headID = id
        }
        precondition(id == headID + UInt64(tail - head), "client write IDs must be consecutive")
        if tail < slots.count {
            slots[tail] = write
        } else {
            slots.append(write)
        }
        tail += 1
        count += 1
    }

    /// Removes and returns write `id`, if it is still pending. Amortized O(1).
    mutating func remove(_ id: UInt64) -> Write? {
        guard id >= headID else { return nil }
        let index = head + Int(id - headID)
        guard index < tail, let write = slots[index] else { return nil }
        slots[index] = nil
        count -= 1
        trim()
        return write
    }

    /// The oldest pending write's deadline.
    var oldestDeadline: SimInstant? {
        head < tail ? slots[head]?.deadline : nil
    }

    /// Removes the writes whose deadline is not after `now`, oldest first, and returns their IDs.
    mutating func expire(at now: SimInstant) -> [UInt64] {
        var expired: [UInt64] = []
        while head < tail, let write = slots[head], write.deadline <= now {
            expired.append(headID)
            slots[head] = nil
            count -= 1
            trim()
        }
        return expired
    }

    /// Drops answered writes from the front, and moves the live range to the start of the
    /// storage once more than half of it lies before `head`.
    private mutating func trim() {
        while head < tail, slots[head] == nil {
            head += 1
            headID += 1
        }
        if head > 1_024 && head * 2 > tail {
            for index in head..<tail { slots[index - head] = slots[index] }
            tail -= head
            head = 0
        }
    }
}
