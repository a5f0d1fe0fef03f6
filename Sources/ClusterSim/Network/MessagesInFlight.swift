/// The messages sent and not yet delivered, each in a numbered slot.
///
/// A delivery event carries only its message's slot, so that every event is plain data:
/// the scheduler moves and copies events without retaining or releasing the payloads
/// that messages carry (etcd requests and answers, error texts). A message is moved in
/// once when it is sent and out once when it is delivered; freed slots are reused, so
/// memory is bounded by the most messages in flight at once.
struct MessagesInFlight {
    private var slots: [Message?] = []
    private var freeSlots: [Int] = []

    /// Holds `message` until its delivery and returns its slot. Amortized O(1).
    mutating func hold(_ message: consuming Message) -> Int {
        if let slot = freeSlots.popLast() {
            slots[slot] = message
            return slot
        }
        slots.append(message)
        return slots.count - 1
    }

    /// The message in `slot`, which must be held.
    func message(at slot: Int) -> Message {
        guard let message = slots[slot] else { preconditionFailure("message slot \(slot) was read while empty") }
        return message
    }

    /// The receiver of the message in `slot`, which must be held. O(1).
    func receiver(at slot: Int) -> Int {
        guard let to = slots[slot]?.to else { preconditionFailure("message slot \(slot) was read while empty") }
        return to
    }

    /// Removes and returns the message in `slot`, which must be held, and frees the slot. O(1).
    mutating func release(_ slot: Int) -> Message {
        guard let message = slots[slot].take() else { preconditionFailure("message slot \(slot) was released while empty") }
        freeSlots.append(slot)
        return message
    }
}
