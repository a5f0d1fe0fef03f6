/// An allowed range of integers, and how messages name it.
struct IntegerRange {
    /// The smallest allowed value.
    var min: Int64
    /// The largest allowed value.
    var max: Int64 = .max
    /// The unit named in messages, such as `seconds`, or nil.
    var unit: String?

    /// What a message says was expected, such as `a positive integer` or
    /// `an integer from 1 to 2592000 (seconds)`.
    var expected: String {
        let base: String
        switch (min, max) {
        case (1, .max): base = "a positive integer"
        case (0, .max): base = "a non-negative integer"
        case (_, .max): base = "an integer of at least \(min)"
        default: base = "an integer from \(min) to \(max)"
        }
        return unit.map { "\(base) (\($0))" } ?? base
    }
}
