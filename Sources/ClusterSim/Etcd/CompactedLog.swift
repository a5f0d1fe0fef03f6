/// A sequence indexed from 1 whose oldest elements can be dropped once nothing reads them
/// again, as etcd compacts its raft log behind a snapshot. Index `i` stays index `i` after
/// a compaction; reading a dropped index is a programming error.
struct CompactedLog<Element> {
    private var elements: [Element] = []
    /// How many leading elements were dropped: indices `1...dropped` are gone.
    private(set) var dropped = 0

    /// The index of the last element (0 when nothing was ever appended).
    var count: Int { dropped + elements.count }

    /// The last element, if one is kept.
    var last: Element? { elements.last }

    /// The element at `index` (1-based, above `dropped`).
    subscript(index: Int) -> Element { elements[index - 1 - dropped] }

    /// Appends `element` at index `count + 1`.
    mutating func append(_ element: Element) { elements.append(element) }

    /// Removes the elements from `index` on (`index` above `dropped`).
    mutating func removeSuffix(from index: Int) { elements.removeSubrange((index - 1 - dropped)...) }

    /// The elements at indices `first...last` (both above `dropped`), empty when `last < first`.
    func elements(from first: Int, through last: Int) -> [Element] {
        last < first ? [] : Array(elements[(first - 1 - dropped)...(last - 1 - dropped)])
    }

    /// Drops the elements up to and including `index`.
    mutating func drop(through index: Int) {
        let count = index - dropped
        guard count > 0 else { return }
        elements.removeFirst(count)
        dropped = index
    }
}

extension CompactedLog: Sendable where Element: Sendable {}
