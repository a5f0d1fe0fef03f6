import ClusterSim

/// Turns a scenario document (DESIGN.md §5) into a validated ``Scenario``.
///
/// Decoding never stops at the first mistake: every unknown key, wrong type, bad
/// duration, unknown node and out-of-range value is collected, and one
/// ``ScenarioError`` lists them all, sorted by JSON path. Patroni's timers are taken as
/// written (only non-positive values are rejected); their adjustment is
/// `EffectiveTimers`' job, which reports it as warnings.
public enum ScenarioDecoder {
    /// Parses `bytes` as JSON and decodes the scenario.
    ///
    /// A JSON syntax error becomes a single problem at the path where parsing stopped.
    public static func decode(_ bytes: [UInt8], file: String) throws(ScenarioError) -> Scenario {
        let document: JSONValue
        do throws(JSONParseError) {
            document = try JSONParser.parse(bytes)
        } catch {
            throw ScenarioError(file: file, problems: [invalidJSON(error)])
        }
        return try decode(document, file: file)
    }

    /// Decodes and validates a parsed scenario document; `file` names it in errors and
    /// becomes the scenario's ``Scenario/source``.
    public static func decode(_ value: JSONValue, file: String) throws(ScenarioError) -> Scenario {
        var reader = ScenarioReader()
        let scenario = reader.scenario(value, source: file)
        guard reader.problems.isEmpty, let scenario else {
            throw ScenarioError(file: file, problems: reader.problems)
        }
        return scenario
    }

    /// The problem reported for a JSON syntax error.
    static func invalidJSON(_ error: JSONParseError) -> ScenarioProblem {
        ScenarioProblem(path: error.path, message: "invalid JSON at line \(error.line), column \(error.column): \(error.message)")
    }
}
