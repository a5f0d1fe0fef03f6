import Foundation
import XCTest

@testable import ClusterSim

/// Our own generator, hash and distributions: pinned values, ranges and rough statistics.
final class RandomStreamTests: XCTestCase {
    /// The first `count` raw outputs of `stream`.
    private func outputs(_ stream: RandomStream, count: Int = 5) -> [UInt64] {
        var copy = stream
        return (0..<count).map { _ in copy.next() }
    }

    // MARK: Golden values

    /// Pinned once from this code and cross-checked with an independent xoshiro256** +
    /// SplitMix64 implementation. If this fails, every recorded seed replays differently.
    func testSeedOneProducesThePinnedFirstOutputs() {
        XCTAssertEqual(outputs(RandomStream(seed: 1)), [
            0xB3F2_AF6D_0FC7_10C5,
            0x853B_5596_4736_4CEA,
            0x92F8_9756_082A_4514,
            0x642E_1C7B_C266_A3A7,
            0xB27A_48E2_9A23_3673,
        ])
    }

    func testTheNetworkSubStreamOfSeed42ProducesThePinnedFirstOutputs() {
        XCTAssertEqual(outputs(RandomStream(seed: 42, stream: "network")), [
            0x1DD4_CDC5_837C_B797,
            0x52BB_210A_75FA_15CA,
            0x96DD_ED3D_444B_8795,
            0x1239_EA94_E4D6_AFA3,
            0x5BD2_587E_9974_69B9,
        ])
    }

    func testFNV1aMatchesThePublishedTestVectors() {
        XCTAssertEqual(FNV1a.hash(""), 0xCBF2_9CE4_8422_2325)
        XCTAssertEqual(FNV1a.hash("a"), 0xAF63_DC4C_8601_EC8C)
        XCTAssertEqual(FNV1a.hash("foobar"), 0x8594_4171_F739_67E8)
        XCTAssertEqual(FNV1a.hash(bytes: Array("foobar".utf8)), FNV1a.hash("foobar"))
    }

    // MARK: Sub-streams

    func testSubStreamsWithTheSameNameAreIdentical() {
        XCTAssertEqual(outputs(RandomStream(seed: 7, stream: "etcd"), count: 20),
                       outputs(RandomStream(seed: 7, stream: "etcd"), count: 20))
    }

    func testSubStreamsWithDifferentNamesDiffer() {
        let names = ["", "network", "etcd", "clients", "faults", "patroni1", "patroni2"]
        for seed: UInt64 in [0, 1, 42, .max] {
            let streams = names.map { outputs(RandomStream(seed: seed, stream: $0)) }
            for i in names.indices {
                for j in names.indices where i < j {
                    XCTAssertNotEqual(streams[i], streams[j], "seed \(seed): '\(names[i])' and '\(names[j])'")
                }
            }
            XCTAssertNotEqual(streams[1], outputs(RandomStream(seed: seed)), "seed \(seed): named vs unnamed")
        }
    }

    func testTheSameNameUnderDifferentSeedsDiffers() {
        XCTAssertNotEqual(outputs(RandomStream(seed: 1, stream: "network")),
                          outputs(RandomStream(seed: 2, stream: "network")))
    }

    func testSeedZeroStillProducesNonZeroOutput() {
        XCTAssertTrue(outputs(RandomStream(seed: 0), count: 10).contains { $0 != 0 })
    }

    // MARK: Bounded integers

    func testNextIntBelowStaysInRangeAndIsRoughlyUniform() {
        var random = RandomStream(seed: 2024, stream: "uniformity")
        let buckets = 10
        let draws = 100_000
        var counts = Array(repeating: 0, count: buckets)
        for _ in 0..<draws {
            let value = random.nextInt(below: UInt64(buckets))
            XCTAssertLessThan(value, UInt64(buckets))
            counts[Int(value)] += 1
        }
        let expected = Double(draws) / Double(buckets)
        let chiSquare = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        // 9 degrees of freedom: p = 0.001 is at 27.9; 40 leaves room for any decent generator.
        XCTAssertLessThan(chiSquare, 40, "counts \(counts)")
    }

    /// A bound of 3·2⁶² is where a plain `next() % bound` would put half the mass in the
    /// first third; Lemire's rejection must keep the three thirds equal.
    func testNextIntBelowHasNoModuloBiasForAHugeBound() {
        var random = RandomStream(seed: 5, stream: "modulo-bias")
        let bound: UInt64 = 3 << 62
        var thirds = [0, 0, 0]
        let draws = 30_000
        for _ in 0..<draws {
            let value = random.nextInt(below: bound)
            XCTAssertLessThan(value, bound)
            thirds[Int(value >> 62)] += 1
        }
        let expected = Double(draws) / 3
        let chiSquare = thirds.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        XCTAssertLessThan(chiSquare, 25, "thirds \(thirds)")
    }

    func testNextIntBelowOneIsAlwaysZeroAndBelowMaxStaysBelowMax() {
        var random = RandomStream(seed: 9)
        for _ in 0..<100 {
            XCTAssertEqual(random.nextInt(below: 1), 0)
            XCTAssertLessThan(random.nextInt(below: .max), .max)
        }
    }

    func testNextIntInCoversBothEndsOfANegativeRange() {
        var random = RandomStream(seed: 11)
        var seen = Set<Int64>()
        for _ in 0..<10_000 {
            let value = random.nextInt(in: -3...3)
            XCTAssertTrue((-3...3).contains(value), "\(value) is outside -3...3")
            seen.insert(value)
        }
        XCTAssertEqual(seen, Set(-3...3))
        for _ in 0..<100 {
            let value = random.nextInt(in: -10 ... -8)
            XCTAssertTrue((-10 ... -8).contains(value), "\(value) is outside -10...-8")
        }
    }

    func testNextIntInASingleValueRangeReturnsThatValue() {
        var random = RandomStream(seed: 12)
        XCTAssertEqual(random.nextInt(in: 5...5), 5)
        XCTAssertEqual(random.nextInt(in: Int64.min...Int64.min), Int64.min)
        XCTAssertEqual(random.nextInt(in: Int64.max...Int64.max), Int64.max)
    }

    func testNextIntInReachesTheExtremesOfInt64WithoutTrapping() {
        var random = RandomStream(seed: 13)
        var low = Set<Int64>()
        var high = Set<Int64>()
        var full = Set<Int64>()
        var sawNegative = false
        var sawPositive = false
        for _ in 0..<1_000 {
            low.insert(random.nextInt(in: Int64.min...(Int64.min + 1)))
            high.insert(random.nextInt(in: (Int64.max - 1)...Int64.max))
            let value = random.nextInt(in: Int64.min...Int64.max)
            full.insert(value)
            sawNegative = sawNegative || value < 0
            sawPositive = sawPositive || value > 0
        }
        XCTAssertEqual(low, [Int64.min, Int64.min + 1])
        XCTAssertEqual(high, [Int64.max - 1, Int64.max])
        XCTAssertGreaterThan(full.count, 990, "the full range should almost never repeat")
        XCTAssertTrue(sawNegative && sawPositive)
        // A span of 2^64 - 1 goes through Lemire's path, not the full-range shortcut.
        for _ in 0..<1_000 {
            let value = random.nextInt(in: (Int64.min + 1)...Int64.max)
            XCTAssertNotEqual(value, Int64.min)
        }
    }

    // MARK: Doubles

    func testNextUnitStaysInTheHalfOpenUnitInterval() {
        var random = RandomStream(seed: 14)
        for _ in 0..<10_000 {
            let u = random.nextUnit()
            XCTAssertTrue(u >= 0 && u < 1, "\(u)")
        }
    }

    func testChanceOfZeroIsNeverAndChanceOfOneIsAlways() {
        var random = RandomStream(seed: 15)
        for _ in 0..<1_000 {
            XCTAssertFalse(random.chance(0))
            XCTAssertTrue(random.chance(1))
        }
    }

    func testExponentialSampleMeanIsWithinTwoPercentOfTheMean() {
        for (seed, mean) in [(UInt64(16), 1.0), (17, 2.5), (18, 30_000.0)] {
            var random = RandomStream(seed: seed, stream: "exponential")
            let draws = 200_000
            var sum = 0.0
            var smallest = Double.infinity
            for _ in 0..<draws {
                let x = random.exponential(mean: mean)
                sum += x
                smallest = min(smallest, x)
            }
            let sampleMean = sum / Double(draws)
            XCTAssertEqual(sampleMean, mean, accuracy: 0.02 * mean, "seed \(seed), mean \(mean)")
            XCTAssertGreaterThanOrEqual(smallest, 0, "seed \(seed), mean \(mean)")
            XCTAssertTrue(sum.isFinite, "seed \(seed), mean \(mean)")
        }
    }

    // MARK: Logarithm

    func testLogarithmMatchesKnownValues() {
        XCTAssertEqual(logarithm(1), 0)
        let known: [(x: Double, ln: Double)] = [
            (2, 0.693_147_180_559_945_309_4),
            (10, 2.302_585_092_994_045_684_0),
            (0.5, -0.693_147_180_559_945_309_4),
            (1e-300, -690.775_527_898_213_705_2),
            (.leastNormalMagnitude, -708.396_418_532_264_106_2),
            (.greatestFiniteMagnitude, 709.782_712_893_383_996_8),
            (1.0 + 0x1.0p-52, 2.220_446_049_250_312_8e-16),
        ]
        for (x, ln) in known {
            let relative = abs(logarithm(x) - ln) / abs(ln)
            XCTAssertLessThan(relative, 1e-12, "ln(\(x)): got \(logarithm(x)), expected \(ln)")
        }
    }

    /// What the exponential draws need: the absolute error of `ln(1 - u)` is tiny over (0, 1].
    func testLogarithmIsAbsolutelyAccurateOnTheUnitIntervalAndRelativelyAccurateAwayFromOne() {
        var random = RandomStream(seed: 19, stream: "logarithm")
        for _ in 0..<2_000 {
            let x = 1 - random.nextUnit()
            XCTAssertEqual(logarithm(x), Foundation.log(x), accuracy: 1e-14, "ln(\(x))")
        }
        for _ in 0..<2_000 {
            let x = Foundation.pow(10, Double(random.nextInt(in: -300...300)) + random.nextUnit())
            guard abs(x - 1) > 0.5 else { continue }
            let relative = abs(logarithm(x) - Foundation.log(x)) / abs(Foundation.log(x))
            XCTAssertLessThan(relative, 1e-13, "ln(\(x)): got \(logarithm(x)), expected \(Foundation.log(x))")
        }
    }

    /// The split read from the bits is exactly the standard library's, for normal and
    /// subnormal numbers alike, so the exponential draws did not change.
    func testBinaryPartsAreTheStandardLibrarysExponentAndSignificand() {
        var random = RandomStream(seed: 23, stream: "binary-parts")
        var samples: [Double] = [1, 0.5, 2, .leastNormalMagnitude, .leastNonzeroMagnitude,
                                 .greatestFiniteMagnitude, .leastNormalMagnitude / 3, 1 - 0x1.0p-53]
        for _ in 0..<5_000 {
            let x = Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF)
            if x > 0 { samples.append(x) }
            samples.append(1 - random.nextUnit())
        }
        for x in samples {
            let parts = binaryParts(x)
            XCTAssertEqual(parts.exponent, Double(x.exponent), "exponent of \(x)")
            XCTAssertEqual(parts.significand.bitPattern, x.significand.bitPattern, "significand of \(x)")
        }
    }
}
