/// Why a sweep could not be set up, or why shard files could not be merged.
///
/// Grid and shard syntax are command-line mistakes (exit status 64); a bad scenario file
/// keeps its own status (65 or 66); shard files that disagree, repeat or miss runs are
/// bad data (65), and an unreadable shard file is 66.
public enum SweepError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `--grid` specification is malformed; `spec` is the text as given.
    case grid(spec: String, message: String)
    /// A sweep option other than the grid is out of range, such as `--seeds 0` or `--shard 3/2`.
    case option(String)
    /// The scenario itself (with `--set` applied, before the grid) cannot be loaded.
    case scenario(ScenarioError)
    /// A shard file is malformed, disagrees with the others, or runs are missing or repeated;
    /// `file` is empty when the problem concerns the set of files as a whole.
    case merge(file: String, message: String)
    /// A shard file cannot be read.
    case unreadable(file: String, message: String)

    /// Whether the mistake is in the command line rather than in a file.
    public var isUsage: Bool {
        switch self {
        case .grid, .option: return true
        case .scenario, .merge, .unreadable: return false
        }
    }

    /// The process exit status: 64 for usage, 65 for bad data, 66 for an unreadable file.
    public var exitCode: Int32 {
        switch self {
        case .grid, .option: return 64
        case .scenario(let error): return error.exitCode
        case .merge: return 65
        case .unreadable: return 66
        }
    }

    /// One or more lines saying what is wrong and where.
    public var description: String {
        switch self {
        case let .grid(spec, message): return "--grid \(ScenarioText.quoted(spec)): \(message)"
        case .option(let message): return message
        case .scenario(let error): return error.description
        case let .merge(file, message), let .unreadable(file, message):
            return file.isEmpty ? message : "\(file): \(message)"
        }
    }
}
