/// A description of why JSON input was rejected and where.
///
/// Positions are 1-based. Lines are separated by LF, CR LF or a lone CR. Columns count
/// Unicode scalars (not bytes) from the start of the line, so a multi-byte UTF-8 character
/// counts as one column; a leading byte order mark is not counted.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The 1-based line of the problem.
    public let line: Int
    /// The 1-based column of the problem, in Unicode scalars from the start of the line.
    public let column: Int
    /// The JSON path of the value being parsed, such as `$.faults[1].at`; `$` is the top level.
    ///
    /// Keys that are not plain identifiers use bracket notation, such as `$["a b"]`.
    public let path: String
    /// A human-readable explanation, such as `duplicate key "ttl" (first seen at line 3)`.
    public let message: String

    /// Creates an error at a position.
    public init(line: Int, column: Int, path: String, message: String) {
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    /// The error as `line L, column C (at PATH): MESSAGE`.
    public var description: String {
        "line \(line), column \(column) (at \(path)): \(message)"
    }
}
