import ClusterSim
import Foundation
import SimScenarios

extension CommandLine {
    /// Runs two sides (two files, or one file with `--set-a`/`--set-b`) and prints their
    /// figures side by side, differing rows marked. Verdicts are data here: the exit status
    /// is 0 unless the command line (64) or a file (65, 66) is wrong, or `--svg` cannot be
    /// written (73).
    static func diffCommand(_ args: Arguments) throws -> Int32 {
        if args.help { print(Help.diff); return ExitCode.ok }
        let setsA = args.values(of: "--set-a")
        let setsB = args.values(of: "--set-b")
        let paths: [String]
        switch args.positional.count {
        case 1:
            guard !setsA.isEmpty || !setsB.isEmpty else {
                throw UsageError("diff of one scenario needs --set-a or --set-b to make the two sides differ", usage: Help.diffUsage)
            }
            paths = [args.positional[0], args.positional[0]]
        case 2:
            paths = args.positional
        default:
            throw UsageError("diff takes two scenario files, or one with --set-a/--set-b", usage: Help.diffUsage)
        }
        let format: RunDiff.Format = try args.format([.text, .json]) == .json ? .json : .text
        let seed = try args.seed()
        let sideSets = [setsA, setsB]
        var scenarios: [Scenario] = []
        var worst = ExitCode.ok
        for (index, path) in paths.enumerated() {
            do {
                scenarios.append(try ScenarioLoader.load(path: path, overrides: args.sets + sideSets[index]))
            } catch {
                FileHandle.standardError.write(Data("\(error.description)\n".utf8))
                worst = max(worst, error.exitCode)
            }
        }
        guard worst == ExitCode.ok else { return worst }
        var sides: [RunDiff.Side] = []
        var pictures: [PictureRun] = []
        for (index, scenario) in scenarios.enumerated() {
            let summary = ScenarioRunner.run(scenario, seed: seed, overrides: args.sets + sideSets[index])
            let name = index == 0 ? "A" : "B"
            var label = "\(name): \(scenario.name) (seed \(summary.report.seed))"
            if !sideSets[index].isEmpty { label += " " + sideSets[index].joined(separator: " ") }
            sides.append(RunDiff.Side(label: label, summary: summary))
            pictures.append(PictureRun(scenario: scenario, summary: summary, label: label))
        }
        if let path = args.values(of: "--svg").last {
            try writeOutput(TimelinePicture.render(pictures), to: path)
        }
        print(RunDiff.render(sides[0], sides[1], format: format), terminator: "")
        return ExitCode.ok
    }

    /// Writes `text` to the file at `path`, replacing it.
    static func writeOutput(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw OutputError(message: "cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}

/// An output file (`--svg`, `--trace`) could not be written: exit 73.
struct OutputError: Error {
    let message: String
}

extension ExitCode {
    /// An output file could not be created (sysexits' `EX_CANTCREAT`).
    static let cannotCreate: Int32 = 73
}
