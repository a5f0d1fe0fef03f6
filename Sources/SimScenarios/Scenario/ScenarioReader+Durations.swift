import ClusterSim

extension ScenarioReader {
    /// The duration at `key`, if present and valid: a string such as `"30s"`, at most 30
    /// days, and greater than zero when `positive`.
    mutating func duration(_ object: JSONObject, _ key: String, in parent: String, positive: Bool = false) -> SimDuration? {
        object[key].flatMap { duration($0, at: JSONPath.child(parent, key), positive: positive) }
    }

    /// `value` as a duration: a string such as `"30s"`, at most 30 days, and greater than
    /// zero when `positive`.
    mutating func duration(_ value: JSONValue, at path: String, positive: Bool = false) -> SimDuration? {
        guard case .string(let text) = value else {
            fail(path, "expected a duration string such as \"30s\", \"250ms\" or \"2m\", got \(ScenarioText.given(value))")
            return nil
        }
        let duration: SimDuration
        do throws(DurationTextError) {
            duration = try DurationText.parse(text)
        } catch .tooLarge {
            // Beyond 64 bits of microseconds is beyond 30 days too: say what fits.
            fail(path, "expected a duration of at most 30 days (\"720h\"), got \(ScenarioText.quoted(text))")
            return nil
        } catch {
            fail(path, error.description)
            return nil
        }
        if positive && duration == .zero {
            fail(path, "expected a duration greater than zero, got \(ScenarioText.quoted(text))")
            return nil
        }
        if duration > ScenarioLimits.longestDuration {
            fail(path, "expected a duration of at most 30 days (\"720h\"), got \(ScenarioText.quoted(text))")
            return nil
        }
        return duration
    }

    /// The signed, non-zero duration at `key`, if present and valid: `"-40s"`, `"+5s"` or
    /// `"5s"`, at most 30 days either way.
    ///
    /// The sign is read here and the rest by ``DurationText``, whose messages then quote
    /// the whole text as written.
    mutating func signedDuration(_ object: JSONObject, _ key: String, in parent: String) -> SimDuration? {
        guard let value = object[key] else {
            return nil
        }
        let path = JSONPath.child(parent, key)
        let expected = "a signed duration such as \"-40s\", \"+5s\" or \"5s\""
        guard case .string(let text) = value else {
            fail(path, "expected \(expected), got \(ScenarioText.given(value))")
            return nil
        }
        var magnitudeText = Substring(text)
        let negative = magnitudeText.first == "-"
        if negative || magnitudeText.first == "+" {
            magnitudeText.removeFirst()
        }
        let magnitude: SimDuration
        do throws(DurationTextError) {
            magnitude = try DurationText.parse(String(magnitudeText))
        } catch {
            switch error {
            case .empty, .negative, .malformedNumber:
                fail(path, "\(ScenarioText.quoted(text)) is not \(expected)")
            case .missingUnit:
                fail(path, DurationTextError.missingUnit(text).description)
            case .unknownUnit(_, let unit):
                fail(path, DurationTextError.unknownUnit(text, unit: unit).description)
            case .tooPrecise:
                fail(path, DurationTextError.tooPrecise(text).description)
            case .tooLarge:
                fail(path, "expected a duration of at most 30 days (\"720h\") either way, got \(ScenarioText.quoted(text))")
            }
            return nil
        }
        if magnitude == .zero {
            fail(path, "expected a non-zero duration, got \(ScenarioText.quoted(text))")
            return nil
        }
        if magnitude > ScenarioLimits.longestDuration {
            fail(path, "expected a duration of at most 30 days (\"720h\") either way, got \(ScenarioText.quoted(text))")
            return nil
        }
        return negative ? .zero - magnitude : magnitude
    }

    /// The range of delays at `key`, if present and valid: one duration string (a fixed
    /// delay) or a two-element array `["5m", "10m"]` with the shorter first.
    mutating func durationRange(_ object: JSONObject, _ key: String, in parent: String) -> DurationRange? {
        guard let value = object[key] else {
            return nil
        }
        let path = JSONPath.child(parent, key)
        let expected = "a duration string such as \"5m\" or a two-element array [min, max] such as [\"5m\", \"10m\"]"
        switch value {
        case .string:
            return duration(value, at: path).map { DurationRange(min: $0, max: $0) }
        case .array(let elements) where elements.count == 2:
            let min = duration(elements[0], at: JSONPath.index(path, 0))
            let max = duration(elements[1], at: JSONPath.index(path, 1))
            guard let min, let max else {
                return nil
            }
            if min > max {
                fail(path, "expected min <= max, got min \(ScenarioText.quoted(DurationText.format(min))) and max \(ScenarioText.quoted(DurationText.format(max)))")
                return nil
            }
            return DurationRange(min: min, max: max)
        case .array(let elements):
            fail(path, "expected \(expected), got an array of \(elements.count) element\(elements.count == 1 ? "" : "s")")
            return nil
        default:
            fail(path, "expected \(expected), got \(ScenarioText.given(value))")
            return nil
        }
    }
}
