/// The etcd traffic sent and not yet delivered, each in a numbered slot.
///
/// A delivery event carries its whole message when the message is plain data; etcd
/// requests, answers, watch events and raft messages hold references (keys, values, log
/// entries), so they wait here and their message carries the slot. Every event stays plain
/// data, and the scheduler moves events without retaining or releasing anything. Freed
/// slots are reused, so memory is bounded by the most etcd messages in flight at once.
struct HeldPayloads {
    private var slots: [HeldPayload?] = []
    private var freeSlots: [Int] = []

    /// Holds `payload` until its delivery and returns its slot. Amortized O(1).
    mutating func hold(_ payload: consuming HeldPayload) -> Int {
        if let slot = freeSlots.popLast() {
            slots[slot] = payload
            return slot
        }
        slots.append(payload)
        return slots.count - 1
    }

    /// The payload in `slot`, which must be held.
    func payload(at slot: Int) -> HeldPayload {
        guard let payload = slots[slot] else { preconditionFailure("held payload slot \(slot) was read while empty") }
        return payload
    }

    /// Removes and returns the payload in `slot`, which must be held, and frees the slot. O(1).
    mutating func release(_ slot: Int) -> HeldPayload {
        guard let payload = slots[slot].take() else { preconditionFailure("held payload slot \(slot) was released while empty") }
        freeSlots.append(slot)
        return payload
    }
}
