import ClusterSim

/// Fixed-point text for the numbers of pictures and traces, without floating point.
///
/// SVG coordinates are kept as integer tenths of a pixel and written with at most one
/// decimal, so the same run always gives the same bytes on every machine and locale
/// (no `Double.description`, no `printf`).
enum FixedPoint {
    /// `tenths` tenths written as a decimal with one digit after the point, dropping `.0`:
    /// `1234` is `123.4`, `120` is `12`, `-5` is `-0.5`.
    static func tenths(_ tenths: Int64) -> String {
        let magnitude = tenths.magnitude
        let whole = magnitude / 10
        let fraction = magnitude % 10
        let sign = tenths < 0 ? "-" : ""
        return fraction == 0 ? sign + String(whole) : sign + String(whole) + "." + String(fraction)
    }

    /// `micros` as seconds with one decimal and an explicit sign: `+27.7s`, `−5.0s`
    /// (a true minus sign, U+2212), `0.0s` for zero.
    static func signedSeconds(_ micros: Int64) -> String {
        let text = TimeFormat.seconds(micros, decimals: 1)
        if text == "0.0" { return "0.0s" }
        return text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() + "s" : "+" + text + "s"
    }

    /// `micros` as unsigned seconds with one decimal: `33.6s`.
    static func seconds(_ micros: Int64) -> String {
        TimeFormat.seconds(micros, decimals: 1) + "s"
    }

    /// `value` with thousands separated by commas: `38,765`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    /// `d` in seconds with at most three decimals and no trailing zeros: `30s`, `2.5s`.
    static func compact(_ d: SimDuration) -> String {
        var text = TimeFormat.seconds(d.microseconds, decimals: 3)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "s"
    }
}
