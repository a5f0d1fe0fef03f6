import XCTest
@testable import SimScenarios

/// Tests for ``JSONWriter``.
final class JSONWriterTests: XCTestCase {
    /// A small document with nesting, empty containers and every scalar kind.
    private let sample = JSONValue.object(JSONObject([
        ("name", .string("failover")),
        ("faults", .array([
            .object(JSONObject([("kind", .string("crash")), ("at", .int(5))])),
            .null,
        ])),
        ("enabled", .bool(false)),
        ("ratio", .double(0.25)),
        ("tags", .array([])),
        ("extra", .object(JSONObject())),
    ]))

    func testPrettyOutputIndentsByTwoSpacesWithOneMemberPerLine() {
        let expected = """
            {
              "enabled": false,
              "extra": {},
              "faults": [
                {
                  "at": 5,
                  "kind": "crash"
                },
                null
              ],
              "name": "failover",
              "ratio": 0.25,
              "tags": []
            }
            """
        XCTAssertEqual(JSONWriter.write(sample), expected)
    }

    func testCompactOutputHasNoWhitespace() {
        let expected = #"{"enabled":false,"extra":{},"faults":[{"at":5,"kind":"crash"},null],"name":"failover","ratio":0.25,"tags":[]}"#
        XCTAssertEqual(JSONWriter.write(sample, pretty: false), expected)
    }

    func testArraysOfScalarsStillPutOneElementPerLine() {
        let value = JSONValue.array([.int(1), .string("two"), .bool(true), .null])
        XCTAssertEqual(JSONWriter.write(value), "[\n  1,\n  \"two\",\n  true,\n  null\n]")
    }

    func testOutputHasNoTrailingNewline() {
        XCTAssertEqual(JSONWriter.write(.array([.int(1)])), "[\n  1\n]")
        XCTAssertEqual(JSONWriter.write(.null), "null")
        XCTAssertEqual(JSONWriter.write(.string("x"), pretty: false), "\"x\"")
    }

    func testEmptyContainersAreWrittenOnOneLine() {
        XCTAssertEqual(JSONWriter.write(.array([])), "[]")
        XCTAssertEqual(JSONWriter.write(.object(JSONObject())), "{}")
        XCTAssertEqual(JSONWriter.write(.array([.array([])])), "[\n  []\n]")
    }

    func testKeysAreSortedByUnicodeScalarValues() {
        let keys = ["b", "a", "B", "\u{E9}", "e\u{301}", "aa", "", "😀", "\u{FF61}", "_", "A"]
        let object = JSONObject(keys.map { ($0, JSONValue.null) })
        let written = JSONWriter.write(.object(object), pretty: false)
        let expectedOrder = ["", "A", "B", "_", "a", "aa", "b", "e\u{301}", "\u{E9}", "\u{FF61}", "😀"]
        let expected = "{" + expectedOrder.map { "\"\($0)\":null" }.joined(separator: ",") + "}"
        XCTAssertEqual(Array(written.unicodeScalars), Array(expected.unicodeScalars))
    }

    func testInsertionOrderDoesNotChangeTheOutput() {
        let forward = JSONObject([("x", .int(1)), ("y", .int(2)), ("z", .array([.int(3)]))])
        let backward = JSONObject([("z", .array([.int(3)])), ("y", .int(2)), ("x", .int(1))])
        XCTAssertEqual(JSONWriter.write(.object(forward)), JSONWriter.write(.object(backward)))
        XCTAssertEqual(
            JSONWriter.write(.object(forward), pretty: false),
            JSONWriter.write(.object(backward), pretty: false)
        )
    }

    func testStringsAreEscapedPerRFC8259() {
        let value = JSONValue.string("q\" b\\ s/ n\n r\r t\t b\u{8} f\u{C} z\u{0} e\u{1B} u\u{1F} d\u{7F}")
        let expected = #""q\" b\\ s/ n\n r\r t\t b\b f\f z\u0000 e\u001b u\u001f d"# + "\u{7F}\""
        XCTAssertEqual(JSONWriter.write(value), expected)
    }

    func testNonASCIICharactersAreWrittenAsUTF8() {
        let value = JSONValue.string("h\u{E9}llo \u{20AC} 😀 \u{2028} e\u{301}")
        let written = JSONWriter.write(value)
        XCTAssertEqual(Array(written.utf8), Array("\"h\u{E9}llo \u{20AC} 😀 \u{2028} e\u{301}\"".utf8))
    }

    func testKeysAreEscapedLikeStrings() {
        let object = JSONObject([("a\"b\n", .int(1))])
        XCTAssertEqual(JSONWriter.write(.object(object), pretty: false), #"{"a\"b\n":1}"#)
    }

    func testNumbersAreWrittenAsTheirLiterals() {
        let literals = ["12345678901234567890123", "-0", "1E+300", "2.50", "1e-999", "-0.000001"]
        let numbers = literals.compactMap(JSONNumber.init).map(JSONValue.number)
        XCTAssertEqual(numbers.count, literals.count)
        XCTAssertEqual(
            JSONWriter.write(.array(numbers), pretty: false),
            "[" + literals.joined(separator: ",") + "]"
        )
        XCTAssertEqual(JSONWriter.write(.int(Int64.max)), "9223372036854775807")
        XCTAssertEqual(JSONWriter.write(.double(-0.0)), "-0.0")
        XCTAssertEqual(JSONWriter.write(.double(1e300)), "1e+300")
    }

    func testParsingWhatWasWrittenGivesBackTheSameValue() throws {
        for pretty in [true, false] {
            let text = JSONWriter.write(sample, pretty: pretty)
            XCTAssertEqual(try JSONParser.parse(text), sample)
        }
    }

    func testRewritingParsedTextIsStable() throws {
        let text = #"{"z": [1, 2.0, "\u00e9\ud83d\ude00\/"], "a": {"k": null, "j": true}, "m": -1e-3}"#
        let once = JSONWriter.write(try JSONParser.parse(text), pretty: false)
        XCTAssertEqual(once, #"{"a":{"j":true,"k":null},"m":-1e-3,"z":[1,2.0,"é😀/"]}"#)
        XCTAssertEqual(JSONWriter.write(try JSONParser.parse(once), pretty: false), once)
        let pretty = JSONWriter.write(try JSONParser.parse(text))
        XCTAssertEqual(JSONWriter.write(try JSONParser.parse(pretty)), pretty)
    }

    func testEscapedControlCharactersRoundTrip() throws {
        let control = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        let value = JSONValue.array([.string(control)])
        for pretty in [true, false] {
            XCTAssertEqual(try JSONParser.parse(JSONWriter.write(value, pretty: pretty)), value)
        }
    }
}
