/// The one owner of virtual time: a queue of events ordered by `(time, sequence)`.
///
/// Nothing else moves `now`. Components schedule value events; the simulation pops
/// them one at a time and dispatches each in a single `switch`. A scheduler owns its
/// queue's storage and cannot be copied.
public struct Scheduler<Event>: ~Copyable {
    @usableFromInline var queue = EventQueue<Event>()
    @usableFromInline var nextSequence: UInt64 = 0

    @usableFromInline var currentTime: SimInstant = .zero
    @usableFromInline var handled: UInt64 = 0

    /// The current virtual time: the time of the event being handled.
    @inlinable public var now: SimInstant { currentTime }

    /// The number of events popped so far.
    @inlinable public var eventsHandled: UInt64 { handled }

    /// Creates an empty scheduler at time zero.
    @inlinable
    public init() {}

    /// The number of events waiting. O(1).
    @inlinable public var pendingCount: Int { queue.count }

    /// The time of the next event, if any. O(1).
    @inlinable public var nextTime: SimInstant? { queue.firstTime }

    /// How far ahead of `now` an event counts as due soon, in microseconds (100 ms): such
    /// events (network messages, a millisecond or so away, and the workload's next write)
    /// share a small heap of their own instead of sifting past the timers that wait
    /// seconds ahead. It only affects speed, never the order of events.
    @usableFromInline static var soonWindow: Int64 { 100_000 }

    /// Schedules `event` at `time`, which must not be in the past. O(log n).
    @inlinable
    public mutating func schedule(_ event: Event, at time: SimInstant) {
        precondition(time >= now, "an event was scheduled at \(time), before the current time \(now)")
        queue.push(.init(time: time, sequence: nextSequence, payload: event),
                   soon: time.microseconds - now.microseconds < Self.soonWindow)
        nextSequence &+= 1
    }

    /// Schedules `event` after `delay` from now (a negative delay is treated as zero). O(log n).
    @inlinable
    public mutating func schedule(_ event: Event, after delay: SimDuration) {
        schedule(event, at: now + max(delay, .zero))
    }

    /// Removes the earliest event, moves `now` to its time and returns it. O(log n).
    @inlinable
    public mutating func popNext() -> Event? {
        guard let entry = queue.pop() else { return nil }
        return handle(entry)
    }

    /// Removes the earliest event if it is due at or before `limit`, moves `now` to its
    /// time and returns it; nil (and nothing changes) if no event is due by then. O(log n).
    @inlinable
    public mutating func popNext(through limit: SimInstant) -> Event? {
        guard let entry = queue.pop(notAfter: limit) else { return nil }
        return handle(entry)
    }

    /// Moves `now` to the time of `entry`, just popped, counts it and returns its event.
    @inlinable @inline(__always)
    mutating func handle(_ entry: consuming EventQueue<Event>.Entry) -> Event {
        currentTime = entry.time
        handled &+= 1
        return entry.payload
    }
}
