import ClusterSim
import Foundation
import SimScenarios

extension CommandLine {
    /// Parses the arguments, runs the subcommand and returns the process exit status.
    static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            FileHandle.standardError.write(Data("Error: missing subcommand\nUsage: \(Help.usageLine)\n  See 'simrun help' for more information.\n".utf8))
            return ExitCode.usage
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "run": return try runCommand(try Arguments(rest, spec: .run))
            case "check": return try checkCommand(try Arguments(rest, spec: .check))
            case "validate": return try validateCommand(try Arguments(rest, spec: .validate))
            case "compare": return try compareCommand(try Arguments(rest, spec: .compare))
            case "diff": return try diffCommand(try Arguments(rest, spec: .diff))
            case "sweep": return try sweepCommand(try Arguments(rest, spec: .sweep))
            case "merge": return try mergeCommand(try Arguments(rest, spec: .merge))
            case "explore": return try exploreCommand(try Arguments(rest, spec: .explore))
            case "bench": return try benchCommand(try Arguments(rest, spec: .bench))
            case "help", "--help", "-h":
                guard let topic = rest.first else {
                    print(Help.overview)
                    return ExitCode.ok
                }
                guard let text = Help.text(for: topic) else {
                    throw UsageError("unknown subcommand '\(topic)'", usage: Help.usageLine)
                }
                print(text)
                return ExitCode.ok
            default:
                throw UsageError("unknown subcommand '\(command)'", usage: Help.usageLine)
            }
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("Error: \(error.message)\nUsage: \(error.usage)\n  See 'simrun help' for more information.\n".utf8))
            return ExitCode.usage
        } catch let error as ScenarioError {
            FileHandle.standardError.write(Data("\(error.description)\n".utf8))
            return error.exitCode
        } catch let error as OutputError {
            FileHandle.standardError.write(Data("Error: \(error.message)\n".utf8))
            return ExitCode.cannotCreate
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            return ExitCode.internalError
        }
    }

    private static func runCommand(_ args: Arguments) throws -> Int32 {
        if args.help { print(Help.run); return ExitCode.ok }
        guard args.positional.count == 1 else { throw UsageError("run takes exactly one scenario file", usage: Help.runUsage) }
        let json = try args.format([.text, .json]) == .json
        if args.flag("--events") && !json {
            throw UsageError("--events needs --format json (the text timeline already lists every event)", usage: Help.runUsage)
        }
        let times = try args.values(of: "--at").map { text -> SnapshotTime in
            guard let time = SnapshotTime.parse(text) else {
                throw UsageError("--at takes a time since the start (45s) or relative to the first fault (T+10s, T-5s), got '\(text)'",
                                 usage: Help.runUsage)
            }
            return time
        }
        let scenario = try ScenarioLoader.load(path: args.positional[0], overrides: args.sets)
        for time in times {
            if case .sinceStart(let duration) = time, duration > scenario.options.duration {
                throw UsageError("--at \(time) is after the end of the run (\(scenario.options.duration))", usage: Help.runUsage)
            }
        }
        let (summary, snapshots) = ScenarioRunner.run(scenario, seed: try args.seed(), overrides: args.sets, snapshotsAt: times)
        let picture = PictureRun(scenario: scenario, summary: summary)
        if let path = args.values(of: "--svg").last {
            try writeOutput(TimelinePicture.render([picture]), to: path)
        }
        if let path = args.values(of: "--trace").last {
            try writeOutput(ChromeTrace.render(picture), to: path)
        }
        if json {
            print(JSONReport.render(summary, events: args.flag("--events"), snapshots: times.isEmpty ? nil : snapshots), terminator: "")
        } else {
            let text = TextReport.render(summary, scope: scenario.options.scope)
            let sections = SnapshotText.render(snapshots, firstFault: summary.report.firstFaultAt, scope: scenario.options.scope)
            print(SnapshotText.inserting(sections, into: text), terminator: "")
        }
        return summary.exitCode
    }

    private static func checkCommand(_ args: Arguments) throws -> Int32 {
        if args.help { print(Help.check); return ExitCode.ok }
        guard !args.positional.isEmpty else { throw UsageError("check needs at least one scenario file", usage: Help.checkUsage) }
        var failed: [String] = []
        var worst = ExitCode.ok
        for path in args.positional {
            let scenario = try ScenarioLoader.load(path: path, overrides: args.sets)
            let summary = ScenarioRunner.run(scenario, seed: try args.seed(), overrides: args.sets)
            let verdict = summary.checkVerdict
            print("\(verdict == .ok ? "ok  " : "FAIL") \(path)")
            for result in summary.expectations where !result.held {
                print("       \(result.check): expected \(result.expected), got \(result.actual)")
            }
            for violation in summary.report.violations {
                print("       \(summary.violationsAnticipated ? "expected violation" : "violation") \(violation.invariant): \(violation.detail)")
            }
            if verdict != .ok {
                failed.append(path)
                print("       reproduce: \(summary.reproduceCommand)")
                // A safety failure (1) outranks a liveness-only failure (2).
                if worst != ExitCode.failed { worst = verdict.exitCode }
            }
        }
        print("\(args.positional.count - failed.count) passed, \(failed.count) failed")
        return worst
    }

    /// Loads every file first (listing every bad one), then runs each and prints one
    /// table row per scenario. Failed verdicts are data here, not errors: the exit status
    /// is 0 unless a file is invalid (65) or unreadable (66).
    private static func compareCommand(_ args: Arguments) throws -> Int32 {
        if args.help { print(Help.compare); return ExitCode.ok }
        guard !args.positional.isEmpty else { throw UsageError("compare needs at least one scenario file", usage: Help.compareUsage) }
        let format: ComparisonTable.Format
        switch try args.format([.text, .csv, .json]) {
        case .text: format = .text
        case .csv: format = .csv
        case .json: format = .json
        }
        let seed = try args.seed()
        var scenarios: [Scenario] = []
        var worst = ExitCode.ok
        for path in args.positional {
            do {
                scenarios.append(try ScenarioLoader.load(path: path, overrides: args.sets))
            } catch {
                FileHandle.standardError.write(Data("\(error.description)\n".utf8))
                worst = max(worst, error.exitCode)
            }
        }
        guard worst == ExitCode.ok else { return worst }
        let rows = scenarios.map { scenario in
            (name: scenario.name, summary: ScenarioRunner.run(scenario, seed: seed, overrides: args.sets))
        }
        print(ComparisonTable.render(rows, format: format), terminator: "")
        return ExitCode.ok
    }

    private static func validateCommand(_ args: Arguments) throws -> Int32 {
        if args.help { print(Help.validate); return ExitCode.ok }
        guard !args.positional.isEmpty else { throw UsageError("validate needs at least one scenario file", usage: Help.validateUsage) }
        var worst = ExitCode.ok
        for path in args.positional {
            do {
                let scenario = try ScenarioLoader.load(path: path, overrides: args.sets)
                let warnings = EffectiveTimers(scenario.options.patroni).warnings
                print("ok   \(path)" + (warnings.isEmpty ? "" : " (" + warnings.joined(separator: "; ") + ")"))
            } catch {
                FileHandle.standardError.write(Data("\(error.description)\n".utf8))
                worst = max(worst, error.exitCode)
            }
        }
        return worst
    }
}
