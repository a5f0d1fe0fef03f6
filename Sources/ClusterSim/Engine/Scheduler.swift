/// The one owner of virtual time: a queue of events ordered by `(time, sequence)`.
///
/// Nothing else moves `now`. Components schedule value events; the simulation pops
/// them one at a time and dispatches each in a single `switch`.
public struct Scheduler<Event> {
    private var queue = EventQueue<Event>()
    private var nextSequence: UInt64 = 0

    /// The current virtual time: the time of the event being handled.
    public private(set) var now: SimInstant = .zero

    /// The number of events popped so far.
    public private(set) var eventsHandled: UInt64 = 0

    /// Creates an empty scheduler at time zero.
    public init() {}

    /// The number of events waiting. O(1).
    public var pendingCount: Int { queue.count }

    /// The time of the next event, if any. O(1).
    public var nextTime: SimInstant? { queue.firstTime }

    /// Schedules `event` at `time`, which must not be in the past. O(log n).
    public mutating func schedule(_ event: Event, at time: SimInstant) {
        precondition(time >= now, "an event was scheduled at \(time), before the current time \(now)")
        queue.push(.init(time: time, sequence: nextSequence, payload: event))
        nextSequence &+= 1
    }

    /// Schedules `event` after `delay` from now (a negative delay is treated as zero). O(log n).
    public mutating func schedule(_ event: Event, after delay: SimDuration) {
        schedule(event, at: now + max(delay, .zero))
    }

    /// Removes the earliest event, moves `now` to its time and returns it. O(log n).
    public mutating func popNext() -> Event? {
        guard let entry = queue.pop() else { return nil }
        now = entry.time
        eventsHandled &+= 1
        return entry.payload
    }
}
