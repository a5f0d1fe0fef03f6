import ClusterSim
import Dispatch

/// The scenario, soak and explore benchmarks: whole simulations timed on the wall clock.
/// Timing lives here and in `simrun bench` only, never inside a simulation.
public enum WorkloadBenchmarks {
    /// Wall seconds since `start` (from `DispatchTime.now().uptimeNanoseconds`).
    public static func seconds(since start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The result of timing one scenario repeatedly.
    public struct ScenarioResult: Sendable, Equatable {
        /// Runs made.
        public var runs: Int
        /// Wall seconds per run.
        public var wallSecondsPerRun: Double
        /// Virtual seconds per run.
        public var virtualSeconds: Double
        /// Events per run.
        public var eventsPerRun: Int
        /// Virtual time over wall time.
        public var simToWallRatio: Double { virtualSeconds / max(wallSecondsPerRun, 1e-12) }
        /// Events per wall-clock second.
        public var eventsPerSecond: Double { Double(eventsPerRun) / max(wallSecondsPerRun, 1e-12) }
    }

    /// Runs `options` (seeds 1, 2, ...) for at least `minimumSeconds` of wall time, on one core,
    /// or exactly `runs` times when given (a fixed amount of work, for instruction-counting profilers).
    public static func scenario(_ options: ClusterOptions, minimumSeconds: Double = 2, runs fixedRuns: Int? = nil) -> ScenarioResult {
        var options = options
        options.recordHistory = false
        let start = DispatchTime.now().uptimeNanoseconds
        var runs = 0
        var events = 0
        repeat {
            options.seed = UInt64(runs + 1)
            events += Int(Simulation(options: options).run().eventsHandled)
            runs += 1
        } while fixedRuns.map { runs < $0 } ?? (seconds(since: start) < minimumSeconds)
        let wall = seconds(since: start)
        return ScenarioResult(runs: runs, wallSecondsPerRun: wall / Double(runs), virtualSeconds: options.duration.seconds,
                              eventsPerRun: events / runs)
    }

    /// The soak cluster: the lab's three nodes for `hours` at `writesPerSecond`, the leader
    /// killed every 10 minutes and restarted two minutes later; no history recorded.
    public static func soakOptions(hours: Int, writesPerSecond: Int = 1_000) -> ClusterOptions {
        var options = ClusterOptions()
        options.name = "soak-\(hours)h"
        options.duration = .minutes(Int64(hours) * 60)
        options.workload.writesPerSecond = writesPerSecond
        options.workload.startAt = .zero + .seconds(30)
        options.recordHistory = false
        options.limits.maxEvents = .max
        var faults: [Fault] = []
        var minute: Int64 = 10
        while minute < Int64(hours) * 60 {
            faults.append(Fault(at: .zero + .minutes(minute), action: .kill(.leader)))
            faults.append(Fault(at: .zero + .minutes(minute) + .minutes(2), action: .start(.previous)))
            minute += 10
        }
        options.faults = faults
        return options
    }

    /// The result of an exploration benchmark.
    public struct ExploreResult: Sendable, Equatable {
        /// Runs made and threads used.
        public var runs: Int
        public var threads: Int
        /// Wall seconds in all.
        public var wallSeconds: Double
        /// Runs per wall-clock second.
        public var runsPerSecond: Double { Double(runs) / max(wallSeconds, 1e-9) }
    }

    /// Explores `seeds` randomized 10-minute schedules of `base` on `threads` threads.
    public static func explore(_ exploration: Exploration, seeds: Int, threads: Int) -> ExploreResult {
        let start = DispatchTime.now().uptimeNanoseconds
        let records = exploration.explore(seeds: (1...UInt64(max(1, seeds))).map { $0 }, jobs: threads)
        return ExploreResult(runs: records.count, threads: threads, wallSeconds: seconds(since: start))
    }
}
