/// A JSON value as defined by RFC 8259.
///
/// Numbers keep their exact source text (see ``JSONNumber``) and objects keep their
/// members in source order (see ``JSONObject``). Equality is exact: strings are equal
/// only when their Unicode scalars are identical (no canonical-equivalence folding),
/// numbers are equal when their literals are identical, and objects are equal when they
/// hold the same members regardless of order. Two equal values therefore always produce
/// the same bytes from ``JSONWriter``.
public enum JSONValue: Equatable, Sendable {
    /// The `null` literal.
    case null
    /// The `true` or `false` literal.
    case bool(Bool)
    /// A number, kept as its exact literal text.
    case number(JSONNumber)
    /// A string of Unicode scalars.
    case string(String)
    /// An ordered list of values.
    case array([JSONValue])
    /// A set of uniquely keyed members, kept in insertion order.
    case object(JSONObject)

    /// Makes a number value from a 64-bit integer.
    ///
    /// The literal is the integer's decimal representation, for example `-5`.
    public static func int(_ v: Int64) -> JSONValue {
        .number(JSONNumber(uncheckedLiteral: String(v)))
    }

    /// Makes a number value from a platform integer.
    ///
    /// The literal is the integer's decimal representation, for example `30`.
    public static func int(_ v: Int) -> JSONValue {
        .number(JSONNumber(uncheckedLiteral: String(v)))
    }

    /// Makes a number value from an unsigned 64-bit integer (such as a seed), digit for digit.
    public static func uint(_ v: UInt64) -> JSONValue {
        .number(JSONNumber(uncheckedLiteral: String(v)))
    }

    /// Makes a number value from a finite double.
    ///
    /// The literal is Swift's shortest round-trip `description` of the double, such as
    /// `0.25`, `3.0` or `1e-07`, all of which are valid JSON numbers.
    /// - Precondition: `v` is finite; JSON has no representation for NaN or infinity.
    public static func double(_ v: Double) -> JSONValue {
        precondition(v.isFinite, "JSON numbers must be finite, got \(v)")
        return .number(JSONNumber(uncheckedLiteral: v.description))
    }

    /// The JSON type name of this value, for use in error messages.
    ///
    /// One of `"null"`, `"boolean"`, `"number"`, `"string"`, `"array"` or `"object"`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Compares two values exactly.
    ///
    /// Strings compare by Unicode scalars, numbers by literal text, arrays element by
    /// element, and objects by members irrespective of member order.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null):
            true
        case let (.bool(l), .bool(r)):
            l == r
        case let (.number(l), .number(r)):
            l == r
        case let (.string(l), .string(r)):
            l.utf8.elementsEqual(r.utf8)
        case let (.array(l), .array(r)):
            l.elementsEqual(r)
        case let (.object(l), .object(r)):
            l == r
        default:
            false
        }
    }
}
