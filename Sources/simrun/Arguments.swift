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

    static let run = ArgumentSpec(usage: Help.runUsage, valueOptions: ["--seed", "--set", "--format"])
    static let check = ArgumentSpec(usage: Help.checkUsage, valueOptions: ["--seed", "--set"])
    static let validate = ArgumentSpec(usage: Help.validateUsage, valueOptions: ["--set"])
}

/// The parsed arguments of one subcommand.
struct Arguments {
    /// Report formats of `simrun run`.
    enum Format { case text, json }

    private(set) var positional: [String] = []
    private(set) var sets: [String] = []
    private var values: [(String, String)] = []
    private(set) var help = false
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

    /// `--seed N`, if given.
    func seed() throws -> UInt64? {
        guard let text = last("--seed") else { return nil }
        guard let seed = UInt64(text) else { throw UsageError("--seed takes a non-negative integer, got '\(text)'", usage: spec.usage) }
        return seed
    }

    /// `--format text|json` (default text).
    func format() throws -> Format {
        switch last("--format") {
        case nil, "text": return .text
        case "json": return .json
        case let other?: throw UsageError("--format takes text or json, got '\(other)'", usage: spec.usage)
        }
    }
}
