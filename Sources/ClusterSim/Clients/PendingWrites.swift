/// The client writes waiting for an answer, by consecutive ID, oldest first.
///
/// Every write gets the same client timeout, so deadlines grow with the ID and the
/// oldest pending write always expires first: one timer for the oldest replaces a timer
/// per write. Storage is a ring of slots indexed by ID; answered writes leave a hole that
/// is dropped once it reaches the front. Memory is bounded by the writes in flight.
struct PendingWrites {
    /// One write in flight.
    struct Write {
        var server: Int
        var deadline: SimInstant
    }

    private var slots: [Write?] = []
    private var head = 0
    /// The ID of the write in `slots[head]`.
    private var headID: UInt64 = 0
    private(set) var count = 0

    /// Adds write `id`, which must be the next ID after every earlier one.
    mutating func add(_ id: UInt64, _ write: Write) {
        if slots.count == head {
            slots.removeAll(keepingCapacity: true)
            head = 0
            headID = id
        }
        precondition(id == headID + UInt64(slots.count - head), "client write IDs must be consecutive")
        slots.append(write)
        count += 1
    }

    /// Removes and returns write `id`, if it is still pending.
    mutating func remove(_ id: UInt64) -> Write? {
        guard id >= headID else { return nil }
        let index = head + Int(id - headID)
        guard index < slots.count, let write = slots[index] else { return nil }
        slots[index] = nil
        count -= 1
        trim()
        return write
    }

    /// The oldest pending write's deadline.
    var oldestDeadline: SimInstant? {
        head < slots.count ? slots[head]?.deadline : nil
    }

    /// Removes the writes whose deadline is not after `now`, oldest first, and returns their IDs.
    mutating func expire(at now: SimInstant) -> [UInt64] {
        var expired: [UInt64] = []
        while head < slots.count, let write = slots[head], write.deadline <= now {
            expired.append(headID)
            slots[head] = nil
            count -= 1
            trim()
        }
        return expired
    }

    private mutating func trim() {
        while head < slots.count, slots[head] == nil {
            head += 1
            headID += 1
        }
        if head > 1_024 && head * 2 > slots.count {
            slots.removeFirst(head)
            head = 0
        }
    }
}
