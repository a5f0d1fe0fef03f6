/// JSON paths as the parser writes them: `$.faults[1].at`, `$["odd key"]`.
enum JSONPath {
    /// The path of member `key` of the object at `parent`.
    static func child(_ parent: String, _ key: String) -> String {
        isIdentifier(key) ? "\(parent).\(key)" : "\(parent)[\(JSONWriter.quoted(key))]"
    }

    /// The path of element `index` of the array at `parent`.
    static func index(_ parent: String, _ index: Int) -> String {
        "\(parent)[\(index)]"
    }

    /// Whether `key` is written `.key`: ASCII letters, digits and `_`, not starting with a digit.
    static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return key.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }
}
