import ClusterSim

extension ScenarioReader {
    /// `value` as an object whose keys are all in `allowed`; each other key is a problem.
    mutating func object(_ value: JSONValue, at path: String, allowed: [String]) -> JSONObject? {
        guard case .object(let object) = value else {
            fail(path, "expected an object, got \(ScenarioText.given(value))")
            return nil
        }
        for key in object.keys where !allowed.contains(key) {
            fail(JSONPath.child(path, key), unknownKeyMessage(key, allowed: allowed))
        }
        return object
    }

    /// The message for an unknown key: the allowed keys, and the closest one when it is
    /// probably a typo.
    func unknownKeyMessage(_ key: String, allowed: [String]) -> String {
        var message = "unknown key \(ScenarioText.quoted(key)); allowed keys: \(Self.list(allowed))"
        if let suggestion = Spelling.closest(to: key, among: allowed) {
            message += " (did you mean \(ScenarioText.quoted(suggestion))?)"
        }
        return message
    }

    /// The sorted words joined by commas.
    static func list(_ words: [String]) -> String {
        words.sorted { $0.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }.joined(separator: ", ")
    }

    /// The string at `key`, if present and a string.
    mutating func string(_ object: JSONObject, _ key: String, in parent: String) -> String? {
        guard let value = object[key] else {
            return nil
        }
        guard case .string(let text) = value else {
            fail(JSONPath.child(parent, key), "expected a string, got \(ScenarioText.given(value))")
            return nil
        }
        return text
    }

    /// The string at `key`, if present, a string and not empty.
    mutating func nonEmptyString(_ object: JSONObject, _ key: String, in parent: String) -> String? {
        guard let text = string(object, key, in: parent) else {
            return nil
        }
        if text.isEmpty {
            fail(JSONPath.child(parent, key), "expected a non-empty string, got string \"\"")
            return nil
        }
        return text
    }

    /// The string at `key`, if present, a string, not empty and free of control
    /// characters: a name that reports print on one line (`name`, `scope`, `namespace`).
    mutating func label(_ object: JSONObject, _ key: String, in parent: String) -> String? {
        guard let text = nonEmptyString(object, key, in: parent) else {
            return nil
        }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            fail(JSONPath.child(parent, key), "expected text without control characters, got \(ScenarioText.quoted(text))")
            return nil
        }
        return text
    }

    /// The Boolean at `key`, if present and a Boolean.
    mutating func bool(_ object: JSONObject, _ key: String, in parent: String) -> Bool? {
        guard let value = object[key] else {
            return nil
        }
        guard case .bool(let flag) = value else {
            fail(JSONPath.child(parent, key), "expected true or false, got \(ScenarioText.given(value))")
            return nil
        }
        return flag
    }

    /// The integer at `key`, if present, integral (`30`, `30.0` and `3e1` all count) and in `range`.
    mutating func integer(_ object: JSONObject, _ key: String, in parent: String, _ range: IntegerRange) -> Int64? {
        guard let value = object[key] else {
            return nil
        }
        guard case .number(let number) = value, let integer = number.int64Value, integer >= range.min, integer <= range.max else {
            fail(JSONPath.child(parent, key), "expected \(range.expected), got \(ScenarioText.given(value))")
            return nil
        }
        return integer
    }

    /// `value` as one of the strings `choices`.
    mutating func choice(_ value: JSONValue, at path: String, from choices: [String]) -> String? {
        if case .string(let text) = value, choices.contains(text) {
            return text
        }
        let quotedChoices = choices.map(ScenarioText.quoted)
        fail(path, "expected \(choices.count == 1 ? quotedChoices[0] : "one of " + ScenarioText.alternatives(quotedChoices)), got \(ScenarioText.given(value))")
        return nil
    }
}
