import XCTest

@testable import ClusterSim

/// Integer virtual time: exact arithmetic and fixed-point formatting without floating point.
final class SimTimeTests: XCTestCase {
    // MARK: TimeFormat.seconds

    func testOneDecimalRoundsHalfAwayFromZero() {
        XCTAssertEqual(TimeFormat.seconds(21_650_000, decimals: 1), "21.7")
        XCTAssertEqual(TimeFormat.seconds(21_649_999, decimals: 1), "21.6")
        XCTAssertEqual(TimeFormat.seconds(50_000, decimals: 1), "0.1")
        XCTAssertEqual(TimeFormat.seconds(49_999, decimals: 1), "0.0")
        XCTAssertEqual(TimeFormat.seconds(950_000, decimals: 1), "1.0", "a carry into the whole seconds")
    }

    func testNegativeValuesRoundHalfAwayFromZeroAndNeverPrintMinusZero() {
        XCTAssertEqual(TimeFormat.seconds(-21_650_000, decimals: 1), "-21.7")
        XCTAssertEqual(TimeFormat.seconds(-21_649_999, decimals: 1), "-21.6")
        XCTAssertEqual(TimeFormat.seconds(-50_000, decimals: 1), "-0.1")
        XCTAssertEqual(TimeFormat.seconds(-49_999, decimals: 1), "0.0")
        XCTAssertEqual(TimeFormat.seconds(-1, decimals: 0), "0")
        XCTAssertEqual(TimeFormat.seconds(-1, decimals: 6), "-0.000001")
    }

    func testZeroDecimalsRoundToWholeSecondsHalfAwayFromZeroNotToEven() {
        XCTAssertEqual(TimeFormat.seconds(0, decimals: 0), "0")
        XCTAssertEqual(TimeFormat.seconds(499_999, decimals: 0), "0")
        XCTAssertEqual(TimeFormat.seconds(500_000, decimals: 0), "1")
        XCTAssertEqual(TimeFormat.seconds(1_500_000, decimals: 0), "2")
        XCTAssertEqual(TimeFormat.seconds(2_500_000, decimals: 0), "3")
        XCTAssertEqual(TimeFormat.seconds(-2_500_000, decimals: 0), "-3")
        XCTAssertEqual(TimeFormat.seconds(999_999_500_000, decimals: 0), "1000000")
    }

    func testSixDecimalsAreExactMicroseconds() {
        XCTAssertEqual(TimeFormat.seconds(0, decimals: 6), "0.000000")
        XCTAssertEqual(TimeFormat.seconds(1, decimals: 6), "0.000001")
        XCTAssertEqual(TimeFormat.seconds(123_456_789, decimals: 6), "123.456789")
        XCTAssertEqual(TimeFormat.seconds(-123_456_789, decimals: 6), "-123.456789")
        XCTAssertEqual(TimeFormat.seconds(Int64.max, decimals: 6), "9223372036854.775807")
    }

    func testIntermediateDecimalsKeepTheirLeadingZeros() {
        XCTAssertEqual(TimeFormat.seconds(1_005_000, decimals: 3), "1.005")
        XCTAssertEqual(TimeFormat.seconds(500, decimals: 3), "0.001")
        XCTAssertEqual(TimeFormat.seconds(499, decimals: 3), "0.000")
        XCTAssertEqual(TimeFormat.seconds(1_050_000, decimals: 2), "1.05")
        XCTAssertEqual(TimeFormat.seconds(61_234_567, decimals: 4), "61.2346")
    }

    func testDecimalsOutsideZeroToSixAreClamped() {
        XCTAssertEqual(TimeFormat.seconds(1_234_567, decimals: 9), TimeFormat.seconds(1_234_567, decimals: 6))
        XCTAssertEqual(TimeFormat.seconds(1_734_567, decimals: -2), "2")
    }

    // MARK: Descriptions

    func testDurationDescriptionIsSecondsWithOneDecimal() {
        XCTAssertEqual(SimDuration.millis(21_650).description, "21.7s")
        XCTAssertEqual(SimDuration.zero.description, "0.0s")
        XCTAssertEqual(SimDuration.micros(1).description, "0.0s")
        XCTAssertEqual(SimDuration.minutes(2).description, "120.0s")
        XCTAssertEqual(SimDuration.millis(-250).description, "-0.3s")
    }

    func testInstantDescriptionIsPrefixedWithT() {
        XCTAssertEqual(SimInstant(microseconds: 61_200_000).description, "t=61.2s")
        XCTAssertEqual(SimInstant.zero.description, "t=0.0s")
        XCTAssertEqual(SimInstant(microseconds: 61_249_999).description, "t=61.2s")
    }

    // MARK: Arithmetic

    func testUnitConstructorsAreExactMultiplesOfAMicrosecond() {
        XCTAssertEqual(SimDuration.micros(7).microseconds, 7)
        XCTAssertEqual(SimDuration.millis(7).microseconds, 7_000)
        XCTAssertEqual(SimDuration.seconds(7).microseconds, 7_000_000)
        XCTAssertEqual(SimDuration.minutes(7).microseconds, 420_000_000)
        XCTAssertEqual(SimDuration.minutes(1), .seconds(60))
        XCTAssertEqual(SimDuration.zero.microseconds, 0)
    }

    func testDurationArithmeticIsExact() {
        XCTAssertEqual(SimDuration.seconds(1) + .millis(500), .millis(1_500))
        XCTAssertEqual(SimDuration.seconds(1) - .millis(1_500), .millis(-500))
        XCTAssertEqual(SimDuration.millis(250) * 4, .seconds(1))
        XCTAssertEqual(SimDuration.seconds(1) / 3, .micros(333_333), "division truncates")
        XCTAssertEqual(SimDuration.micros(-7) / 2, .micros(-3), "division truncates towards zero")
    }

    func testDurationComparisonFollowsMicroseconds() {
        XCTAssertLessThan(SimDuration.micros(999), .millis(1))
        XCTAssertLessThan(SimDuration.millis(-1), .zero)
        XCTAssertEqual(max(SimDuration.millis(-3), .zero), .zero)
        XCTAssertEqual([SimDuration.seconds(2), .micros(5), .millis(-1)].sorted(), [.millis(-1), .micros(5), .seconds(2)])
    }

    func testWholeMillisecondsTruncateTowardsZero() {
        XCTAssertEqual(SimDuration.micros(1_999).milliseconds, 1)
        XCTAssertEqual(SimDuration.micros(-1_999).milliseconds, -1)
        XCTAssertEqual(SimInstant(microseconds: 61_999).milliseconds, 61)
    }

    func testSecondsAsADoubleAreForDisplay() {
        XCTAssertEqual(SimDuration.millis(1_500).seconds, 1.5)
        XCTAssertEqual(SimDuration.micros(-250_000).seconds, -0.25)
    }

    func testInstantArithmeticMovesByDurationsAndSubtractsToADuration() {
        let start = SimInstant(microseconds: 10_000_000)
        XCTAssertEqual(start + .seconds(5), SimInstant(microseconds: 15_000_000))
        XCTAssertEqual(start - .seconds(5), SimInstant(microseconds: 5_000_000))
        XCTAssertEqual(SimInstant(microseconds: 15_000_000) - start, .seconds(5))
        XCTAssertEqual(start - SimInstant(microseconds: 15_000_000), .seconds(-5))
        XCTAssertLessThan(start, start + .micros(1))
        XCTAssertEqual(SimInstant.zero + .zero, .zero)
    }
}

/// Formatting never traps, even at the ends of the microsecond range.
final class SimTimeExtremesTests: XCTestCase {
    func testFormattingTheExtremeMicrosecondCountsDoesNotTrap() {
        XCTAssertEqual(TimeFormat.seconds(Int64.max, decimals: 1), "9223372036854.8")
        XCTAssertEqual(SimDuration(microseconds: .max).description, "9223372036854.8s")
        XCTAssertEqual(TimeFormat.seconds(Int64.min, decimals: 6), "-9223372036854.775808")
    }
}
