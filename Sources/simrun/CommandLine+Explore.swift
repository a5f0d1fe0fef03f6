import ClusterSim
import Foundation
import SimScenarios

extension ArgumentSpec {
    static let explore = ArgumentSpec(
        usage: Help.exploreUsage,
        valueOptions: ["--seeds", "--first-seed", "--faults", "--length", "--max-faults", "--shrink", "--out", "--jobs", "--shard", "--set"],
        flags: ["--stop-at-first"])
}

extension CommandLine {
    /// Seeds run between two looks for a failure with `--stop-at-first`: a fixed number,
    /// so the runs made do not depend on the number of cores.
    private static let stopCheckBatch = 64

    /// `simrun explore`: random fault schedules over many seeds, every invariant checked;
    /// failures shrunk to scenario files. Exits 0 when nothing broke, 1 otherwise.
    static func exploreCommand(_ args: Arguments) throws -> Int32 {
        if args.help { print(Help.explore); return ExitCode.ok }
        guard args.positional.count == 1 else { throw UsageError("explore takes exactly one scenario file", usage: Help.exploreUsage) }
        let path = args.positional[0]
        let seeds = try positive(args, "--seeds", default: 100)
        let firstSeed = try args.seed(named: "--first-seed") ?? 1
        let maxFaults = try positive(args, "--max-faults", default: 6)
        let shrinkCount = try nonNegative(args, "--shrink", default: 3)
        let jobs = try positive(args, "--jobs", default: ProcessInfo.processInfo.activeProcessorCount)
        var kinds = FaultKind.allCases
        if let text = args.values(of: "--faults").last {
            switch FaultKind.list(text) {
            case .success(let list): kinds = list
            case .failure(let error): throw UsageError(error.description, usage: Help.exploreUsage)
            }
        }
        var length = SimDuration.minutes(10)
        if let text = args.values(of: "--length").last {
            guard let parsed = try? DurationText.parse(text), parsed > .zero else {
                throw UsageError("--length takes a duration such as 10m, got '\(text)'", usage: Help.exploreUsage)
            }
            length = parsed
        }
        var shard: RunShard?
        if let text = args.values(of: "--shard").last {
            do { shard = try RunShard.parse(text) } catch { throw UsageError(error.description, usage: Help.exploreUsage) }
        }
        var document = try ScenarioLoader.document(path: path)
        document = try ScenarioOverrides.apply(args.sets, to: document)
        let exploration = try Exploration(base: document, source: path, kinds: kinds, length: length, maxFaults: maxFaults)
        let plan = ExplorePlan(scenario: path, firstSeed: firstSeed, seeds: seeds, kinds: kinds, length: length, maxFaults: maxFaults)

        let started = Date()
        let progress = ProgressLine()
        let seedList = plan.seedList(shard: shard)
        var records: [ExploreRecord] = []
        let batch = args.flag("--stop-at-first") ? stopCheckBatch : max(1, seedList.count)
        var offset = 0
        while offset < seedList.count {
            let slice = Array(seedList[offset..<min(seedList.count, offset + batch)])
            let done = records.count
            let failedBefore = records.filter(\.failed).count
            let total = seedList.count
            records += exploration.explore(seeds: slice, jobs: jobs) {
                progress.update(BatchProgress(done: done + $0.done, total: total, violations: failedBefore + $0.violations))
            }
            offset += slice.count
            if args.flag("--stop-at-first") && records.contains(where: \.failed) { break }
        }
        progress.finish(runs: records.count, threads: jobs)

        if let shard {
            print(plan.headerLine(shard: shard))
            for record in records { print(record.jsonLine) }
        } else {
            print(plan.headline)
            print(ExploreSummary(records).text, terminator: "")
            try shrinkFailures(records, count: shrinkCount, exploration: exploration, directory: args.values(of: "--out").last ?? ".")
        }
        fflush(nil)
        let seconds = max(Date().timeIntervalSince(started), 1e-9)
        FileHandle.standardError.write(Data(String(format: "explored %d runs in %.1f s (%.1f runs/s on %d threads)\n",
                                                   records.count, seconds, Double(records.count) / seconds, jobs).utf8))
        return records.contains(where: \.failed) ? ExitCode.failed : ExitCode.ok
    }

    /// Shrinks the first `count` failures and writes each as `explore-<seed>-min.json`.
    private static func shrinkFailures(_ records: [ExploreRecord], count: Int, exploration: Exploration, directory: String) throws {
        let failing = records.filter(\.failed).prefix(count)
        guard !failing.isEmpty else { return }
        print("minimal schedules:")
        for record in failing {
            guard let minimized = exploration.minimize(seed: record.seed) else { continue }
            let file = (directory as NSString).appendingPathComponent(minimized.fileName)
            let text = JSONWriter.write(minimized.document) + "\n"
            guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else {
                throw UsageError("cannot write \(file)", usage: Help.exploreUsage)
            }
            print("  seed \(record.seed): \(minimized.invariant), \(minimized.faultsBefore) -> \(minimized.faultsAfter) faults "
                  + "(\(minimized.runs) runs): swift run simrun run \(file)")
        }
    }

    private static func positive(_ args: Arguments, _ name: String, default fallback: Int) throws -> Int {
        guard let text = args.values(of: name).last else { return fallback }
        guard let value = Int(text), value >= 1 else { throw UsageError("\(name) takes a positive integer, got '\(text)'", usage: Help.exploreUsage) }
        return value
    }

    private static func nonNegative(_ args: Arguments, _ name: String, default fallback: Int) throws -> Int {
        guard let text = args.values(of: name).last else { return fallback }
        guard let value = Int(text), value >= 0 else { throw UsageError("\(name) takes an integer >= 0, got '\(text)'", usage: Help.exploreUsage) }
        return value
    }
}
