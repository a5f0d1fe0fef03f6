/// Reads the JSON values of one line of a shard file, throwing errors that name the file,
/// the line and the key.
struct ShardFieldReader {
    /// The shard file as named on the command line.
    let file: String
    /// The 1-based line number.
    let line: Int

    /// A merge error at this line.
    func fail(_ message: String) -> SweepError {
        .merge(file: file, message: "line \(line): \(message)")
    }

    /// `value` as an object; `what` names it in the error.
    func object(_ value: JSONValue, _ what: String) throws(SweepError) -> JSONObject {
        guard case .object(let object) = value else { throw fail("expected \(what) as a JSON object, got \(ScenarioText.given(value))") }
        return object
    }

    /// The member `key`, which must be present.
    func field(_ object: JSONObject, _ key: String) throws(SweepError) -> JSONValue {
        guard let value = object[key] else { throw fail("missing \(ScenarioText.quoted(key))") }
        return value
    }

    /// The string member `key`.
    func string(_ object: JSONObject, _ key: String) throws(SweepError) -> String {
        guard case .string(let text) = try field(object, key) else { throw fail("\(ScenarioText.quoted(key)) must be a string") }
        return text
    }

    /// The member `key`: a string or null.
    func optionalString(_ object: JSONObject, _ key: String) throws(SweepError) -> String? {
        switch try field(object, key) {
        case .null: return nil
        case .string(let text): return text
        default: throw fail("\(ScenarioText.quoted(key)) must be a string or null")
        }
    }

    /// The member `key`: an array of strings.
    func strings(_ object: JSONObject, _ key: String) throws(SweepError) -> [String] {
        guard case .array(let elements) = try field(object, key) else { throw fail("\(ScenarioText.quoted(key)) must be an array of strings") }
        var texts: [String] = []
        for element in elements {
            guard case .string(let text) = element else { throw fail("\(ScenarioText.quoted(key)) must be an array of strings") }
            texts.append(text)
        }
        return texts
    }

    /// The member `key`: an array.
    func array(_ object: JSONObject, _ key: String) throws(SweepError) -> [JSONValue] {
        guard case .array(let elements) = try field(object, key) else { throw fail("\(ScenarioText.quoted(key)) must be an array") }
        return elements
    }

    /// `value` as a 64-bit integer of at least `min`; `key` names it in the error.
    func integer(_ value: JSONValue, _ key: String, min: Int64) throws(SweepError) -> Int64 {
        guard case .number(let number) = value, let integer = number.int64Value, integer >= min else {
            throw fail("\(ScenarioText.quoted(key)) must be an integer of at least \(min), got \(ScenarioText.given(value))")
        }
        return integer
    }

    /// The integer member `key`, at least `min`.
    func int(_ object: JSONObject, _ key: String, min: Int64) throws(SweepError) -> Int64 {
        try integer(try field(object, key), key, min: min)
    }

    /// The member `key`: an integer of at least `min`, or null.
    func optionalInt(_ object: JSONObject, _ key: String, min: Int64) throws(SweepError) -> Int64? {
        let value = try field(object, key)
        if value == .null { return nil }
        return try integer(value, key, min: min)
    }

    /// The member `key`: an unsigned 64-bit integer (a seed).
    func unsigned(_ object: JSONObject, _ key: String) throws(SweepError) -> UInt64 {
        let value = try field(object, key)
        guard case .number(let number) = value, let integer = UInt64(number.literal) else {
            throw fail("\(ScenarioText.quoted(key)) must be an unsigned integer, got \(ScenarioText.given(value))")
        }
        return integer
    }

    /// The boolean member `key`.
    func bool(_ object: JSONObject, _ key: String) throws(SweepError) -> Bool {
        guard case .bool(let flag) = try field(object, key) else { throw fail("\(ScenarioText.quoted(key)) must be true or false") }
        return flag
    }
}
