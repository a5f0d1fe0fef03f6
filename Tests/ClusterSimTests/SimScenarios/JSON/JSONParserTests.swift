import XCTest
import ClusterSim
@testable import SimScenarios

/// Tests for ``JSONParser``, ``JSONNumber``, ``JSONObject`` and ``JSONParseError``.
final class JSONParserTests: XCTestCase {
    // MARK: - Helpers

    /// Parses `text`, failing the test if it is rejected.
    private func parsed(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue? {
        do throws(JSONParseError) {
            return try JSONParser.parse(text)
        } catch {
            XCTFail("unexpected error: \(error)", file: file, line: line)
            return nil
        }
    }

    /// Parses `bytes` and returns the error, failing the test if they are accepted.
    private func parseError(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> JSONParseError? {
        do throws(JSONParseError) {
            let value = try JSONParser.parse(bytes)
            XCTFail("unexpectedly parsed \(value)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    /// Parses `text` and returns the error, failing the test if it is accepted.
    private func parseError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONParseError? {
        parseError(Array(text.utf8), file: file, line: line)
    }

    /// Asserts that `input` is rejected with exactly this position, path and message.
    private func assertRejects(
        _ input: [UInt8], line: Int, column: Int, path: String, message: String,
        file: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        guard let error = parseError(input, file: file, line: sourceLine) else {
            return
        }
        XCTAssertEqual(
            error, JSONParseError(line: line, column: column, path: path, message: message),
            file: file, line: sourceLine
        )
    }

    /// Asserts that `text` is rejected with exactly this position, path and message.
    private func assertRejects(
        _ text: String, line: Int, column: Int, path: String, message: String,
        file: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        assertRejects(
            Array(text.utf8), line: line, column: column, path: path, message: message,
            file: file, sourceLine: sourceLine
        )
    }

    /// A string made of one double-quoted string whose contents are `bytes`.
    private func quotedBytes(_ bytes: [UInt8]) -> [UInt8] {
        [UInt8(ascii: "\"")] + bytes + [UInt8(ascii: "\"")]
    }

    // MARK: - Accepted documents

    func testAScenarioDocumentParsesWithMembersInSourceOrder() {
        let text = """
            {"name": "failover", "ttl": 30, "faults": [{"at": 1.5, "kind": "partition"}, null], "enabled": true}
            """
        guard case .object(let root)? = parsed(text) else {
            return XCTFail("expected an object")
        }
        XCTAssertEqual(root.keys, ["name", "ttl", "faults", "enabled"])
        XCTAssertEqual(root["name"], .string("failover"))
        XCTAssertEqual(root["ttl"], .int(30))
        XCTAssertEqual(root["enabled"], .bool(true))
        XCTAssertNil(root["missing"])
        guard case .array(let faults)? = root["faults"], case .object(let first) = faults[0] else {
            return XCTFail("expected an array of objects")
        }
        XCTAssertEqual(faults.count, 2)
        XCTAssertEqual(faults[1], .null)
        XCTAssertEqual(first["at"], .number(JSONNumber(uncheckedLiteral: "1.5")))
        XCTAssertEqual(first.keys, ["at", "kind"])
    }

    func testScalarsParseAtTheTopLevelWithSurroundingWhitespace() {
        XCTAssertEqual(parsed(" true "), .bool(true))
        XCTAssertEqual(parsed("false"), .bool(false))
        XCTAssertEqual(parsed("\n\tnull\r\n"), .null)
        XCTAssertEqual(parsed("\"x\""), .string("x"))
        XCTAssertEqual(parsed("-0"), .number(JSONNumber(uncheckedLiteral: "-0")))
        XCTAssertEqual(parsed("[]"), .array([]))
        XCTAssertEqual(parsed("{ }"), .object(JSONObject()))
    }

    func testEveryEscapeSequenceIsDecoded() {
        let text = #""\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC\u0000""#
        XCTAssertEqual(parsed(text), .string("\"\\/\u{8}\u{C}\n\r\tAé€\u{0}"))
    }

    func testSurrogatePairEscapesDecodeToOneScalar() {
        XCTAssertEqual(parsed(#""\uD83D\uDE00""#), .string("😀"))
        XCTAssertEqual(parsed(#""a\ud834\udd1eb""#), .string("a𝄞b"))
        XCTAssertEqual(parsed(#""\uDBFF\uDFFF""#), .string("\u{10FFFF}"))
    }

    func testRawMultiByteUTF8IsAccepted() {
        XCTAssertEqual(parsed("[\"é€😀\u{10FFFF}\"]"), .array([.string("é€😀\u{10FFFF}")]))
    }

    func testALeadingByteOrderMarkIsSkipped() throws {
        XCTAssertEqual(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8)), .object(JSONObject()))
        XCTAssertEqual(parsed("\u{FEFF}[1]"), .array([.int(1)]))
    }

    func testColumnsAfterAByteOrderMarkStartAtOne() {
        assertRejects(
            [0xEF, 0xBB, 0xBF] + Array("[1,]".utf8),
            line: 1, column: 3, path: "$", message: "trailing comma before ']'"
        )
    }

    func testAByteOrderMarkAloneIsAnEmptyInput() {
        assertRejects([0xEF, 0xBB, 0xBF], line: 1, column: 1, path: "$", message: "the input is empty")
    }

    func testKeysThatDifferOnlyInNormalizationAreDistinct() {
        guard case .object(let object)? = parsed("{\"\u{E9}\": 1, \"e\u{301}\": 2}") else {
            return XCTFail("expected an object")
        }
        XCTAssertEqual(object.count, 2)
        XCTAssertEqual(object["\u{E9}"], .int(1))
        XCTAssertEqual(object["e\u{301}"], .int(2))
    }

    func testStringsThatDifferOnlyInNormalizationAreNotEqual() {
        XCTAssertNotEqual(JSONValue.string("\u{E9}"), .string("e\u{301}"))
    }

    func testBigAndSmallNumbersKeepTheirExactLiterals() {
        let text = "[12345678901234567890123, -0.000000000000000000001, 1E+300, 2.50, 1e-999]"
        guard case .array(let numbers)? = parsed(text) else {
            return XCTFail("expected an array")
        }
        let literals = numbers.compactMap { value -> String? in
            guard case .number(let number) = value else {
                return nil
            }
            return number.literal
        }
        XCTAssertEqual(literals, ["12345678901234567890123", "-0.000000000000000000001", "1E+300", "2.50", "1e-999"])
        guard case .number(let tiny) = numbers[4], case .number(let huge) = numbers[0] else {
            return XCTFail("expected numbers")
        }
        XCTAssertEqual(tiny.doubleValue, 0)
        XCTAssertEqual(huge.doubleValue, 12345678901234567890123.0)
        XCTAssertNil(huge.int64Value)
        XCTAssertTrue(huge.isInteger)
    }

    func testLargestFiniteDoubleIsAccepted() {
        XCTAssertNotNil(parsed("1.7976931348623157e308"))
        XCTAssertNotNil(parsed("-1.7976931348623157e308"))
    }

    // MARK: - Error positions and messages

    func testEmptyInputIsRejected() {
        assertRejects("", line: 1, column: 1, path: "$", message: "the input is empty")
    }

    func testWhitespaceOnlyInputIsRejected() {
        assertRejects(" \n  ", line: 2, column: 3, path: "$", message: "the input contains only whitespace")
    }

    func testUnexpectedEndOfInputReportsThePathOfTheUnfinishedValue() {
        assertRejects(#"{"a": [1,"#, line: 1, column: 10, path: "$.a[1]", message: "unexpected end of input")
        assertRejects(#"{"a": "#, line: 1, column: 7, path: "$.a", message: "unexpected end of input")
        assertRejects(#"["abc"#, line: 1, column: 6, path: "$[0]", message: "unexpected end of input")
        assertRejects(#"{"a""#, line: 1, column: 5, path: "$", message: "unexpected end of input")
        assertRejects("[1", line: 1, column: 3, path: "$", message: "unexpected end of input")
        assertRejects(#""\"#, line: 1, column: 3, path: "$", message: "unexpected end of input")
        assertRejects(#""\u12"#, line: 1, column: 6, path: "$", message: "unexpected end of input")
    }

    func testDuplicateKeysAreReportedWithTheFirstLine() {
        let text = "{\n  \"x\": 1,\n  \"ttl\": 2,\n  \"ttl\": 3\n}"
        assertRejects(
            text, line: 4, column: 3, path: "$",
            message: "duplicate key \"ttl\" (first seen at line 3)"
        )
    }

    func testDuplicateKeysInNestedObjectsReportTheObjectPath() {
        let text = "{\"faults\": [{\"at\": 1, \"at\": 2}]}"
        assertRejects(
            text, line: 1, column: 23, path: "$.faults[0]",
            message: "duplicate key \"at\" (first seen at line 1)"
        )
    }

    func testEqualKeysInDifferentObjectsAreAllowed() {
        XCTAssertNotNil(parsed(#"{"a": {"a": 1}, "b": {"a": 2}}"#))
    }

    func testInvalidUTF8BytesAreReported() {
        assertRejects(
            [UInt8(ascii: "[")] + quotedBytes([0xFF]) + [UInt8(ascii: "]")],
            line: 1, column: 3, path: "$[0]", message: "invalid UTF-8 byte 0xFF"
        )
        assertRejects([0xFF], line: 1, column: 1, path: "$", message: "invalid UTF-8 byte 0xFF")
        assertRejects(
            quotedBytes([0x80]), line: 1, column: 2, path: "$", message: "invalid UTF-8 byte 0x80"
        )
        assertRejects(
            Array("[1 ".utf8) + [0xFE], line: 1, column: 4, path: "$", message: "invalid UTF-8 byte 0xFE"
        )
    }

    func testOverlongUTF8EncodingsAreRejected() {
        assertRejects(quotedBytes([0xC0, 0xAF]), line: 1, column: 2, path: "$", message: "invalid UTF-8 byte 0xC0")
        assertRejects(quotedBytes([0xC1, 0xBF]), line: 1, column: 2, path: "$", message: "invalid UTF-8 byte 0xC1")
        assertRejects(
            quotedBytes([0xE0, 0x80, 0xAF]), line: 1, column: 2, path: "$",
            message: "invalid UTF-8 sequence 0xE0 0x80 (overlong encoding)"
        )
        assertRejects(
            quotedBytes([0xF0, 0x8F, 0xBF, 0xBF]), line: 1, column: 2, path: "$",
            message: "invalid UTF-8 sequence 0xF0 0x8F (overlong encoding)"
        )
    }

    func testSurrogatesEncodedInUTF8AreRejected() {
        assertRejects(
            quotedBytes([0xED, 0xA0, 0x80]), line: 1, column: 2, path: "$",
            message: "invalid UTF-8 sequence 0xED 0xA0 (encoded UTF-16 surrogate)"
        )
    }

    func testCodePointsAboveTheUnicodeRangeAreRejected() {
        assertRejects(
            quotedBytes([0xF4, 0x90, 0x80, 0x80]), line: 1, column: 2, path: "$",
            message: "invalid UTF-8 sequence 0xF4 0x90 (code point above U+10FFFF)"
        )
        assertRejects(
            quotedBytes([0xF5, 0x80, 0x80, 0x80]), line: 1, column: 2, path: "$",
            message: "invalid UTF-8 byte 0xF5"
        )
    }

    func testMissingAndTruncatedContinuationBytesAreRejected() {
        assertRejects(
            quotedBytes([0xC3, 0x28]), line: 1, column: 2, path: "$",
            message: "invalid UTF-8 sequence 0xC3 0x28 (missing continuation byte)"
        )
        assertRejects(
            quotedBytes([0xE2, 0x82, 0x41]), line: 1, column: 2, path: "$",
            message: "invalid UTF-8 sequence 0xE2 0x82 0x41 (missing continuation byte)"
        )
        assertRejects(
            [UInt8(ascii: "\""), 0xE2, 0x82], line: 1, column: 2, path: "$",
            message: "truncated UTF-8 sequence at end of input"
        )
    }

    func testMissingSeparatorsNameWhatWasExpected() {
        assertRejects(
            #"{"a": 1 "b": 2}"#, line: 1, column: 9, path: "$",
            message: "expected ',' or '}' after object member"
        )
        assertRejects(
            "[1 2]", line: 1, column: 4, path: "$", message: "expected ',' or ']' after array element"
        )
        assertRejects(#"{"a" 1}"#, line: 1, column: 6, path: "$", message: "expected ':' after object key")
        assertRejects("{a: 1}", line: 1, column: 2, path: "$", message: "expected a double-quoted object key")
        assertRejects("{\"a\": 1,\n 2}", line: 2, column: 2, path: "$", message: "expected a double-quoted object key")
    }

    func testTrailingCommasAreRejectedAtTheComma() {
        assertRejects("[1, 2, ]", line: 1, column: 6, path: "$", message: "trailing comma before ']'")
        assertRejects("{\"a\": [1],\n}", line: 1, column: 10, path: "$", message: "trailing comma before '}'")
        assertRejects("[,1]", line: 1, column: 2, path: "$[0]", message: "unexpected character ','")
    }

    func testNestingDeeperThanTheLimitIsRejected() {
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        XCTAssertNotNil(parsed(deepest))
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        assertRejects(
            tooDeep, line: 1, column: 65, path: "$" + String(repeating: "[0]", count: 64),
            message: "nesting deeper than 64 levels"
        )
        let objects = String(repeating: "{\"k\":", count: 65) + "1" + String(repeating: "}", count: 65)
        assertRejects(
            objects, line: 1, column: 1 + 64 * 5, path: "$" + String(repeating: ".k", count: 64),
            message: "nesting deeper than 64 levels"
        )
    }

    func testVeryDeepInputFailsWithoutExhaustingTheStack() {
        let error = parseError(String(repeating: "[", count: 100_000))
        XCTAssertEqual(error?.message, "nesting deeper than 64 levels")
    }

    func testNumbersTooLargeForADoubleAreRejected() {
        assertRejects(#"{"big": 1e999}"#, line: 1, column: 9, path: "$.big", message: "number 1e999 is out of range")
        assertRejects("[-2E+308]", line: 1, column: 2, path: "$[0]", message: "number -2E+308 is out of range")
        let longDigits = "1" + String(repeating: "0", count: 400)
        assertRejects(
            longDigits, line: 1, column: 1, path: "$",
            message: "number \(longDigits.prefix(40))… is out of range"
        )
    }

    func testNumbersMustFollowTheJSONGrammar() {
        assertRejects("01", line: 1, column: 1, path: "$", message: "leading zeros are not allowed in numbers")
        assertRejects("[-007]", line: 1, column: 2, path: "$[0]", message: "leading zeros are not allowed in numbers")
        assertRejects("+1", line: 1, column: 1, path: "$", message: "numbers must not start with '+'")
        assertRejects("[-]", line: 1, column: 3, path: "$[0]", message: "expected a digit after '-'")
        assertRejects("1.", line: 1, column: 3, path: "$", message: "unexpected end of input")
        assertRejects("[1.e5]", line: 1, column: 4, path: "$[0]", message: "expected a digit after the decimal point")
        assertRejects("[1e+]", line: 1, column: 5, path: "$[0]", message: "expected a digit in the exponent")
        assertRejects(".5", line: 1, column: 1, path: "$", message: "unexpected character '.'")
        assertRejects("NaN", line: 1, column: 1, path: "$", message: "invalid literal 'NaN'")
        assertRejects("[-Infinity]", line: 1, column: 3, path: "$[0]", message: "expected a digit after '-'")
        assertRejects("0x10", line: 1, column: 2, path: "$", message: "trailing characters after the top-level value")
    }

    func testControlCharactersInStringsMustBeEscaped() {
        assertRejects(
            "[\"a\nb\"]", line: 1, column: 4, path: "$[0]",
            message: "control character U+000A in string must be escaped"
        )
        assertRejects(
            "{\"k\": \"\t\"}", line: 1, column: 8, path: "$.k",
            message: "control character U+0009 in string must be escaped"
        )
        assertRejects(
            quotedBytes([0x00]), line: 1, column: 2, path: "$",
            message: "control character U+0000 in string must be escaped"
        )
    }

    func testTrailingCharactersAfterTheTopLevelValueAreRejected() {
        assertRejects("{} x", line: 1, column: 4, path: "$", message: "trailing characters after the top-level value")
        assertRejects("1\n2", line: 2, column: 1, path: "$", message: "trailing characters after the top-level value")
        assertRejects("[]]", line: 1, column: 3, path: "$", message: "trailing characters after the top-level value")
    }

    func testLoneSurrogateEscapesAreRejected() {
        assertRejects(#"["\uD83D"]"#, line: 1, column: 3, path: "$[0]", message: #"unpaired surrogate \uD83D in string"#)
        assertRejects(#""\uDE00x""#, line: 1, column: 2, path: "$", message: #"unpaired surrogate \uDE00 in string"#)
        assertRejects(#""a\ud83dx""#, line: 1, column: 3, path: "$", message: #"unpaired surrogate \uD83D in string"#)
        assertRejects(
            #""\uD83D\u0041""#, line: 1, column: 2, path: "$", message: #"unpaired surrogate \uD83D in string"#
        )
        assertRejects(
            #""\uD83D\uD83D""#, line: 1, column: 2, path: "$", message: #"unpaired surrogate \uD83D in string"#
        )
    }

    func testInvalidEscapeSequencesAreRejected() {
        assertRejects(#""ab\x""#, line: 1, column: 4, path: "$", message: #"invalid escape sequence '\x'"#)
        assertRejects(#""\'""#, line: 1, column: 2, path: "$", message: #"invalid escape sequence '\''"#)
        assertRejects(
            "\"\\\u{E9}\"", line: 1, column: 2, path: "$",
            message: "invalid escape sequence: '\\' followed by '\u{E9}' (U+00E9)"
        )
        assertRejects(
            #""\u12G4""#, line: 1, column: 2, path: "$", message: #"invalid \u escape: expected 4 hexadecimal digits"#
        )
        assertRejects(
            #""\uD83D\uZZZZ""#, line: 1, column: 8, path: "$", message: #"invalid \u escape: expected 4 hexadecimal digits"#
        )
    }

    func testInvalidLiteralsAreNamed() {
        assertRejects("[tru]", line: 1, column: 2, path: "$[0]", message: "invalid literal 'tru'")
        assertRejects("nullx", line: 1, column: 1, path: "$", message: "invalid literal 'nullx'")
        assertRejects("True", line: 1, column: 1, path: "$", message: "invalid literal 'True'")
        assertRejects("[undefined]", line: 1, column: 2, path: "$[0]", message: "invalid literal 'undefined'")
    }

    func testUnexpectedCharactersAreDescribed() {
        assertRejects("[#]", line: 1, column: 2, path: "$[0]", message: "unexpected character '#'")
        assertRejects("[\u{7}]", line: 1, column: 2, path: "$[0]", message: "unexpected character U+0007")
        assertRejects("[\u{E9}]", line: 1, column: 2, path: "$[0]", message: "unexpected character '\u{E9}' (U+00E9)")
        assertRejects("[\u{A0}1]", line: 1, column: 2, path: "$[0]", message: "unexpected character '\u{A0}' (U+00A0)")
    }

    func testColumnsCountUnicodeScalarsRatherThanBytes() {
        assertRejects("[\"h\u{E9}llo\", x]", line: 1, column: 11, path: "$[1]", message: "invalid literal 'x'")
        assertRejects("[\"😀\", x]", line: 1, column: 7, path: "$[1]", message: "invalid literal 'x'")
    }

    func testCarriageReturnsAndCRLFEachEndOneLine() {
        assertRejects("[\r\n1,\r\n]", line: 2, column: 2, path: "$", message: "trailing comma before ']'")
        assertRejects("[\r1,\r\r]", line: 2, column: 2, path: "$", message: "trailing comma before ']'")
        assertRejects("[\n\n\r\n\r  x]", line: 5, column: 3, path: "$[0]", message: "invalid literal 'x'")
    }

    func testPathsUseBracketsForKeysThatAreNotIdentifiers() {
        assertRejects(
            #"{"a b": {"c": [tru]}}"#, line: 1, column: 16, path: #"$["a b"].c[0]"#,
            message: "invalid literal 'tru'"
        )
        assertRejects(#"{"1x": -}"#, line: 1, column: 9, path: #"$["1x"]"#, message: "expected a digit after '-'")
        assertRejects(#"{"q\"": -}"#, line: 1, column: 10, path: #"$["q\""]"#, message: "expected a digit after '-'")
        assertRejects(#"{"": -}"#, line: 1, column: 7, path: #"$[""]"#, message: "expected a digit after '-'")
    }

    func testPathsPointIntoNestedArraysOfObjects() {
        let text = """
            {
              "faults": [
                {"at": 1},
                {"at": -}
              ]
            }
            """
        assertRejects(text, line: 4, column: 13, path: "$.faults[1].at", message: "expected a digit after '-'")
    }

    func testErrorDescriptionShowsPositionPathAndMessage() {
        let error = JSONParseError(line: 3, column: 7, path: "$.faults[1].at", message: "unexpected end of input")
        XCTAssertEqual(error.description, "line 3, column 7 (at $.faults[1].at): unexpected end of input")
    }

    // MARK: - JSONNumber

    func testInt64ValueAcceptsIntegralLiteralsInRange() {
        let cases: [(String, Int64?)] = [
            ("30", 30), ("-5", -5), ("0", 0), ("-0", 0), ("0.0", 0), ("3.0", 3), ("3e1", 30), ("3E+1", 30),
            ("2500e-2", 25), ("1.5e1", 15), ("0e999999999999999999999", 0),
            ("9223372036854775807", Int64.max), ("-9223372036854775808", Int64.min),
            ("922337203685477580.7e1", Int64.max), ("1e18", 1_000_000_000_000_000_000),
            ("9223372036854775808", nil), ("-9223372036854775809", nil), ("1e19", nil),
            ("3.5", nil), ("1e-1", nil), ("0.5e1", 5), ("1e999999999999999999", nil),
            ("1e-99999999999999", nil), ("100000000000000000000e-2", 1_000_000_000_000_000_000),
        ]
        for (literal, expected) in cases {
            XCTAssertEqual(JSONNumber(literal)?.int64Value, expected, literal)
        }
    }

    func testIsIntegerReflectsTheMathematicalValue() {
        for literal in ["3", "3.0", "3e1", "1e400", "-0", "12345678901234567890123", "250e-1"] {
            XCTAssertEqual(JSONNumber(literal)?.isInteger, true, literal)
        }
        for literal in ["3.5", "1e-1", "0.001", "251e-1"] {
            XCTAssertEqual(JSONNumber(literal)?.isInteger, false, literal)
        }
    }

    func testDoubleValueIsNilOnlyWhenInfinite() {
        XCTAssertEqual(JSONNumber("0.25")?.doubleValue, 0.25)
        XCTAssertEqual(JSONNumber("-1E2")?.doubleValue, -100)
        XCTAssertEqual(JSONNumber("1e-400")?.doubleValue, 0)
        XCTAssertNotNil(JSONNumber("1e999"))
        XCTAssertNil(JSONNumber("1e999")?.doubleValue)
    }

    func testNumberLiteralsMustMatchTheGrammar() {
        for literal in ["", " 1", "1 ", "+1", "01", "1.", ".1", "1e", "-", "NaN", "inf", "0x1", "1_000", "--1"] {
            XCTAssertNil(JSONNumber(literal), literal)
        }
        for literal in ["0", "-0", "1.25", "1e5", "1E-5", "-12.5e+3"] {
            XCTAssertEqual(JSONNumber(literal)?.literal, literal)
        }
    }

    func testNumbersCompareByLiteral() {
        XCTAssertNotEqual(JSONValue.number(JSONNumber(uncheckedLiteral: "1.0")), .int(1))
        XCTAssertEqual(JSONValue.int(Int64(7)), .int(7))
    }

    // MARK: - JSONValue and JSONObject

    func testConvenienceConstructorsProduceExactLiterals() {
        XCTAssertEqual(JSONValue.int(Int64.min), .number(JSONNumber(uncheckedLiteral: "-9223372036854775808")))
        XCTAssertEqual(JSONValue.int(42), .number(JSONNumber(uncheckedLiteral: "42")))
        XCTAssertEqual(JSONValue.double(0.25), .number(JSONNumber(uncheckedLiteral: "0.25")))
        XCTAssertEqual(JSONValue.double(3), .number(JSONNumber(uncheckedLiteral: "3.0")))
        XCTAssertEqual(JSONValue.double(1e-7), .number(JSONNumber(uncheckedLiteral: "1e-07")))
    }

    func testTypeNamesAreTheJSONNames() {
        let values: [JSONValue] = [.null, .bool(true), .int(1), .string(""), .array([]), .object(JSONObject())]
        XCTAssertEqual(values.map(\.typeName), ["null", "boolean", "number", "string", "array", "object"])
    }

    func testObjectSetReplacesInPlaceAndAppendsNewKeys() {
        var object = JSONObject([("b", .int(1)), ("a", .int(2))])
        object.set("b", .int(3))
        object.set("c", .null)
        XCTAssertEqual(object.keys, ["b", "a", "c"])
        XCTAssertEqual(object["b"], .int(3))
        XCTAssertEqual(object.entries.map(\.value), [.int(3), .int(2), .null])
        XCTAssertEqual(object.count, 3)
        XCTAssertFalse(object.isEmpty)
    }

    func testObjectInitializerKeepsTheFirstPositionAndTheLastValueOfARepeatedKey() {
        let object = JSONObject([("a", .int(1)), ("b", .int(2)), ("a", .int(3))])
        XCTAssertEqual(object.keys, ["a", "b"])
        XCTAssertEqual(object["a"], .int(3))
    }

    func testObjectEqualityIgnoresMemberOrder() {
        let forward = JSONObject([("a", .int(1)), ("b", .array([.null]))])
        let backward = JSONObject([("b", .array([.null])), ("a", .int(1))])
        XCTAssertEqual(forward, backward)
        XCTAssertNotEqual(forward, JSONObject([("a", .int(1))]))
        XCTAssertNotEqual(forward, JSONObject([("a", .int(1)), ("b", .array([]))]))
        XCTAssertNotEqual(forward, JSONObject([("a", .int(1)), ("c", .array([.null]))]))
    }

    // MARK: - Round trips and fuzzing

    func testRandomValuesSurviveAWriteParseRoundTrip() throws {
        var random = RandomStream(seed: 0x5EED)
        for _ in 0..<300 {
            let value = randomValue(depth: 0, using: &random)
            for pretty in [true, false] {
                let text = JSONWriter.write(value, pretty: pretty)
                let reparsed = try JSONParser.parse(text)
                XCTAssertEqual(reparsed, value, text)
                XCTAssertEqual(JSONWriter.write(reparsed, pretty: pretty), text)
            }
        }
    }

    func testRandomMutationsOfADocumentNeverTrap() {
        let sample = Array("""
            \u{FEFF}{
              "name": "failover \\"drill\\" \\u00e9\\uD83D\\uDE00",
              "ttl": 30,
              "ratio": -1.25e-3,
              "faults": [
                {"at": 1.5, "kind": "partition", "nodes": ["pg1", "etcd2"]},
                {"at": 20, "kind": "crash", "restart": true, "note": null}
              ],
              "unicode": "h\u{E9}llo \u{20AC} 😀",
              "empty": {"a": [], "b": {}}
            }
            """.utf8)
        let interesting: [UInt8] = Array("{}[]\",:\\/-+.eE0u1 \n\rtfn".utf8)
            + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE0, 0xED, 0xEF, 0xBB, 0xF0, 0xF4, 0xF5, 0xFF]
        var random = RandomStream(seed: 2024)
        var accepted = 0
        for iteration in 0..<2_000 {
            var bytes = sample
            for _ in 0...random.below(4) {
                mutate(&bytes, interesting: interesting, using: &random)
            }
            do throws(JSONParseError) {
                let value = try JSONParser.parse(bytes)
                accepted += 1
                let text = JSONWriter.write(value)
                XCTAssertEqual(try? JSONParser.parse(text), value, "iteration \(iteration)")
            } catch {
                XCTAssertGreaterThanOrEqual(error.line, 1, "iteration \(iteration)")
                XCTAssertGreaterThanOrEqual(error.column, 1, "iteration \(iteration)")
                XCTAssertTrue(error.path.hasPrefix("$"), "iteration \(iteration)")
                XCTAssertFalse(error.message.isEmpty, "iteration \(iteration)")
            }
        }
        XCTAssertGreaterThan(accepted, 0)
        XCTAssertLessThan(accepted, 2_000)
    }

    /// Applies one random edit to `bytes`.
    private func mutate(_ bytes: inout [UInt8], interesting: [UInt8], using random: inout RandomStream) {
        let index = random.below(bytes.count + 1)
        let replacement = random.below(2) == 0
            ? interesting[random.below(interesting.count)]
            : UInt8(truncatingIfNeeded: random.next())
        switch random.below(6) {
        case 0 where index < bytes.count:
            bytes[index] = replacement
        case 1:
            bytes.insert(replacement, at: index)
        case 2 where index < bytes.count:
            bytes.remove(at: index)
        case 3:
            bytes.removeSubrange(index...)
        case 4:
            let end = min(bytes.count, index + random.below(16))
            let chunk = Array(bytes[index..<end])
            bytes.insert(contentsOf: chunk, at: random.below(bytes.count + 1))
        default:
            let end = min(bytes.count, index + random.below(8))
            bytes.removeSubrange(index..<end)
        }
    }

    /// Builds a random value no deeper than four levels.
    private func randomValue(depth: Int, using random: inout RandomStream) -> JSONValue {
        switch random.below(depth >= 4 ? 4 : 6) {
        case 0:
            return random.below(3) == 0 ? .null : .bool(random.below(2) == 0)
        case 1:
            return .int(Int64(bitPattern: random.next()))
        case 2:
            let double = Double(bitPattern: random.next())
            return double.isFinite ? .double(double) : .double(Double(random.below(1000)) / 8)
        case 3:
            return .string(randomString(using: &random))
        case 4:
            return .array((0..<random.below(5)).map { _ in randomValue(depth: depth + 1, using: &random) })
        default:
            var object = JSONObject()
            for _ in 0..<random.below(5) {
                object.set(randomString(using: &random), randomValue(depth: depth + 1, using: &random))
            }
            return .object(object)
        }
    }

    /// Builds a short random string mixing ASCII, control characters and non-ASCII scalars.
    private func randomString(using random: inout RandomStream) -> String {
        let pool: [Unicode.Scalar] = [
            "a", "b", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{8}", "\u{C}", "\u{1F}",
            "\u{7F}", "\u{E9}", "e", "\u{301}", "\u{2028}", "\u{FEFF}", "\u{FFFF}", "😀", "\u{10FFFF}",
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<random.below(6) {
            scalars.append(pool[random.below(pool.count)])
        }
        return String(scalars)
    }
}

extension RandomStream {
    /// A value in `0..<bound`, or 0 when `bound` is 0.
    fileprivate mutating func below(_ bound: Int) -> Int {
        bound > 0 ? Int(nextInt(below: UInt64(bound))) : 0
    }
}
