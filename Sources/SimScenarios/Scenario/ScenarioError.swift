/// One thing wrong with a scenario: where it is and what was expected there.
public struct ScenarioProblem: Sendable, Equatable {
    /// The JSON path of the offending value, such as `$.faults[1].at`; `$` is the whole
    /// document, and an empty path means the file itself (it could not be read).
    public var path: String
    /// What was given and what was expected, such as
    /// `expected a duration string such as "30s", "250ms" or "2m", got number 30`.
    public var message: String

    /// Creates a problem at `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// Whether `a` sorts before `b`: by path (see ``PathOrder``), then by message.
    ///
    /// The order is total and uses no locale, so error output is the same everywhere.
    static func sortsBefore(_ a: ScenarioProblem, _ b: ScenarioProblem) -> Bool {
        if let pathOrder = PathOrder.compare(a.path, b.path) {
            return pathOrder
        }
        return a.message.unicodeScalars.map(\.value).lexicographicallyPrecedes(b.message.unicodeScalars.map(\.value))
    }
}

/// Why a scenario could not be loaded: every problem found, sorted by path.
///
/// Decoding collects all problems before it throws, so one run of `simrun` shows the
/// whole list instead of one mistake at a time.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Whether the file was unreadable or its content was wrong.
    public enum Kind: Sendable, Equatable {
        /// The content is not a valid scenario (exit status 65, `EX_DATAERR`).
        case invalid
        /// The file could not be read at all (exit status 66, `EX_NOINPUT`).
        case unreadable
    }

    /// The file as named on the command line, or a label such as `--set`.
    public var file: String
    /// The problems, sorted by path and then by message.
    public private(set) var problems: [ScenarioProblem]
    /// Whether the file was unreadable or invalid.
    public var kind: Kind

    /// Creates an error for `file`; `problems` are sorted by path, then message.
    public init(file: String, problems: [ScenarioProblem], kind: Kind = .invalid) {
        self.file = file
        self.problems = problems.sorted(by: ScenarioProblem.sortsBefore)
        self.kind = kind
    }

    /// The process exit status for this error: 65 for invalid content, 66 for an unreadable file.
    public var exitCode: Int32 {
        switch kind {
        case .invalid: return 65
        case .unreadable: return 66
        }
    }

    /// Every problem on its own line as `FILE: $.path: message` (or `FILE: message` when
    /// the problem concerns the file itself), in sorted order.
    public var description: String {
        problems.map { problem in
            problem.path.isEmpty
                ? "\(file): \(problem.message)"
                : "\(file): \(problem.path): \(problem.message)"
        }.joined(separator: "\n")
    }
}

/// The order of JSON paths in error lists: text order, except that runs of digits compare
/// by value, so `$.faults[2]` comes before `$.faults[10]`.
enum PathOrder {
    /// Returns whether `a` sorts before `b`, or `nil` when the two paths are identical.
    ///
    /// Complexity: O(*n*) in the length of the shorter path.
    static func compare(_ a: String, _ b: String) -> Bool? {
        let x = a.unicodeScalars.map(\.value)
        let y = b.unicodeScalars.map(\.value)
        var i = 0
        var j = 0
        while i < x.count && j < y.count {
            if isDigit(x[i]) && isDigit(y[j]) {
                let runX = digitRun(x, from: i)
                let runY = digitRun(y, from: j)
                if let order = compareNumbers(Array(x[runX]), Array(y[runY])) {
                    return order
                }
                i = runX.upperBound
                j = runY.upperBound
            } else {
                if x[i] != y[j] {
                    return x[i] < y[j]
                }
                i += 1
                j += 1
            }
        }
        if x.count - i != y.count - j {
            return x.count - i < y.count - j
        }
        // Equal except for leading zeros in digit runs: fall back to plain text order.
        return x == y ? nil : x.lexicographicallyPrecedes(y)
    }

    /// Whether the scalar value is an ASCII digit.
    private static func isDigit(_ scalar: UInt32) -> Bool {
        scalar >= 0x30 && scalar <= 0x39
    }

    /// The range of the run of digits that starts at `start`.
    private static func digitRun(_ scalars: [UInt32], from start: Int) -> Range<Int> {
        var end = start
        while end < scalars.count && isDigit(scalars[end]) {
            end += 1
        }
        return start..<end
    }

    /// Compares two digit runs by numeric value, or returns `nil` when the values are equal.
    private static func compareNumbers(_ a: [UInt32], _ b: [UInt32]) -> Bool? {
        let x = a.drop { $0 == 0x30 }
        let y = b.drop { $0 == 0x30 }
        if x.count != y.count {
            return x.count < y.count
        }
        if x.elementsEqual(y) {
            return nil
        }
        return x.lexicographicallyPrecedes(y)
    }
}

/// Wording shared by scenario error messages.
enum ScenarioText {
    /// The longest quoted text shown in a message before it is cut with `…`.
    static let quoteLimit = 60

    /// `text` in double quotes with JSON-style escapes, cut at ``quoteLimit`` characters,
    /// so a message always shows exactly what was given, on one line.
    static func quoted(_ text: String) -> String {
        var out = "\""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == quoteLimit {
                out += "…"
                break
            }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
            count += 1
        }
        return out + "\""
    }

    /// The given value as a message names it: its type, and the value itself for scalars,
    /// such as `number 30`, `string "abc"`, `boolean true`, `null`, `an array`, `an object`.
    static func given(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return "boolean \(b)"
        case .number(let n): return "number \(n.literal.count > quoteLimit ? String(n.literal.prefix(quoteLimit)) + "…" : n.literal)"
        case .string(let s): return "string \(quoted(s))"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The words joined as `a, b or c` (`a` alone, `a or b` for two).
    static func alternatives(_ words: [String]) -> String {
        guard let last = words.last else {
            return ""
        }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
    }
}
