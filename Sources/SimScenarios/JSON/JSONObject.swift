/// A JSON object: uniquely keyed members kept in insertion (source) order.
///
/// Keys are compared by their exact Unicode scalars, so `"é"` (U+00E9) and `"e\u{301}"`
/// are different keys even though Swift considers the two strings equal. Lookups and
/// updates take constant time on average. Equality ignores member order: two objects are
/// equal when they have the same keys with equal values.
public struct JSONObject: Equatable, Sendable {
    /// The members in insertion order; keys are unique.
    public private(set) var entries: [(key: String, value: JSONValue)]
    /// Maps each key to its position in `entries`.
    private var positions: [ExactKey: Int]

    /// Creates an empty object.
    public init() {
        entries = []
        positions = [:]
    }

    /// Creates an object from key-value pairs in order.
    ///
    /// If a key occurs more than once, the later value replaces the earlier one and the
    /// member keeps the position of the first occurrence, exactly as repeated calls to
    /// ``set(_:_:)`` would.
    public init(_ entries: [(String, JSONValue)]) {
        self.init()
        for (key, value) in entries {
            set(key, value)
        }
    }

    /// Creates an object from members whose keys are known to be unique.
    ///
    /// `positions` must map every key of `entries` to its index.
    init(uniqueEntries entries: [(key: String, value: JSONValue)], positions: [ExactKey: Int]) {
        self.entries = entries
        self.positions = positions
    }

    /// The value stored under `key`, or `nil` if the object has no such member.
    public subscript(key: String) -> JSONValue? {
        guard let position = positions[ExactKey(key)] else {
            return nil
        }
        return entries[position].value
    }

    /// The keys in insertion order.
    public var keys: [String] {
        entries.map(\.key)
    }

    /// The number of members.
    public var count: Int {
        entries.count
    }

    /// Whether the object has no members.
    public var isEmpty: Bool {
        entries.isEmpty
    }

    /// Stores `value` under `key`.
    ///
    /// An existing member keeps its position and gets the new value; a new key is
    /// appended at the end.
    public mutating func set(_ key: String, _ value: JSONValue) {
        let exactKey = ExactKey(key)
        if let position = positions[exactKey] {
            entries[position].value = value
        } else {
            positions[exactKey] = entries.count
            entries.append((key: key, value: value))
        }
    }

    /// Compares two objects member by member, ignoring member order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.entries.count == rhs.entries.count else {
            return false
        }
        for (key, value) in lhs.entries {
            guard let position = rhs.positions[ExactKey(key)], rhs.entries[position].value == value else {
                return false
            }
        }
        return true
    }
}

/// A hashable wrapper that compares strings by their exact Unicode scalars.
///
/// Swift's `String` equality and hashing use canonical equivalence, which would merge keys
/// that JSON treats as distinct. Comparing UTF-8 bytes is equivalent to comparing scalars.
struct ExactKey: Hashable, Sendable {
    /// The wrapped key.
    let string: String

    /// Wraps `string`.
    init(_ string: String) {
        self.string = string
    }

    /// Whether both keys consist of the same Unicode scalars.
    static func == (lhs: ExactKey, rhs: ExactKey) -> Bool {
        lhs.string.utf8.elementsEqual(rhs.string.utf8)
    }

    /// Hashes the key's UTF-8 bytes.
    func hash(into hasher: inout Hasher) {
        hasher.combine(string.utf8.count)
        for byte in string.utf8 {
            hasher.combine(byte)
        }
    }
}
