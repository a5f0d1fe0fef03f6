/// The text form of `simrun bench`'s results: one block per benchmark, one `key: value`
/// line per figure, keys sorted as in the JSON form.
public enum BenchText {
    /// Renders the benchmark object (`{"phold": {...}, "scenario": {...}, ...}`).
    public static func render(_ results: JSONValue) -> String {
        guard case .object(let benchmarks) = results else { return JSONWriter.write(results) }
        var lines: [String] = []
        for name in benchmarks.keys.sorted() {
            lines.append("\(name):")
            guard case .object(let figures)? = benchmarks[name] else { continue }
            for key in figures.keys.sorted() {
                guard let value = figures[key] else { continue }
                let text: String
                switch value {
                case .string(let string): text = string
                case .number(let number): text = number.literal
                default: text = JSONWriter.write(value, pretty: false)
                }
                lines.append("  \(key): \(text)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
