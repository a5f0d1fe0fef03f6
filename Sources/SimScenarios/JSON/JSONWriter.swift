/// Serializes ``JSONValue`` trees to deterministic JSON text.
///
/// Output depends only on the value: object members are written sorted by key (comparing
/// Unicode scalar values, never locale rules), numbers are written as their stored
/// literals, and no trailing newline is added.
public enum JSONWriter {
    /// Writes `value` as JSON text.
    ///
    /// The pretty form indents by two spaces, puts every array element and object member
    /// on its own line, writes members as `"key": value`, and writes empty containers as
    /// `[]` and `{}`. The compact form contains no whitespace outside strings. Strings
    /// escape `"`, `\`, and control characters (`\n`, `\r`, `\t`, `\b`, `\f`, otherwise
    /// `\u00xx` in lowercase hex); all other characters are written as UTF-8.
    public static func write(_ value: JSONValue, pretty: Bool = true) -> String {
        var output: [UInt8] = []
        append(value, pretty: pretty, depth: 0, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Returns `string` as a quoted, escaped JSON string literal.
    static func quoted(_ string: String) -> String {
        var output: [UInt8] = []
        appendQuoted(string, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the serialization of `value`, nested `depth` levels deep.
    private static func append(_ value: JSONValue, pretty: Bool, depth: Int, to output: inout [UInt8]) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            output.append(contentsOf: number.literal.utf8)
        case .string(let string):
            appendQuoted(string, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 {
                    output.append(UInt8(ascii: ","))
                }
                appendBreak(pretty: pretty, depth: depth + 1, to: &output)
                append(element, pretty: pretty, depth: depth + 1, to: &output)
            }
            if !elements.isEmpty {
                appendBreak(pretty: pretty, depth: depth, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            let members = object.entries.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for (index, member) in members.enumerated() {
                if index > 0 {
                    output.append(UInt8(ascii: ","))
                }
                appendBreak(pretty: pretty, depth: depth + 1, to: &output)
                appendQuoted(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                if pretty {
                    output.append(UInt8(ascii: " "))
                }
                append(member.value, pretty: pretty, depth: depth + 1, to: &output)
            }
            if !members.isEmpty {
                appendBreak(pretty: pretty, depth: depth, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// In pretty mode, appends a newline followed by the indentation for `depth`.
    private static func appendBreak(pretty: Bool, depth: Int, to output: inout [UInt8]) {
        guard pretty else {
            return
        }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// Appends `string` as a quoted JSON string literal with RFC 8259 escapes.
    static func appendQuoted(_ string: String, to output: inout [UInt8]) {
        let hexDigits = Array("0123456789abcdef".utf8)
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""):
                output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"):
                output.append(contentsOf: #"\\"#.utf8)
            case UInt8(ascii: "\n"):
                output.append(contentsOf: #"\n"#.utf8)
            case UInt8(ascii: "\r"):
                output.append(contentsOf: #"\r"#.utf8)
            case UInt8(ascii: "\t"):
                output.append(contentsOf: #"\t"#.utf8)
            case 0x08:
                output.append(contentsOf: #"\b"#.utf8)
            case 0x0C:
                output.append(contentsOf: #"\f"#.utf8)
            case 0x00..<0x20:
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
