/// Parses JSON text strictly according to RFC 8259.
///
/// The parser works directly on UTF-8 bytes in a single linear pass and never traps:
/// every malformed input produces a ``JSONParseError`` with a line, column, JSON path and
/// message. Beyond the RFC grammar it enforces:
/// - well-formed UTF-8 (no overlong forms, no encoded surrogates, nothing above U+10FFFF);
///   a leading UTF-8 byte order mark is skipped;
/// - `\uXXXX` escapes that pair surrogates correctly;
/// - numbers whose magnitude fits in a `Double`;
/// - unique keys within each object;
/// - at most ``maximumDepth`` levels of nested arrays and objects.
public enum JSONParser {
    /// The deepest nesting of arrays and objects that is accepted.
    ///
    /// A top-level array or object is at depth 1.
    public static let maximumDepth = 64

    /// Parses a complete JSON document from UTF-8 bytes.
    ///
    /// The document is one value, optionally surrounded by whitespace and optionally
    /// preceded by a UTF-8 byte order mark.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = ByteParser(bytes: bytes)
        return try parser.parseDocument()
    }

    /// Parses a complete JSON document from a string.
    ///
    /// A leading U+FEFF byte order mark is skipped.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// The state of one parse: the input, the read position and the path being parsed.
private struct ByteParser {
    /// One step of a JSON path.
    private enum PathComponent {
        /// A member of an object.
        case key(String)
        /// An element of an array.
        case index(Int)
    }

    /// The whole input.
    private let bytes: [UInt8]
    /// The offset just past the byte order mark, if any; line 1 starts here.
    private let bodyStart: Int
    /// The offset of the next byte to read.
    private var position: Int
    /// The number of arrays and objects currently open.
    private var depth = 0
    /// The path from the top-level value to the value being parsed.
    private var path: [PathComponent] = []
    /// Scratch space for decoding strings that contain escapes.
    private var stringBuffer: [UInt8] = []

    /// Prepares to parse `bytes`, skipping a leading byte order mark.
    init(bytes: [UInt8]) {
        self.bytes = bytes
        let hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        bodyStart = hasByteOrderMark ? 3 : 0
        position = bodyStart
    }

    /// Parses the single top-level value and checks that only whitespace follows it.
    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else {
            throw failure("the input is empty", at: position)
        }
        skipWhitespace()
        guard position < bytes.count else {
            throw failure("the input contains only whitespace", at: position)
        }
        let value = try parseValue()
        skipWhitespace()
        if position < bytes.count {
            try unexpected("trailing characters after the top-level value")
        }
        return value
    }

    // MARK: - Values

    /// Parses any value, after optional leading whitespace.
    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else {
            throw failure("unexpected end of input", at: position)
        }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            return .object(try parseObject())
        case UInt8(ascii: "["):
            return .array(try parseArray())
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        case UInt8(ascii: "t"):
            return try parseKeyword("true", as: .bool(true))
        case UInt8(ascii: "f"):
            return try parseKeyword("false", as: .bool(false))
        case UInt8(ascii: "n"):
            return try parseKeyword("null", as: .null)
        case UInt8(ascii: "+"):
            throw failure("numbers must not start with '+'", at: position)
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
            throw failure("invalid literal '\(word(at: position))'", at: position)
        default:
            let found = try characterDescription(at: position)
            throw failure("unexpected character \(found)", at: position)
        }
    }

    /// Parses `true`, `false` or `null`, rejecting longer words such as `nullx`.
    private mutating func parseKeyword(_ keyword: String, as value: JSONValue) throws(JSONParseError) -> JSONValue {
        let end = position + keyword.utf8.count
        let matches = end <= bytes.count && bytes[position..<end].elementsEqual(keyword.utf8)
        guard matches, end == bytes.count || !isWordByte(bytes[end]) else {
            throw failure("invalid literal '\(word(at: position))'", at: position)
        }
        position = end
        return value
    }

    /// Parses an object, whose `{` is at the current position.
    private mutating func parseObject() throws(JSONParseError) -> JSONObject {
        try enterContainer()
        position += 1
        var entries: [(key: String, value: JSONValue)] = []
        var positions: [ExactKey: Int] = [:]
        var keyOffsets: [Int] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return JSONObject()
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                try unexpected("expected a double-quoted object key")
            }
            let keyOffset = position
            let key = try parseString()
            let exactKey = ExactKey(key)
            if let first = positions[exactKey] {
                let firstLine = location(of: keyOffsets[first]).line
                throw failure("duplicate key \(JSONWriter.quoted(key)) (first seen at line \(firstLine))", at: keyOffset)
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                try unexpected("expected ':' after object key")
            }
            position += 1
            path.append(.key(key))
            let value = try parseValue()
            path.removeLast()
            positions[exactKey] = entries.count
            entries.append((key: key, value: value))
            keyOffsets.append(keyOffset)
            if try closesContainer(with: UInt8(ascii: "}"), after: "object member") {
                return JSONObject(uniqueEntries: entries, positions: positions)
            }
        }
    }

    /// After a member or element: consumes a `,` (rejecting a trailing comma) and returns
    /// false, or consumes the `closing` bracket, leaves the container and returns true.
    private mutating func closesContainer(with closing: UInt8, after what: String) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else {
            throw failure("unexpected end of input", at: position)
        }
        let closingText = closing == UInt8(ascii: "}") ? "}" : "]"
        switch bytes[position] {
        case UInt8(ascii: ","):
            let comma = position
            position += 1
            skipWhitespace()
            if position < bytes.count && bytes[position] == closing {
                throw failure("trailing comma before '\(closingText)'", at: comma)
            }
            return false
        case closing:
            position += 1
            depth -= 1
            return true
        default:
            try unexpected("expected ',' or '\(closingText)' after \(what)")
        }
    }

    /// Parses an array, whose `[` is at the current position.
    private mutating func parseArray() throws(JSONParseError) -> [JSONValue] {
        try enterContainer()
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return elements
        }
        while true {
            path.append(.index(elements.count))
            let element = try parseValue()
            path.removeLast()
            elements.append(element)
            if try closesContainer(with: UInt8(ascii: "]"), after: "array element") {
                return elements
            }
        }
    }

    /// Opens an array or object, enforcing the depth limit.
    private mutating func enterContainer() throws(JSONParseError) {
        guard depth < JSONParser.maximumDepth else {
            throw failure("nesting deeper than \(JSONParser.maximumDepth) levels", at: position)
        }
        depth += 1
    }

    /// Parses a number starting at the current position.
    private mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = position
        switch JSONNumber.scanLiteral(bytes, from: start) {
        case let .invalid(offset, message):
            throw failure(message, at: offset)
        case let .valid(end):
            let digits = bytes[start..<end]
            let literal = String(decoding: digits, as: UTF8.self)
            let mayOverflow = digits.count > 300 || digits.contains { $0 | 0x20 == UInt8(ascii: "e") }
            if mayOverflow, Double(literal)?.isFinite != true {
                throw failure("number \(abbreviated(literal)) is out of range", at: start)
            }
            position = end
            return JSONNumber(uncheckedLiteral: literal)
        }
    }

    // MARK: - Strings

    /// Parses a string, whose opening `"` is at the current position.
    private mutating func parseString() throws(JSONParseError) -> String {
        position += 1
        stringBuffer.removeAll(keepingCapacity: true)
        var runStart = position
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                let text: String
                if stringBuffer.isEmpty {
                    text = String(decoding: bytes[runStart..<position], as: UTF8.self)
                } else {
                    stringBuffer.append(contentsOf: bytes[runStart..<position])
                    text = String(decoding: stringBuffer, as: UTF8.self)
                }
                position += 1
                return text
            case UInt8(ascii: "\\"):
                stringBuffer.append(contentsOf: bytes[runStart..<position])
                try parseEscape()
                runStart = position
            case 0x00..<0x20:
                throw failure("control character \(scalarCode(UInt32(byte))) in string must be escaped", at: position)
            case 0x20..<0x80:
                position += 1
            default:
                position += try decodeUTF8(at: position).length
            }
        }
        throw failure("unexpected end of input", at: position)
    }

    /// Decodes the escape sequence whose `\` is at the current position into the buffer.
    private mutating func parseEscape() throws(JSONParseError) {
        let escapeStart = position
        guard position + 1 < bytes.count else {
            throw failure("unexpected end of input", at: bytes.count)
        }
        let code = bytes[position + 1]
        let simple: UInt8?
        switch code {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
            simple = code
        case UInt8(ascii: "b"):
            simple = 0x08
        case UInt8(ascii: "f"):
            simple = 0x0C
        case UInt8(ascii: "n"):
            simple = 0x0A
        case UInt8(ascii: "r"):
            simple = 0x0D
        case UInt8(ascii: "t"):
            simple = 0x09
        case UInt8(ascii: "u"):
            simple = nil
        case 0x21...0x7E:
            let text = String(decoding: [code], as: UTF8.self)
            throw failure("invalid escape sequence '\\\(text)'", at: escapeStart)
        default:
            let found = try characterDescription(at: position + 1)
            throw failure("invalid escape sequence: '\\' followed by \(found)", at: escapeStart)
        }
        if let simple {
            stringBuffer.append(simple)
            position += 2
            return
        }
        let unit = try hexUnit(at: position + 2, escapeStart: escapeStart)
        position += 6
        switch unit {
        case 0xD800...0xDBFF:
            guard position < bytes.count else {
                throw failure("unexpected end of input", at: position)
            }
            let lowStart = position
            let followedByEscape = position + 1 < bytes.count
                && bytes[position] == UInt8(ascii: "\\") && bytes[position + 1] == UInt8(ascii: "u")
            guard followedByEscape else {
                throw failure("unpaired surrogate \\u\(hex(unit, width: 4)) in string", at: escapeStart)
            }
            let low = try hexUnit(at: position + 2, escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw failure("unpaired surrogate \\u\(hex(unit, width: 4)) in string", at: escapeStart)
            }
            position += 6
            appendUTF8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        case 0xDC00...0xDFFF:
            throw failure("unpaired surrogate \\u\(hex(unit, width: 4)) in string", at: escapeStart)
        default:
            appendUTF8(unit)
        }
    }

    /// Reads the four hexadecimal digits of a `\u` escape starting at `start`.
    private func hexUnit(at start: Int, escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var unit: UInt32 = 0
        for index in start..<(start + 4) {
            guard index < bytes.count else {
                throw failure("unexpected end of input", at: bytes.count)
            }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"):
                digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"):
                digit = byte - UInt8(ascii: "A") + 10
            default:
                throw failure("invalid \\u escape: expected 4 hexadecimal digits", at: escapeStart)
            }
            unit = unit << 4 | UInt32(digit)
        }
        return unit
    }

    /// Appends the UTF-8 encoding of a Unicode scalar value to the string buffer.
    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            stringBuffer.append(UInt8(scalar))
        case 0x80..<0x800:
            stringBuffer.append(UInt8(0xC0 | scalar >> 6))
            stringBuffer.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            stringBuffer.append(UInt8(0xE0 | scalar >> 12))
            stringBuffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            stringBuffer.append(UInt8(0x80 | scalar & 0x3F))
        default:
            stringBuffer.append(UInt8(0xF0 | scalar >> 18))
            stringBuffer.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            stringBuffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            stringBuffer.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    // MARK: - UTF-8

    /// Validates the UTF-8 sequence starting at `offset` and returns its length and scalar.
    ///
    /// Follows Table 3-7 of the Unicode Standard: overlong forms, encoded surrogates,
    /// values above U+10FFFF, stray continuation bytes and truncated sequences are errors.
    private func decodeUTF8(at offset: Int) throws(JSONParseError) -> (length: Int, scalar: UInt32) {
        let lead = bytes[offset]
        if lead < 0x80 {
            return (1, UInt32(lead))
        }
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF:
            length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xE1...0xEF:
            length = 3
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        case 0xF1...0xF3:
            length = 4
        default:
            throw failure("invalid UTF-8 byte 0x\(hex(UInt32(lead), width: 2))", at: offset)
        }
        var scalar = UInt32(lead) & (0xFF >> (length + 1))
        for index in (offset + 1)..<(offset + length) {
            guard index < bytes.count else {
                throw failure("truncated UTF-8 sequence at end of input", at: offset)
            }
            let byte = bytes[index]
            let allowed = index == offset + 1 ? secondRange : 0x80...0xBF
            guard allowed.contains(byte) else {
                let sequence = bytes[offset...index].map { "0x\(hex(UInt32($0), width: 2))" }.joined(separator: " ")
                let reason = utf8Problem(lead: lead, next: byte, isSecond: index == offset + 1)
                throw failure("invalid UTF-8 sequence \(sequence) (\(reason))", at: offset)
            }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        return (length, scalar)
    }

    /// Explains why `next` cannot follow the earlier bytes of a UTF-8 sequence.
    private func utf8Problem(lead: UInt8, next: UInt8, isSecond: Bool) -> String {
        guard isSecond, (0x80...0xBF).contains(next) else {
            return "missing continuation byte"
        }
        switch lead {
        case 0xE0, 0xF0:
            return "overlong encoding"
        case 0xED:
            return "encoded UTF-16 surrogate"
        default:
            return "code point above U+10FFFF"
        }
    }

    // MARK: - Errors

    /// Throws the error for an unexpected byte at the current position.
    ///
    /// At the end of input the error is "unexpected end of input"; at a byte that starts
    /// malformed UTF-8 it is the UTF-8 error; otherwise it carries `message`.
    private func unexpected(_ message: String) throws(JSONParseError) -> Never {
        guard position < bytes.count else {
            throw failure("unexpected end of input", at: position)
        }
        _ = try decodeUTF8(at: position)
        throw failure(message, at: position)
    }

    /// Describes the character at `offset` for a message, such as `'x'` or `'é' (U+00E9)`.
    private func characterDescription(at offset: Int) throws(JSONParseError) -> String {
        let byte = bytes[offset]
        switch byte {
        case 0x21...0x7E:
            return "'\(String(decoding: [byte], as: UTF8.self))'"
        case 0x00..<0x80:
            return scalarCode(UInt32(byte))
        default:
            let (length, scalar) = try decodeUTF8(at: offset)
            let text = String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
            return "'\(text)' (\(scalarCode(scalar)))"
        }
    }

    /// Builds an error located at byte `offset`, carrying the current path.
    private func failure(_ message: String, at offset: Int) -> JSONParseError {
        let (line, column) = location(of: offset)
        return JSONParseError(line: line, column: column, path: renderedPath(), message: message)
    }

    /// Converts a byte offset to a 1-based line and a column counted in Unicode scalars.
    private func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = bodyStart
        var index = bodyStart
        while index < offset {
            switch bytes[index] {
            case UInt8(ascii: "\n"):
                if index == bodyStart || bytes[index - 1] != UInt8(ascii: "\r") {
                    line += 1
                }
                lineStart = index + 1
            case UInt8(ascii: "\r"):
                line += 1
                lineStart = index + 1
            default:
                break
            }
            index += 1
        }
        let start = min(lineStart, offset)
        let column = 1 + bytes[start..<offset].reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return (line, column)
    }

    /// Renders the current path, such as `$.faults[1].at` or `$["odd key"]`.
    private func renderedPath() -> String {
        var text = "$"
        for component in path {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key) where isIdentifier(key):
                text += ".\(key)"
            case .key(let key):
                text += "[\(JSONWriter.quoted(key))]"
            }
        }
        return text
    }

    // MARK: - Helpers

    /// Skips JSON whitespace: space, tab, line feed and carriage return.
    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D:
                position += 1
            default:
                return
            }
        }
    }

    /// The run of ASCII letters, digits and underscores at `offset`, shortened if long.
    private func word(at offset: Int) -> String {
        var end = offset
        while end < bytes.count && isWordByte(bytes[end]) {
            end += 1
        }
        return abbreviated(String(decoding: bytes[offset..<end], as: UTF8.self))
    }

    /// Whether `byte` is an ASCII letter, digit or underscore.
    private func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    /// Whether `key` can be written in a path as `.key` rather than `["key"]`.
    private func isIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return key.utf8.allSatisfy(isWordByte)
    }

    /// Shortens ASCII text longer than 40 characters for use in a message.
    private func abbreviated(_ text: String) -> String {
        text.utf8.count > 40 ? "\(text.prefix(40))…" : text
    }

    /// Formats a scalar value as `U+XXXX`.
    private func scalarCode(_ value: UInt32) -> String {
        "U+\(hex(value, width: 4))"
    }

    /// Formats a value as uppercase hexadecimal, zero-padded to `width` digits.
    private func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
