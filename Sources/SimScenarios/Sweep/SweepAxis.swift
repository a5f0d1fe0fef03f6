import ClusterSim

/// One `--grid KEY=VALUES` axis: a scenario field by its dotted path and the values it takes.
///
/// `VALUES` is a comma-separated list whose items are single values or inclusive ranges
/// `FROM..TO/STEP` of integers (`10..60/10`, step 1 when left out) or of durations
/// (`10s..60s/10s`, step required). Values are written into the scenario exactly as
/// `--set KEY=VALUE` would write them, so JSON values work too; commas inside brackets,
/// braces or quotes do not split (`faults[0].from=["etcd"],["etcd","nodes"]`).
public struct SweepAxis: Sendable, Equatable {
    /// The key as given, e.g. `patroni.ttl`.
    public var key: String
    /// The values in the order given, ranges expanded, e.g. `["20", "30", "45"]`.
    public var values: [String]

    /// The most values one axis may take.
    public static let mostValues = 1_000

    /// Creates an axis from already expanded values.
    public init(key: String, values: [String]) {
        self.key = key
        self.values = values
    }

    /// The assignment `KEY=VALUE` of the value at `index`, as `--set` takes it.
    public func assignment(_ index: Int) -> String {
        key + "=" + values[index]
    }

    /// Parses `KEY=VALUES`.
    ///
    /// Throws a ``SweepError/grid(spec:message:)`` naming what is wrong: a missing `=`, a
    /// malformed key, an empty item, a bad range, a repeated value or too many values.
    /// Complexity: O(*n*) in the length of `spec` and the number of values.
    public static func parse(_ spec: String) throws(SweepError) -> SweepAxis {
        func fail(_ message: String) -> SweepError { .grid(spec: spec, message: message) }
        guard let equals = spec.firstIndex(of: "="), equals != spec.startIndex else {
            throw fail("expected KEY=VALUES such as patroni.ttl=20,30,45 or patroni.loop_wait=2..10/2")
        }
        let key = String(spec[..<equals])
        do throws(ScenarioOverrides.AssignmentError) {
            _ = try ScenarioOverrides.parse(key + "=0")
        } catch {
            throw fail("\(ScenarioText.quoted(key)) is not a dotted key such as patroni.ttl or faults[0].at")
        }
        let items = splitTopLevel(String(spec[spec.index(after: equals)...]))
        var values: [String] = []
        for (position, rawItem) in items.enumerated() {
            let item = trimmed(rawItem)
            guard !item.isEmpty else {
                throw fail("value \(position + 1) is empty; separate values with single commas")
            }
            let expanded = try isRange(item) ? expand(item, spec: spec) : [item]
            for value in expanded {
                guard !values.contains(value) else { throw fail("the value \(ScenarioText.quoted(value)) is given twice") }
                values.append(value)
                guard values.count <= mostValues else { throw fail("more than \(mostValues) values") }
            }
        }
        return SweepAxis(key: key, values: values)
    }

    /// The key's path steps with the `cluster.` shortcut resolved, so that `patroni.ttl` and
    /// `cluster.patroni.ttl` are recognised as the same field.
    var steps: [ScenarioOverrides.Step] {
        (try? ScenarioOverrides.parse(key + "=0").0) ?? []
    }

    // MARK: - Parsing helpers

    /// `text` split at commas that are not inside brackets, braces or a JSON string.
    private static func splitTopLevel(_ text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        var inString = false
        var escaped = false
        for character in text {
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "[" || character == "{" {
                depth += 1
            } else if character == "]" || character == "}" {
                depth -= 1
            } else if character == "," && depth <= 0 {
                items.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        items.append(current)
        return items
    }

    /// `text` without leading and trailing spaces.
    private static func trimmed(_ text: String) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    /// Whether `item` is written as a range: it contains `..` and is not JSON.
    private static func isRange(_ item: String) -> Bool {
        guard let first = item.first, first != "[", first != "{", first != "\"" else { return false }
        return item.contains("..")
    }

    /// The values of the range `FROM..TO[/STEP]`.
    private static func expand(_ item: String, spec: String) throws(SweepError) -> [String] {
        func fail(_ message: String) -> SweepError {
            .grid(spec: spec, message: "range \(ScenarioText.quoted(item)): \(message)")
        }
        let shape = "expected FROM..TO/STEP with integers (10..60/10) or durations (10s..60s/10s)"
        let slash = item.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let bounds = slash[0].split(separator: "..", omittingEmptySubsequences: false).map(String.init)
        guard bounds.count == 2, !bounds[0].isEmpty, !bounds[1].isEmpty, slash.count == 1 || !slash[1].isEmpty else {
            throw fail(shape)
        }
        let stepText = slash.count == 2 ? slash[1] : nil
        if let from = Int64(bounds[0]), let to = Int64(bounds[1]) {
            var step: Int64 = 1
            if let stepText {
                guard let parsed = Int64(stepText) else { throw fail("the step \(ScenarioText.quoted(stepText)) is not an integer like the bounds") }
                step = parsed
            }
            return try steps(from: from, to: to, by: step, fail).map { String($0) }
        }
        let from: SimDuration
        let to: SimDuration
        do throws(DurationTextError) {
            from = try DurationText.parse(bounds[0])
            to = try DurationText.parse(bounds[1])
        } catch {
            throw fail("\(shape), got \(ScenarioText.quoted(bounds[0])) and \(ScenarioText.quoted(bounds[1]))")
        }
        guard let stepText else { throw fail("a range of durations needs a step, such as /10s") }
        let step: SimDuration
        do throws(DurationTextError) {
            step = try DurationText.parse(stepText)
        } catch {
            throw fail("the step: \(error.description)")
        }
        return try steps(from: from.microseconds, to: to.microseconds, by: step.microseconds, fail)
            .map { DurationText.format(SimDuration(microseconds: $0)) }
    }

    /// `from`, `from + step`, ... up to and including `to` when a step lands on it.
    private static func steps(from: Int64, to: Int64, by step: Int64, _ fail: (String) -> SweepError) throws(SweepError) -> [Int64] {
        guard step > 0 else { throw fail("the step must be above zero") }
        guard from <= to else { throw fail("the range is empty: \(from) is above \(to)") }
        let (span, overflow) = to.subtractingReportingOverflow(from)
        guard !overflow, span / step < Int64(mostValues) else { throw fail("more than \(mostValues) values") }
        return (0...(span / step)).map { from + $0 * step }
    }
}
