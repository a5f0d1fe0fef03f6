/// A JSON number, stored as its exact literal text.
///
/// Keeping the literal avoids any loss of precision: `12345678901234567890`, `1.10` and
/// `1e2` are written back exactly as they were read. Equality compares literals, so
/// `1.0` and `1` are different numbers even though they have the same value.
public struct JSONNumber: Equatable, Sendable {
    /// The number's text, which always matches the RFC 8259 number grammar.
    public let literal: String

    /// Creates a number from a literal, or returns `nil` if it is not a valid JSON number.
    ///
    /// The literal must match the RFC 8259 grammar exactly: an optional `-`, an integer
    /// part without leading zeros, an optional fraction and an optional exponent. No
    /// surrounding whitespace, `+` sign, `NaN` or `Infinity` is accepted. A literal whose
    /// magnitude is too large for a `Double` (such as `1e999`) is accepted here; its
    /// ``doubleValue`` is `nil`.
    public init?(_ literal: String) {
        let bytes = Array(literal.utf8)
        guard case .valid(let end) = Self.scanLiteral(bytes, from: 0), end == bytes.count else {
            return nil
        }
        self.literal = literal
    }

    /// Creates a number from a literal already known to match the JSON number grammar.
    init(uncheckedLiteral literal: String) {
        self.literal = literal
    }

    /// The value as a 64-bit integer, or `nil` if it is not an integer in `Int64` range.
    ///
    /// Any notation of an integral value is accepted: `30`, `-5`, `3.0`, `3e1` and
    /// `2500e-2` all convert. `3.5` and `9223372036854775808` return `nil`.
    public var int64Value: Int64? {
        let decimal = DecimalForm(literal)
        guard decimal.isIntegral else {
            return nil
        }
        if decimal.significand.isEmpty {
            return 0
        }
        guard decimal.significand.count + decimal.exponent <= 19 else {
            return nil
        }
        var magnitude: UInt64 = 0
        for digit in decimal.significand {
            let (shifted, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.addingReportingOverflow(UInt64(digit))
            guard !overflowA, !overflowB else {
                return nil
            }
            magnitude = next
        }
        for _ in 0..<decimal.exponent {
            let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: 10)
            guard !overflow else {
                return nil
            }
            magnitude = shifted
        }
        let limit = UInt64(Int64.max)
        if decimal.isNegative {
            if magnitude == limit + 1 {
                return Int64.min
            }
            return magnitude <= limit ? -Int64(magnitude) : nil
        }
        return magnitude <= limit ? Int64(magnitude) : nil
    }

    /// The value as the nearest `Double`, or `nil` if that double would be infinite.
    ///
    /// Values too small to represent round to zero, as usual for floating point.
    public var doubleValue: Double? {
        guard let value = Double(literal), value.isFinite else {
            return nil
        }
        return value
    }

    /// Whether the value is mathematically an integer, whatever its notation or size.
    ///
    /// `3`, `3.0`, `3e1` and `1e400` are integers; `3.5` and `1e-1` are not.
    public var isInteger: Bool {
        DecimalForm(literal).isIntegral
    }

    /// The outcome of matching bytes against the JSON number grammar.
    enum LiteralScan: Equatable {
        /// A number occupies the bytes up to (but excluding) `end`.
        case valid(end: Int)
        /// The bytes do not form a number; `offset` locates the problem.
        case invalid(offset: Int, message: String)
    }

    /// Matches the longest JSON number starting at `start`, reporting grammar violations.
    ///
    /// The scan stops at the first byte that cannot continue the number; callers decide
    /// whether what follows is acceptable.
    static func scanLiteral(_ bytes: [UInt8], from start: Int) -> LiteralScan {
        let count = bytes.count
        var i = start
        func isDigit(_ index: Int) -> Bool {
            index < count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")
        }
        func missingDigit(at index: Int, _ message: String) -> LiteralScan {
            .invalid(offset: index, message: index < count ? message : "unexpected end of input")
        }
        if i < count && bytes[i] == UInt8(ascii: "-") {
            i += 1
        }
        guard isDigit(i) else {
            return missingDigit(at: i, "expected a digit after '-'")
        }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if isDigit(i) {
                return .invalid(offset: start, message: "leading zeros are not allowed in numbers")
            }
        } else {
            while isDigit(i) {
                i += 1
            }
        }
        if i < count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else {
                return missingDigit(at: i, "expected a digit after the decimal point")
            }
            while isDigit(i) {
                i += 1
            }
        }
        if i < count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
                i += 1
            }
            guard isDigit(i) else {
                return missingDigit(at: i, "expected a digit in the exponent")
            }
            while isDigit(i) {
                i += 1
            }
        }
        return .valid(end: i)
    }
}

/// A number literal decomposed as `±significand × 10^exponent`.
///
/// The significand has neither leading nor trailing zeros, so it is empty exactly when the
/// value is zero. The exponent is clamped to ±1,000,000,000, far beyond any value that
/// matters for integer conversion, so absurd literals cannot overflow it.
private struct DecimalForm {
    /// Whether the literal starts with `-`.
    var isNegative = false
    /// The significant decimal digits, as values 0 through 9.
    var significand: [UInt8] = []
    /// The power of ten that scales the significand.
    var exponent = 0

    /// Decomposes a literal that matches the JSON number grammar.
    init(_ literal: String) {
        let exponentLimit = 1_000_000_000
        var fractionDigits = 0
        var explicitExponent = 0
        var exponentIsNegative = false
        var part = 0
        for byte in literal.utf8 {
            switch byte {
            case UInt8(ascii: "-") where part == 0:
                isNegative = true
            case UInt8(ascii: "-"):
                exponentIsNegative = true
            case UInt8(ascii: "+"):
                break
            case UInt8(ascii: "."):
                part = 1
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                part = 2
            default:
                let digit = byte &- UInt8(ascii: "0")
                if part == 2 {
                    explicitExponent = min(explicitExponent * 10 + Int(digit), exponentLimit)
                } else {
                    if part == 1 {
                        fractionDigits += 1
                    }
                    if digit != 0 || !significand.isEmpty {
                        significand.append(digit)
                    }
                }
            }
        }
        var trailingZeros = 0
        while let last = significand.last, last == 0 {
            significand.removeLast()
            trailingZeros += 1
        }
        let signedExponent = exponentIsNegative ? -explicitExponent : explicitExponent
        let combined = signedExponent - fractionDigits + trailingZeros
        exponent = max(-exponentLimit, min(exponentLimit, combined))
    }

    /// Whether the value is a mathematical integer.
    var isIntegral: Bool {
        significand.isEmpty || exponent >= 0
    }
}
