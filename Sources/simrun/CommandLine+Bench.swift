import ClusterSim
import Foundation
import SimScenarios

extension ArgumentSpec {
    static let bench = ArgumentSpec(usage: Help.benchUsage, valueOptions: ["--format", "--peers", "--phold-events", "--hours", "--scenario", "--runs"])
}

extension CommandLine {
    /// `simrun bench [phold|scenario|soak|explore|all]`: release-mode benchmarks with their
    /// parameters; PHOLD also runs the C and SimPy peers side by side when they are found.
    static func benchCommand(_ args: Arguments) throws -> Int32 {
        if args.help { print(Help.bench); return ExitCode.ok }
        let which = args.positional.first ?? "all"
        if which == "soak-run" { return soakRun(args) }
        let known = ["phold", "scenario", "soak", "explore", "all"]
        guard known.contains(which), args.positional.count <= 1 else {
            throw UsageError("bench takes one of \(known.joined(separator: ", "))", usage: Help.benchUsage)
        }
        let format = try args.format([.text, .json])
        var results: [(String, JSONValue)] = [("machine", machine())]
        if which == "phold" || which == "all" { results.append(("phold", try phold(args))) }
        if which == "scenario" || which == "all" { results.append(("scenario", try scenario(args))) }
        if which == "soak" || which == "all" { results.append(("soak", try soak(args))) }
        if which == "explore" || which == "all" { results.append(("explore", try explore(args))) }
        let report = JSONValue.object(JSONObject(results))
        print(format == .json ? JSONWriter.write(report) : BenchText.render(report))
        return ExitCode.ok
    }

    private static func phold(_ args: Arguments) throws -> JSONValue {
        let events = Int(args.values(of: "--phold-events").last ?? "") ?? 10_000_000
        let ours = Phold.run(processes: 1_000, events: events)
        var fields: [(String, JSONValue)] = [
            ("processes", .int(1_000)), ("events", .int(ours.events)),
            ("events_per_second", .int(Int64(ours.eventsPerSecond))), ("wall_seconds", .double(rounded(ours.wallSeconds)))]
        let peers = args.values(of: "--peers").last ?? "../shared/bench"
        if let c = PeerBenchmarks.c(directory: peers, events: events) {
            fields += [("c_events_per_second", .int(Int64(c))), ("ratio_to_c", .double(rounded(ours.eventsPerSecond / c)))]
        }
        let simpyEvents = min(events, 1_000_000)
        if let simpy = PeerBenchmarks.simpy(directory: peers, events: simpyEvents) {
            fields += [("simpy_events", .int(simpyEvents)), ("simpy_events_per_second", .int(Int64(simpy))),
                       ("ratio_to_simpy", .double(rounded(ours.eventsPerSecond / simpy)))]
        }
        return .object(JSONObject(fields))
    }

    private static func scenario(_ args: Arguments) throws -> JSONValue {
        let path = args.values(of: "--scenario").last ?? "Scenarios/lab4-failover-crash.json"
        let scenario = try ScenarioLoader.load(path: path)
        let runs = try args.values(of: "--runs").last.map { text in
            guard let runs = Int(text), runs > 0 else { throw UsageError("--runs takes a positive integer, got '\(text)'", usage: Help.benchUsage) }
            return runs
        }
        let result = WorkloadBenchmarks.scenario(scenario.options, runs: runs)
        return .object(JSONObject([
            ("scenario", .string(path)), ("runs", .int(result.runs)),
            ("virtual_seconds", .double(rounded(result.virtualSeconds))),
            ("wall_ms_per_run", .double(rounded(result.wallSecondsPerRun * 1_000))),
            ("events_per_run", .int(result.eventsPerRun)),
            ("events_per_second", .int(Int64(result.eventsPerSecond))),
            ("sim_to_wall_ratio", .int(Int64(result.simToWallRatio))),
        ]))
    }

    /// Runs each soak in a child process, so that its peak resident memory is its own.
    private static func soak(_ args: Arguments) throws -> JSONValue {
        let hours = (args.values(of: "--hours").last ?? "1,24").split(separator: ",").compactMap { Int($0) }
        var fields: [(String, JSONValue)] = [("writes_per_second", .int(1_000))]
        var peaks: [Int64] = []
        for (index, hour) in hours.enumerated() {
            guard let child = PeerBenchmarks.run(CommandLine.arguments[0], ["bench", "soak-run", "--hours", String(hour)]),
                  let value = try? JSONParser.parse(child), case .object(let object) = value,
                  case .number(let wall)? = object["wall_seconds"], case .number(let rss)? = object["peak_rss_bytes"],
                  case .number(let events)? = object["events"], let peak = rss.int64Value else {
                throw UsageError("the soak child process failed", usage: Help.benchUsage)
            }
            peaks.append(peak)
            let prefix = index == 0 ? "" : "h\(hour)_"
            fields += [("\(prefix)hours", .int(hour)), ("\(prefix)wall_seconds", .number(wall)),
                       ("\(prefix)peak_rss_bytes", .number(rss)), ("\(prefix)events", .number(events))]
        }
        if peaks.count >= 2 {
            fields.append(("peak_rss_growth", .double(rounded(Double(peaks[peaks.count - 1]) / Double(max(1, peaks[0])) - 1))))
        }
        return .object(JSONObject(fields))
    }

    /// The child of `bench soak`: one soak run, then its wall time and peak RSS as JSON.
    private static func soakRun(_ args: Arguments) -> Int32 {
        let hours = Int(args.values(of: "--hours").last ?? "1") ?? 1
        let start = DispatchTime.now().uptimeNanoseconds
        let report = Simulation(options: WorkloadBenchmarks.soakOptions(hours: hours)).run()
        let wall = WorkloadBenchmarks.seconds(since: start)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(JSONWriter.write(.object(JSONObject([
            ("wall_seconds", .double(rounded(wall))), ("peak_rss_bytes", .int(Int64(usage.ru_maxrss) * 1_024)),
            ("events", .int(Int64(report.eventsHandled))), ("writes_acked", .int(report.writes.acked)),
            ("failovers", .int(report.failovers.count)),
        ])), pretty: false))
        return ExitCode.ok
    }

    private static func explore(_ args: Arguments) throws -> JSONValue {
        let document = try JSONParser.parse("""
        {"name": "bench-explore", "workload": {"writes_per_second": 20, "start_at": "30s"}}
        """)
        let exploration = try Exploration(base: document, source: "<bench>", kinds: FaultKind.allCases, length: .minutes(10), maxFaults: 6)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        // The same seeds on one core and on all, so the two rates compare the same work, in
        // alternating rounds; each rate is its fastest round, so that a burst of other load on
        // a shared machine during one round does not decide the figure or the speed-up.
        let rounds = 5
        var one = WorkloadBenchmarks.explore(exploration, seeds: 300, threads: 1)
        var all = WorkloadBenchmarks.explore(exploration, seeds: 300, threads: cores)
        for _ in 1..<rounds {
            let oneAgain = WorkloadBenchmarks.explore(exploration, seeds: 300, threads: 1)
            if oneAgain.runsPerSecond > one.runsPerSecond { one = oneAgain }
            let allAgain = WorkloadBenchmarks.explore(exploration, seeds: 300, threads: cores)
            if allAgain.runsPerSecond > all.runsPerSecond { all = allAgain }
        }
        return .object(JSONObject([
            ("schedule_minutes", .int(10)), ("writes_per_second", .int(20)), ("rounds", .int(rounds)),
            ("runs_one_core", .int(one.runs)), ("runs_per_second_one_core", .double(rounded(one.runsPerSecond))),
            ("runs", .int(all.runs)), ("threads", .int(cores)), ("runs_per_second", .double(rounded(all.runsPerSecond))),
            ("speedup", .double(rounded(all.runsPerSecond / max(one.runsPerSecond, 1e-9)))),
        ]))
    }

    /// The machine the figures were measured on.
    private static func machine() -> JSONValue {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces) } ?? "unknown"
        return .object(JSONObject([
            ("cpu", .string(cpu)), ("cores", .int(ProcessInfo.processInfo.activeProcessorCount)),
            ("memory_bytes", .int(Int64(ProcessInfo.processInfo.physicalMemory))),
        ]))
    }

    /// Three decimals, so JSON figures stay short.
    private static func rounded(_ value: Double) -> Double {
        (value * 1_000).rounded() / 1_000
    }
}
