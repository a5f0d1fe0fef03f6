import ClusterSim
import Dispatch

/// The PHOLD engine benchmark on ClusterSim's own scheduler, random streams and event
/// values: `processes` logical processes with one message each in flight; each delivered
/// message is forwarded to a uniformly random process after 0.1 + Exp(1) time units (one
/// unit = one virtual second). The same model as `shared/bench/phold_c.c` and
/// `phold_simpy.py`.
public enum Phold {
    /// A message arriving at a logical process.
    struct Delivery {
        var process: Int32
    }

    /// The result of one run.
    public struct Result: Sendable, Equatable {
        /// Events handled.
        public var events: Int
        /// Wall time of the event loop, in seconds.
        public var wallSeconds: Double
        /// Virtual time reached, in time units.
        public var virtualTime: Double
        /// A checksum of the deliveries per process, so the work cannot be optimised away
        /// and two runs can be compared.
        public var checksum: UInt64

        /// Events per wall-clock second.
        public var eventsPerSecond: Double { Double(events) / max(wallSeconds, 1e-9) }
    }

    /// Runs PHOLD with `processes` processes for `events` deliveries.
    public static func run(processes: Int = 1_000, events: Int = 10_000_000, seed: UInt64 = 42) -> Result {
        var scheduler = Scheduler<Delivery>()
        var random = RandomStream(seed: seed, stream: "phold")
        var counts = [UInt64](repeating: 0, count: processes)
        for process in 0..<processes {
            scheduler.schedule(Delivery(process: Int32(process)), after: delay(&random))
        }
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<events {
            guard scheduler.popNext() != nil else { break }
            let target = Int(random.nextInt(below: UInt64(processes)))
            counts[target] &+= 1
            scheduler.schedule(Delivery(process: Int32(target)), after: delay(&random))
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        var checksum: UInt64 = 0xCBF2_9CE4_8422_2325
        for count in counts { checksum = (checksum ^ count) &* 0x0000_0100_0000_01B3 }
        return Result(events: Int(scheduler.eventsHandled) - 0, wallSeconds: wall,
                      virtualTime: Double(scheduler.now.microseconds) / 1e6, checksum: checksum)
    }

    /// 0.1 + Exp(1) time units, in microseconds.
    @inline(__always)
    private static func delay(_ random: inout RandomStream) -> SimDuration {
        SimDuration(microseconds: 100_000 + Int64(random.exponential(mean: 1_000_000)))
    }
}
