import XCTest

@testable import ClusterSim

/// The scheduler owns virtual time: a total `(time, sequence)` order, `now` moved only by a pop.
final class SchedulerTests: XCTestCase {
    /// Pops every event left in `scheduler`, in order.
    private func drain<Event>(_ scheduler: inout Scheduler<Event>) -> [Event] {
        var popped: [Event] = []
        while let event = scheduler.popNext() { popped.append(event) }
        return popped
    }

    func testEventsPopInTimeOrderWhateverTheSchedulingOrder() {
        var scheduler = Scheduler<String>()
        scheduler.schedule("c", at: SimInstant(microseconds: 30))
        scheduler.schedule("a", at: SimInstant(microseconds: 10))
        scheduler.schedule("d", at: SimInstant(microseconds: 40))
        scheduler.schedule("b", at: SimInstant(microseconds: 20))
        XCTAssertEqual(drain(&scheduler), ["a", "b", "c", "d"])
    }

    func testEventsAtTheSameInstantRunInSchedulingOrder() {
        var scheduler = Scheduler<Int>()
        for value in 0..<100 { scheduler.schedule(value, at: SimInstant(microseconds: 7)) }
        XCTAssertEqual(drain(&scheduler), Array(0..<100))
    }

    func testTiesAreBrokenBySequenceEvenWhenInterleavedWithOtherInstants() {
        var scheduler = Scheduler<String>()
        scheduler.schedule("t5-first", at: SimInstant(microseconds: 5))
        scheduler.schedule("t1-first", at: SimInstant(microseconds: 1))
        scheduler.schedule("t5-second", at: SimInstant(microseconds: 5))
        scheduler.schedule("t1-second", at: SimInstant(microseconds: 1))
        scheduler.schedule("t5-third", at: SimInstant(microseconds: 5))
        XCTAssertEqual(drain(&scheduler), ["t1-first", "t1-second", "t5-first", "t5-second", "t5-third"])
    }

    func testAnEventScheduledForNowWhileHandlingRunsAfterTheEventsAlreadyQueuedForNow() {
        var scheduler = Scheduler<String>()
        scheduler.schedule("a", at: SimInstant(microseconds: 5))
        scheduler.schedule("b", at: SimInstant(microseconds: 5))
        XCTAssertEqual(scheduler.popNext(), "a")
        scheduler.schedule("c", after: .zero)
        XCTAssertEqual(drain(&scheduler), ["b", "c"])
    }

    func testNowMovesOnlyWhenAnEventIsPopped() {
        var scheduler = Scheduler<String>()
        XCTAssertEqual(scheduler.now, .zero)
        scheduler.schedule("later", at: SimInstant(microseconds: 2_000))
        scheduler.schedule("sooner", at: SimInstant(microseconds: 1_000))
        XCTAssertEqual(scheduler.now, .zero, "scheduling must not move time")
        XCTAssertEqual(scheduler.nextTime, SimInstant(microseconds: 1_000))
        XCTAssertEqual(scheduler.now, .zero, "peeking must not move time")

        XCTAssertEqual(scheduler.popNext(), "sooner")
        XCTAssertEqual(scheduler.now, SimInstant(microseconds: 1_000))
        XCTAssertEqual(scheduler.popNext(), "later")
        XCTAssertEqual(scheduler.now, SimInstant(microseconds: 2_000))

        XCTAssertNil(scheduler.popNext())
        XCTAssertEqual(scheduler.now, SimInstant(microseconds: 2_000), "an empty pop must not move time")
        XCTAssertNil(scheduler.nextTime)
    }

    func testSchedulingAfterADelayCountsFromNowAndANegativeDelayMeansNow() {
        var scheduler = Scheduler<String>()
        scheduler.schedule("start", at: SimInstant(microseconds: 100))
        _ = scheduler.popNext()
        scheduler.schedule("in-50", after: .micros(50))
        scheduler.schedule("negative", after: .micros(-30))
        XCTAssertEqual(scheduler.popNext(), "negative")
        XCTAssertEqual(scheduler.now, SimInstant(microseconds: 100))
        XCTAssertEqual(scheduler.popNext(), "in-50")
        XCTAssertEqual(scheduler.now, SimInstant(microseconds: 150))
    }

    func testEventsHandledCountsPopsAndPendingCountCountsTheQueue() {
        var scheduler = Scheduler<Int>()
        XCTAssertEqual(scheduler.eventsHandled, 0)
        XCTAssertEqual(scheduler.pendingCount, 0)
        for value in 0..<5 { scheduler.schedule(value, at: SimInstant(microseconds: Int64(value))) }
        XCTAssertEqual(scheduler.pendingCount, 5)
        XCTAssertEqual(scheduler.eventsHandled, 0, "scheduling is not handling")
        _ = scheduler.popNext()
        _ = scheduler.popNext()
        XCTAssertEqual(scheduler.eventsHandled, 2)
        XCTAssertEqual(scheduler.pendingCount, 3)
        _ = drain(&scheduler)
        XCTAssertEqual(scheduler.eventsHandled, 5)
        XCTAssertNil(scheduler.popNext())
        XCTAssertEqual(scheduler.eventsHandled, 5, "an empty pop is not counted")
    }

    /// 2,000 random schedules, with few distinct instants so that ties are frequent, popped
    /// and compared with a stable sort by time of the scheduling order.
    func testRandomSchedulesPopLikeAStableSortByTime() {
        for seed: UInt64 in 1...2_000 {
            var random = RandomStream(seed: seed, stream: "scheduler-test")
            let count = Int(random.nextInt(in: 1...40))
            let distinctInstants = random.nextInt(in: 1...10)
            var scheduler = Scheduler<Int>()
            var reference: [(time: Int64, index: Int)] = []
            for index in 0..<count {
                let time = random.nextInt(in: 0...(distinctInstants - 1)) * 1_000
                scheduler.schedule(index, at: SimInstant(microseconds: time))
                reference.append((time, index))
            }
            // Swift's sort is not guaranteed stable: sort by (time, index) explicitly.
            reference.sort { $0.time != $1.time ? $0.time < $1.time : $0.index < $1.index }

            var popped: [Int] = []
            var times: [Int64] = []
            while let index = scheduler.popNext() {
                popped.append(index)
                times.append(scheduler.now.microseconds)
            }
            XCTAssertEqual(popped, reference.map(\.index), "seed \(seed)")
            XCTAssertEqual(times, reference.map(\.time), "seed \(seed): now must be the popped event's time")
            XCTAssertEqual(scheduler.eventsHandled, UInt64(count), "seed \(seed)")
        }
    }

    /// The queue itself, with pushes of arbitrary times (also earlier than what was popped)
    /// into either of its heaps between pops, always yields the least `(time, sequence)` left.
    func testTheEventQueueStaysOrderedUnderInterleavedPushAndPop() {
        for seed: UInt64 in 1...200 {
            var random = RandomStream(seed: seed, stream: "event-queue-test")
            var queue = EventQueue<Int>()
            var reference: [(time: Int64, sequence: UInt64)] = []
            var sequence: UInt64 = 0
            for step in 0..<300 {
                if random.chance(0.55) {
                    let time = random.nextInt(in: 0...20)
                    queue.push(.init(time: SimInstant(microseconds: time), sequence: sequence, payload: Int(sequence)),
                               soon: random.chance(0.5))
                    reference.append((time, sequence))
                    sequence += 1
                } else {
                    let least = reference.indices.min {
                        reference[$0].time != reference[$1].time
                            ? reference[$0].time < reference[$1].time
                            : reference[$0].sequence < reference[$1].sequence
                    }
                    XCTAssertEqual(queue.first?.sequence, least.map { reference[$0].sequence },
                                   "seed \(seed), step \(step): first")
                    let entry = queue.pop()
                    XCTAssertEqual(entry?.sequence, least.map { reference[$0].sequence }, "seed \(seed), step \(step): pop")
                    XCTAssertEqual(entry.map { Int($0.sequence) }, entry?.payload, "seed \(seed), step \(step): payload")
                    if let least { reference.remove(at: least) }
                }
                XCTAssertEqual(queue.count, reference.count, "seed \(seed), step \(step): count")
                XCTAssertEqual(queue.isEmpty, reference.isEmpty, "seed \(seed), step \(step): isEmpty")
            }
            var last: (time: Int64, sequence: UInt64)?
            while let entry = queue.pop() {
                if let last {
                    XCTAssertTrue(last.time < entry.time.microseconds
                                    || (last.time == entry.time.microseconds && last.sequence < entry.sequence),
                                  "seed \(seed): the final drain is out of order")
                }
                last = (entry.time.microseconds, entry.sequence)
            }
        }
    }

    /// Payloads with references survive the queue's own storage: a thousand events grow the
    /// buffer several times, pop in order, and the ones left are released with the queue.
    func testTheQueueReleasesEveryPayloadItStillHoldsWhenItGoesAway() {
        let counter = LiveTokens()
        do {
            var scheduler = Scheduler<Token>()
            var random = RandomStream(seed: 7, stream: "event-queue-storage-test")
            for index in 0..<1_000 {
                let time = SimInstant(microseconds: random.nextInt(in: 0...500_000))
                scheduler.schedule(Token(index, counter: counter), at: time)
            }
            XCTAssertEqual(counter.live, 1_000)
            var lastTime: Int64 = 0
            for _ in 0..<400 {
                guard let token = scheduler.popNext() else { return XCTFail("the queue ran dry") }
                XCTAssertGreaterThanOrEqual(scheduler.now.microseconds, lastTime)
                lastTime = scheduler.now.microseconds
                XCTAssertLessThan(token.index, 1_000)
            }
            XCTAssertEqual(counter.live, 600)
            XCTAssertEqual(scheduler.pendingCount, 600)
        }
        XCTAssertEqual(counter.live, 0, "dropping the scheduler must release the payloads it still held")
    }
}

/// Counts the `Token`s alive.
private final class LiveTokens {
    var live = 0
}

/// A payload with a reference, which counts itself while it lives.
private final class Token {
    let index: Int
    private let counter: LiveTokens

    init(_ index: Int, counter: LiveTokens) {
        self.index = index
        self.counter = counter
        counter.live += 1
    }

    deinit { counter.live -= 1 }
}
