import ClusterSim
import XCTest

@testable import SimScenarios

/// Duration strings of scenario files: exact integer parsing and a canonical format.
final class DurationTextTests: XCTestCase {
    /// Parses `text`, failing the test with the error when it is rejected.
    private func parsed(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> SimDuration? {
        do throws(DurationTextError) {
            return try DurationText.parse(text)
        } catch {
            XCTFail("\(text) was rejected: \(error)", file: file, line: line)
            return nil
        }
    }

    /// The error for `text`, or nil (failing the test) when it parses.
    private func rejection(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> DurationTextError? {
        do throws(DurationTextError) {
            let duration = try DurationText.parse(text)
            XCTFail("\(text) parsed as \(duration.microseconds)us", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testEveryUnitParsesToWholeMicroseconds() {
        XCTAssertEqual(parsed("500us"), .micros(500))
        XCTAssertEqual(parsed("250ms"), .millis(250))
        XCTAssertEqual(parsed("30s"), .seconds(30))
        XCTAssertEqual(parsed("2m"), .minutes(2))
        XCTAssertEqual(parsed("1h"), .seconds(3600))
        XCTAssertEqual(parsed("0s"), .zero)
        XCTAssertEqual(parsed("007s"), .seconds(7))
    }

    func testDecimalFractionsAreExactWithoutFloatingPoint() {
        XCTAssertEqual(parsed("1.5s"), .millis(1500))
        XCTAssertEqual(parsed("0.1s"), .micros(100_000))
        XCTAssertEqual(parsed("0.000001s"), .micros(1))
        XCTAssertEqual(parsed("1.0us"), .micros(1))
        XCTAssertEqual(parsed("2.50ms"), .micros(2500))
        XCTAssertEqual(parsed("0.25h"), .minutes(15))
        XCTAssertEqual(parsed("0.00000001h"), .micros(36))
        XCTAssertEqual(parsed("0.0000000025h"), .micros(9))
        XCTAssertEqual(parsed("0.1234560000000s"), .micros(123_456))
    }

    func testMalformedTextIsRejectedWithTheReason() {
        XCTAssertEqual(rejection(""), .empty)
        XCTAssertEqual(rejection("-5s"), .negative("-5s"))
        XCTAssertEqual(rejection("30"), .missingUnit("30"))
        XCTAssertEqual(rejection("5d"), .unknownUnit("5d", unit: "d"))
        XCTAssertEqual(rejection("30 s"), .unknownUnit("30 s", unit: " s"))
        XCTAssertEqual(rejection("1m30s"), .unknownUnit("1m30s", unit: "m30s"))
        XCTAssertEqual(rejection("s"), .malformedNumber("s"))
        XCTAssertEqual(rejection(".5s"), .malformedNumber(".5s"))
        XCTAssertEqual(rejection("1.s"), .malformedNumber("1.s"))
        XCTAssertEqual(rejection("1.2.3s"), .malformedNumber("1.2.3s"))
        XCTAssertEqual(rejection("+5s"), .malformedNumber("+5s"))
        XCTAssertEqual(rejection("abc"), .malformedNumber("abc"))
    }

    func testValuesFinerThanAMicrosecondAreRejectedNotRounded() {
        XCTAssertEqual(rejection("1.5us"), .tooPrecise("1.5us"))
        XCTAssertEqual(rejection("0.0000001s"), .tooPrecise("0.0000001s"))
        XCTAssertEqual(rejection("0.00000000001h"), .tooPrecise("0.00000000001h"))
        XCTAssertEqual(rejection("1.00000000000000000000000001s"), .tooPrecise("1.00000000000000000000000001s"))
    }

    func testOverflowIsAnErrorNotATrap() {
        XCTAssertEqual(rejection("9999999999999h"), .tooLarge("9999999999999h"))
        XCTAssertEqual(rejection("99999999999999999999999999us"), .tooLarge("99999999999999999999999999us"))
        XCTAssertEqual(rejection("9223372036854775807.5ms"), .tooLarge("9223372036854775807.5ms"))
        XCTAssertEqual(parsed("9223372036854775807us"), .micros(.max))
        XCTAssertEqual(rejection("9223372036854775808us"), .tooLarge("9223372036854775808us"))
    }

    func testErrorDescriptionsQuoteTheTextAndSayWhatIsWrong() {
        XCTAssertEqual(DurationTextError.tooLarge("9999999999999h").description, "\"9999999999999h\" is too large")
        XCTAssertEqual(DurationTextError.unknownUnit("5d", unit: "d").description,
                       "\"5d\" has an unknown unit \"d\"; expected one of us, ms, s, m, h")
    }

    func testFormatUsesTheLargestUnitThatDividesExactly() {
        XCTAssertEqual(DurationText.format(.seconds(30)), "30s")
        XCTAssertEqual(DurationText.format(.millis(250)), "250ms")
        XCTAssertEqual(DurationText.format(.micros(1500)), "1500us")
        XCTAssertEqual(DurationText.format(.seconds(90)), "90s")
        XCTAssertEqual(DurationText.format(.minutes(2)), "2m")
        XCTAssertEqual(DurationText.format(.seconds(7200)), "2h")
        XCTAssertEqual(DurationText.format(.zero), "0s")
        XCTAssertEqual(DurationText.format(.micros(-1500)), "-1500us")
        XCTAssertEqual(DurationText.format(.micros(.min)), "-9223372036854775808us")
    }

    func testFormattedTextParsesBackToTheSameDuration() {
        let samples: [Int64] = [0, 1, 999, 1_000, 1_500, 250_000, 1_000_000, 1_500_000, 60_000_000, 90_000_000,
                                3_600_000_000, 5_400_000_000, .max]
        for micros in samples {
            XCTAssertEqual(parsed(DurationText.format(.micros(micros))), .micros(micros), "\(micros)us")
        }
    }
}
