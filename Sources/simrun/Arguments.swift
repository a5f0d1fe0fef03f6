/// A command line usage mistake: printed as `Error: ...` and the usage line, exit 64.
struct UsageError: Error {
    let message: String
    let usage: String

    init(_ message: String, usage: String) {
        self.message = message
        self.usage = usage
    }
}

/// Which options a subcommand takes.
struct ArgumentSpec {
    let usage: String
    let valueOptions: Set<String>
    /// Options that take no value, such as `--stop-at-first`.
    var flags: Set<String> = []

    static let run = ArgumentSpec(usage: Help.runUsage, valueOptions: ["--seed", "--set", "--format", "--at", "--svg", "--trace"],
                                  flags: ["--events"])
    static let diff = ArgumentSpec(usage: Help.diffUsage, valueOptions: ["--seed", "--set", "--set-a", "--set-b", "--format", "--svg"])
    static let check = ArgumentSpec(usage: Help.checkUsage, valueOptions: ["--seed", "--set"])
    static let validate = ArgumentSpec(usage: Help.validateUsage, valueOptions: ["--set"])
    static let compare = ArgumentSpec(usage: Help.compareUsage, valueOptions: ["--seed", "--set", "--format"])
}

/// The parsed arguments of one subcommand.
struct Arguments {
    /// Output formats: `run` takes text or json, `compare` also csv.
    enum Format: String { case text, csv, json }

    private(set) var positional: [String] = []
    private(set) var sets: [String] = []
    private var values: [(String, String)] = []
    private(set) var help = false
    private var flagsGiven: Set<String> = []
    private let spec: ArgumentSpec

    init(_ arguments: [String], spec: ArgumentSpec) throws {
        self.spec = spec
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if word == "--help" || word == "-h" {
                help = true
            } else if word.hasPrefix("--") {
                let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                let name = parts[0]
                if spec.flags.contains(name) {
                    guard parts.count == 1 else { throw UsageError("option '\(name)' takes no value", usage: spec.usage) }
                    flagsGiven.insert(name)
                    continue
                }
                guard spec.valueOptions.contains(name) else { throw UsageError("unknown option '\(name)'", usage: spec.usage) }
                let value: String
                if parts.count == 2 {
                    value = parts[1]
                } else {
                    guard index < arguments.count else { throw UsageError("option '\(name)' needs a value", usage: spec.usage) }
                    value = arguments[index]
                    index += 1
                }
                if name == "--set" { sets.append(value) } else { values.append((name, value)) }
            } else {
                positional.append(word)
            }
        }
    }

    private func last(_ name: String) -> String? {
        values.last { $0.0 == name }?.1
    }

    /// Every value given to the option `name`, in order; the last one is the one in force
    /// for a single-valued option.
    func values(of name: String) -> [String] {
        values.filter { $0.0 == name }.map(\.1)
    }

    /// A seed option (`--seed N` by default), if given.
    func seed(named name: String = "--seed") throws -> UInt64? {
        guard let text = last(name) else { return nil }
        guard let seed = UInt64(text) else { throw UsageError("\(name) takes a non-negative integer, got '\(text)'", usage: spec.usage) }
        return seed
    }

    /// `--format`, one of `allowed` (default text).
    func format(_ allowed: [Format] = [.text, .json]) throws -> Format {
        guard let text = last("--format") else { return .text }
        guard let format = Format(rawValue: text), allowed.contains(format) else {
            let names = allowed.map(\.rawValue)
            let list = names.dropLast().joined(separator: ", ") + (names.count > 2 ? "," : "") + " or " + names[names.count - 1]
            throw UsageError("--format takes \(list), got '\(text)'", usage: spec.usage)
        }
        return format
    }

    /// Whether flag `name` was given.
    func flag(_ name: String) -> Bool { flagsGiven.contains(name) }
}
