import Foundation
import SimScenarios

extension ArgumentSpec {
    static let sweep = ArgumentSpec(usage: Help.sweepUsage, valueOptions: [
        "--grid", "--seeds", "--first-seed", "--set", "--jobs", "--shard", "--format",
    ])
    static let merge = ArgumentSpec(usage: Help.mergeUsage, valueOptions: ["--format"])
}

extension CommandLine {
    /// `simrun sweep`: sets up the grid, runs (a shard of) the jobs on every core, and
    /// prints the table, or the shard's JSON lines. Exits 0 whatever the verdicts; 65 when
    /// the scenario is invalid or no grid point is.
    static func sweepCommand(_ args: Arguments) throws -> Int32 {
        if args.help { print(Help.sweep); return ExitCode.ok }
        guard args.positional.count == 1 else { throw UsageError("sweep takes exactly one scenario file", usage: Help.sweepUsage) }
        let shardText = args.values(of: "--shard").last
        if shardText != nil && !args.values(of: "--format").isEmpty {
            throw UsageError("--shard writes JSON lines for 'simrun merge'; give --format to merge", usage: Help.sweepUsage)
        }
        let format = try tableFormat(args)
        let seedCount = try integer(args, "--seeds", default: 100, usage: Help.sweepUsage)
        var firstSeed: UInt64 = 1
        if let text = args.values(of: "--first-seed").last {
            guard let seed = UInt64(text) else {
                throw UsageError("--first-seed takes a non-negative integer, got '\(text)'", usage: Help.sweepUsage)
            }
            firstSeed = seed
        }
        let threads = try integer(args, "--jobs", default: ProcessInfo.processInfo.activeProcessorCount, usage: Help.sweepUsage)
        guard threads >= 1 else { throw UsageError("--jobs takes a positive integer, got \(threads)", usage: Help.sweepUsage) }
        do throws(SweepError) {
            let grid = try SweepGrid.parse(args.values(of: "--grid"))
            let seeds = try SweepSeeds(first: firstSeed, count: seedCount)
            let shard = try shardText.map(RunShard.parse)
            let sweep = try Sweep.load(path: args.positional[0], sets: args.sets, grid: grid, seeds: seeds)
            let progress = ProgressLine()
            let records = sweep.run(shard: shard, threads: threads) { progress.update($0) }
            progress.finish(runs: records.count, threads: min(threads, max(1, records.count)))
            if let shard {
                print(SweepShardFile.render(plan: sweep.plan, shard: shard, records: records), terminator: "")
            } else {
                print(SweepTable.render(SweepSummary(plan: sweep.plan, records: records), format: format), terminator: "")
            }
            guard !sweep.plan.runnablePoints.isEmpty else {
                FileHandle.standardError.write(Data("Error: no grid point is a valid scenario (see the notes)\n".utf8))
                return 65
            }
            return ExitCode.ok
        } catch {
            if error.isUsage { throw UsageError(error.description, usage: Help.sweepUsage) }
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            return error.exitCode
        }
    }

    /// `simrun merge`: reads every shard file, checks they make up one whole sweep, and
    /// prints the table the unsharded sweep prints.
    static func mergeCommand(_ args: Arguments) throws -> Int32 {
        if args.help { print(Help.merge); return ExitCode.ok }
        guard !args.positional.isEmpty else { throw UsageError("merge needs at least one shard file", usage: Help.mergeUsage) }
        let format = try tableFormat(args)
        do throws(SweepError) {
            if ExploreMerge.isExploreShard(try read(args.positional[0])) {
                var files: [(name: String, bytes: [UInt8])] = []
                for path in args.positional { files.append((path, try read(path))) }
                return mergeExplorations(files)
            }
            var shards: [SweepShardFile.Contents] = []
            for path in args.positional {
                shards.append(try SweepShardFile.parse(try read(path), file: path))
            }
            print(SweepTable.render(try SweepMerge.combine(shards), format: format), terminator: "")
            return ExitCode.ok
        } catch {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            return error.exitCode
        }
    }

    /// Merges explore shards and prints the summary the unsharded exploration prints.
    private static func mergeExplorations(_ files: [(name: String, bytes: [UInt8])]) -> Int32 {
        do {
            let (plan, records) = try ExploreMerge.combine(files)
            print(plan.headline)
            print(ExploreSummary(records).text, terminator: "")
            return records.contains(where: \.failed) ? ExitCode.failed : ExitCode.ok
        } catch {
            FileHandle.standardError.write(Data("Error: \(error.description)\n".utf8))
            return 65
        }
    }

    /// `--format` for a table.
    private static func tableFormat(_ args: Arguments) throws -> ComparisonTable.Format {
        switch try args.format([.text, .csv, .json]) {
        case .text: return .text
        case .csv: return .csv
        case .json: return .json
        }
    }

    /// The integer value of option `name`, or `fallback` when it is not given.
    private static func integer(_ args: Arguments, _ name: String, default fallback: Int, usage: String) throws -> Int {
        guard let text = args.values(of: name).last else { return fallback }
        guard let value = Int(text), value >= 1 else { throw UsageError("\(name) takes a positive integer, got '\(text)'", usage: usage) }
        return value
    }

    /// The bytes of the file at `path`.
    private static func read(_ path: String) throws(SweepError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(file: path, message: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable(file: path, message: "is a directory, not a shard file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(file: path, message: "cannot be read")
        }
        return [UInt8](data)
    }
}
