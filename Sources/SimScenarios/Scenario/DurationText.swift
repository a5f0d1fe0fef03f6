import ClusterSim

/// Duration strings of scenario files, such as `"250ms"`, `"30s"`, `"1.5s"` or `"2m"`.
///
/// A duration is a non-negative decimal number followed directly by one unit: `us`
/// (microseconds), `ms`, `s`, `m` (minutes) or `h`. Parsing uses integer arithmetic only,
/// so `"0.1s"` is exactly 100,000 µs on every machine; a value that is not a whole number
/// of microseconds (`"1.5us"`, `"0.0000001s"`) is rejected rather than rounded.
public enum DurationText {
    /// The units, largest first, with their length in microseconds.
    static let units: [(name: String, micros: Int64)] = [
        ("h", 3_600_000_000), ("m", 60_000_000), ("s", 1_000_000), ("ms", 1_000), ("us", 1),
    ]

    /// Parses `text` into a duration.
    ///
    /// Never traps: every malformed or out-of-range input is a ``DurationTextError``.
    /// Complexity: O(*n*) in the length of `text`.
    public static func parse(_ text: String) throws(DurationTextError) -> SimDuration {
        let scalars = Array(text.unicodeScalars)
        if scalars.isEmpty {
            throw .empty
        }
        if scalars[0] == "-" {
            throw .negative(text)
        }
        let numberEnd = scalars.firstIndex { !isDigit($0) && $0 != "." } ?? scalars.count
        if numberEnd == 0 {
            throw .malformedNumber(text)
        }
        let unitText = String(String.UnicodeScalarView(scalars[numberEnd...]))
        if unitText.isEmpty {
            throw .missingUnit(text)
        }
        guard let unit = units.first(where: { $0.name == unitText }) else {
            throw .unknownUnit(text, unit: unitText)
        }
        let number = scalars[..<numberEnd]
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty,
              parts.count == 1 || !parts[1].isEmpty
        else {
            throw .malformedNumber(text)
        }
        var fraction = parts.count == 2 ? Array(parts[1]) : []
        while fraction.last == "0" {
            fraction.removeLast()
        }
        let fractionMicros = try micros(ofFraction: fraction, unit: unit.micros, text: text)
        var wholeValue: Int64 = 0
        for digit in whole {
            let (shifted, overflowA) = wholeValue.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.addingReportingOverflow(digitValue(digit))
            if overflowA || overflowB {
                throw .tooLarge(text)
            }
            wholeValue = next
        }
        let (wholeMicros, overflowC) = wholeValue.multipliedReportingOverflow(by: unit.micros)
        let (total, overflowD) = wholeMicros.addingReportingOverflow(fractionMicros)
        if overflowC || overflowD {
            throw .tooLarge(text)
        }
        return SimDuration(microseconds: total)
    }

    /// Formats `duration` in the largest unit (`h`, `m`, `s`, `ms`, `us`) that divides it
    /// exactly, so the text never has a fraction and `parse(format(d)) == d` for every
    /// non-negative `d`: `"2m"`, `"90s"`, `"250ms"`, `"1500us"`; zero is `"0s"`.
    ///
    /// Negative durations, which scenario files cannot express, get a leading `-`.
    public static func format(_ duration: SimDuration) -> String {
        let magnitude = duration.microseconds.magnitude
        let sign = duration.microseconds < 0 ? "-" : ""
        if magnitude == 0 {
            return "0s"
        }
        for unit in units where magnitude % UInt64(unit.micros) == 0 {
            return sign + String(magnitude / UInt64(unit.micros)) + unit.name
        }
        return sign + String(magnitude) + "us"
    }

    /// The microseconds of the fractional digits `fraction` (without trailing zeros) of a
    /// number in a unit of `unit` microseconds.
    ///
    /// A non-zero last digit at position *n* can only give whole microseconds when 2ⁿ or 5ⁿ
    /// divides `unit`, and no unit has more than 2¹⁰ or 5⁸ in it, so more than ten digits
    /// are always too precise; ten digits and a unit of at most 3.6 × 10⁹ µs fit the
    /// 128-bit product below.
    private static func micros(ofFraction fraction: [Unicode.Scalar], unit: Int64, text: String) throws(DurationTextError) -> Int64 {
        if fraction.isEmpty {
            return 0
        }
        if fraction.count > 10 {
            throw .tooPrecise(text)
        }
        var value: UInt64 = 0
        var scale: UInt64 = 1
        for digit in fraction {
            value = value * 10 + UInt64(digitValue(digit))
            scale *= 10
        }
        let product = value.multipliedFullWidth(by: UInt64(unit))
        let (quotient, remainder) = scale.dividingFullWidth(product)
        if remainder != 0 {
            throw .tooPrecise(text)
        }
        return Int64(quotient)
    }

    /// Whether `scalar` is an ASCII digit.
    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar >= "0" && scalar <= "9"
    }

    /// The value of the ASCII digit `scalar`.
    private static func digitValue(_ scalar: Unicode.Scalar) -> Int64 {
        Int64(scalar.value - Unicode.Scalar("0").value)
    }
}

/// Why a duration string was rejected; its description is a sentence for error lists.
public enum DurationTextError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The string is empty.
    case empty
    /// The string starts with `-`.
    case negative(String)
    /// The number has no unit after it, such as `"30"`.
    case missingUnit(String)
    /// The unit is not one of `us`, `ms`, `s`, `m`, `h`.
    case unknownUnit(String, unit: String)
    /// The part before the unit is not a decimal number, such as `".5s"` or `"1.2.3s"`.
    case malformedNumber(String)
    /// The value is not a whole number of microseconds, such as `"1.5us"`.
    case tooPrecise(String)
    /// The value does not fit in 64 bits of microseconds.
    case tooLarge(String)

    /// A sentence saying what is wrong, quoting the given text.
    public var description: String {
        switch self {
        case .empty:
            return "the duration is empty; expected a number with a unit such as \"30s\", \"250ms\" or \"2m\""
        case .negative(let text):
            return "\(ScenarioText.quoted(text)) is negative; durations must be zero or more"
        case .missingUnit(let text):
            return "\(ScenarioText.quoted(text)) has no unit; add one of us, ms, s, m, h (e.g. \"30s\")"
        case .unknownUnit(let text, let unit):
            return "\(ScenarioText.quoted(text)) has an unknown unit \(ScenarioText.quoted(unit)); expected one of us, ms, s, m, h"
        case .malformedNumber(let text):
            return "\(ScenarioText.quoted(text)) is not a decimal number with a unit such as \"30s\", \"1.5s\" or \"250ms\""
        case .tooPrecise(let text):
            return "\(ScenarioText.quoted(text)) is finer than a microsecond, the simulator's resolution"
        case .tooLarge(let text):
            return "\(ScenarioText.quoted(text)) is too large"
        }
    }
}
