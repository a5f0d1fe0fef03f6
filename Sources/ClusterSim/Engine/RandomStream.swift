/// A deterministic pseudo-random generator (xoshiro256**) seeded through SplitMix64.
///
/// Every draw is defined here, not by the standard library, so the same seed gives
/// the same numbers on every platform and toolchain. Components get their own
/// stream from `RandomStream(seed:stream:)`, so a new draw in one component never
/// shifts the draws of another.
public struct RandomStream: Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates the generator for `seed`, expanding it with SplitMix64.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// Creates the named sub-stream `stream` of the run seeded with `seed`.
    ///
    /// The name is hashed with FNV-1a (never `hashValue`) and mixed into the seed.
    public init(seed: UInt64, stream: String) {
        self.init(seed: seed ^ FNV1a.hash(stream) &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` (bound > 0), without modulo bias (Lemire's method).
    public mutating func nextInt(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "a random integer was asked below zero")
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// A uniform integer in `range`.
    public mutating func nextInt(in range: ClosedRange<Int64>) -> Int64 {
        let span = UInt64(bitPattern: range.upperBound &- range.lowerBound) &+ 1
        if span == 0 { return Int64(bitPattern: next()) }
        return range.lowerBound &+ Int64(bitPattern: nextInt(below: span))
    }

    /// A uniform double in `[0, 1)` with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        p >= 1 || (p > 0 && nextUnit() < p)
    }

    /// An exponential variate with the given mean, by inversion: `-mean * ln(1 - u)`.
    public mutating func exponential(mean: Double) -> Double {
        -mean * logarithm(1 - nextUnit())
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64, used only to expand seeds.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The 64-bit FNV-1a hash, used for stream names and output digests.
public enum FNV1a {
    /// Hashes the UTF-8 bytes of `text`.
    public static func hash(_ text: String) -> UInt64 {
        hash(bytes: Array(text.utf8))
    }

    /// Hashes `bytes`.
    public static func hash<Bytes: Sequence>(bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }
}

/// Natural logarithm of a positive double, computed with our own code so that
/// exponential draws do not depend on the platform's libm.
///
/// Decomposes `x = m * 2^e` with `m` in [√½, √2), then sums the series
/// `ln m = 2 (y + y³/3 + y⁵/5 + ...)` with `y = (m − 1) / (m + 1)`, `|y| ≤ 0.172`,
/// to 13 terms in Horner form: the next term is below 2⁻⁶⁰ of the sum, so the result
/// keeps full double precision, relative accuracy near 1 included.
func logarithm(_ x: Double) -> Double {
    precondition(x > 0, "the logarithm of a non-positive number was asked")
    var (exponent, mantissa) = binaryParts(x)
    if mantissa >= 1.414_213_562_373_095_1 {
        mantissa *= 0.5
        exponent += 1
    }
    let y = (mantissa - 1) / (mantissa + 1)
    let y2 = y * y
    var series = 1.0 / 25
    series = series * y2 + 1.0 / 23
    series = series * y2 + 1.0 / 21
    series = series * y2 + 1.0 / 19
    series = series * y2 + 1.0 / 17
    series = series * y2 + 1.0 / 15
    series = series * y2 + 1.0 / 13
    series = series * y2 + 1.0 / 11
    series = series * y2 + 1.0 / 9
    series = series * y2 + 1.0 / 7
    series = series * y2 + 1.0 / 5
    series = series * y2 + 1.0 / 3
    series = series * y2 + 1
    return 2 * y * series + exponent * 0.693_147_180_559_945_3
}

/// `x` as `significand × 2^exponent`: the values of `x.exponent` and `x.significand`, read
/// from the bits for a normal number (those properties are calls into the standard library).
func binaryParts(_ x: Double) -> (exponent: Double, significand: Double) {
    let biasedExponent = Int64(x.bitPattern >> 52) & 0x7FF
    guard biasedExponent != 0 && biasedExponent != 0x7FF else { return (Double(x.exponent), x.significand) }
    return (Double(biasedExponent - 1_023),
            Double(bitPattern: x.bitPattern & 0x000F_FFFF_FFFF_FFFF | 0x3FF0_0000_0000_0000))
}
