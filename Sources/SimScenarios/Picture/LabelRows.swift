/// Rows of labels above the lanes: each label goes to the first row where it overlaps no
/// other label, so labels at nearby instants stack instead of overprinting.
struct LabelRows {
    /// The intervals taken in each row, in tenths of a pixel.
    private(set) var rows: [[ClosedRange<Int64>]] = []
    /// The most rows allowed; a label that fits in none is left out (its line stays).
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Places a label spanning `span`; returns its row, or nil if every row is taken there.
    ///
    /// Complexity: O(r × l) in the rows and the labels already placed.
    mutating func place(_ span: ClosedRange<Int64>) -> Int? {
        for index in rows.indices where !rows[index].contains(where: { $0.overlaps(span) }) {
            rows[index].append(span)
            return index
        }
        guard rows.count < limit else { return nil }
        rows.append([span])
        return rows.count - 1
    }
}
