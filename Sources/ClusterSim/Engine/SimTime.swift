/// A length of virtual time, in integer microseconds.
///
/// Integer time keeps every run exact and identical on every machine; no floating
/// point ever decides the order of two events.
public struct SimDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The length in microseconds.
    public var microseconds: Int64

    /// Creates a duration of `microseconds`.
    public init(microseconds: Int64) { self.microseconds = microseconds }

    /// No time at all.
    public static let zero = SimDuration(microseconds: 0)

    /// A duration of `n` microseconds.
    public static func micros(_ n: Int64) -> SimDuration { SimDuration(microseconds: n) }
    /// A duration of `n` milliseconds.
    public static func millis(_ n: Int64) -> SimDuration { SimDuration(microseconds: n * 1_000) }
    /// A duration of `n` seconds.
    public static func seconds(_ n: Int64) -> SimDuration { SimDuration(microseconds: n * 1_000_000) }
    /// A duration of `n` minutes.
    public static func minutes(_ n: Int64) -> SimDuration { SimDuration(microseconds: n * 60_000_000) }

    /// The duration in whole milliseconds, rounded towards zero.
    public var milliseconds: Int64 { microseconds / 1_000 }

    /// The duration in seconds as a `Double`, for display and closed-form estimates only.
    public var seconds: Double { Double(microseconds) / 1_000_000 }

    public static func < (a: SimDuration, b: SimDuration) -> Bool { a.microseconds < b.microseconds }
    public static func + (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(microseconds: a.microseconds + b.microseconds) }
    public static func - (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(microseconds: a.microseconds - b.microseconds) }
    public static func * (a: SimDuration, k: Int64) -> SimDuration { SimDuration(microseconds: a.microseconds * k) }
    public static func / (a: SimDuration, k: Int64) -> SimDuration { SimDuration(microseconds: a.microseconds / k) }

    /// The duration as seconds with one decimal, e.g. `21.6s`, rounded half away from zero.
    public var description: String { TimeFormat.seconds(microseconds, decimals: 1) + "s" }
}

/// An instant on the simulation's virtual clock, in microseconds since the run started.
public struct SimInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Microseconds since the start of the run.
    public var microseconds: Int64

    /// Creates the instant `microseconds` after the start of the run.
    public init(microseconds: Int64) { self.microseconds = microseconds }

    /// The start of the run.
    public static let zero = SimInstant(microseconds: 0)

    /// The instant in whole milliseconds since the start, rounded towards zero.
    public var milliseconds: Int64 { microseconds / 1_000 }

    public static func < (a: SimInstant, b: SimInstant) -> Bool { a.microseconds < b.microseconds }
    public static func + (a: SimInstant, d: SimDuration) -> SimInstant { SimInstant(microseconds: a.microseconds + d.microseconds) }
    public static func - (a: SimInstant, d: SimDuration) -> SimInstant { SimInstant(microseconds: a.microseconds - d.microseconds) }
    public static func - (a: SimInstant, b: SimInstant) -> SimDuration { SimDuration(microseconds: a.microseconds - b.microseconds) }

    /// The instant as seconds since the start with one decimal, e.g. `t=61.2s`.
    public var description: String { "t=" + TimeFormat.seconds(microseconds, decimals: 1) + "s" }
}

/// Fixed-point formatting of microsecond counts, without floating point.
public enum TimeFormat {
    /// Formats `micros` as seconds with `decimals` digits after the point (0...6),
    /// rounding half away from zero, e.g. `seconds(21_650_000, decimals: 1)` is `"21.7"`.
    public static func seconds(_ micros: Int64, decimals: Int) -> String {
        let digits = max(0, min(6, decimals))
        var unit: UInt64 = 1
        for _ in 0..<(6 - digits) { unit *= 10 }
        let negative = micros < 0
        let rounded = micros.magnitude / unit + (micros.magnitude % unit >= (unit + 1) / 2 && unit > 1 ? 1 : 0)
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let whole = rounded / scale
        let fraction = rounded % scale
        var text = String(whole)
        if digits > 0 {
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return (negative && rounded != 0 ? "-" : "") + text
    }
}
