/// A lane's value over time, cut into spans a picture can draw: spans narrower than a pixel
/// are merged into one span showing the value that lasted longest among them.
struct LaneSpan<Value: Equatable>: Equatable {
    /// The left and right edges, in tenths of a pixel.
    var x0: Int64
    var x1: Int64
    /// The span's start and end, in microseconds from the picture's origin.
    var from: Int64
    var until: Int64
    /// The value (the dominant one when merged).
    var value: Value
    /// How many changes the span stands for (1 when not merged).
    var changes: Int

    /// Cuts `changes` (values from an offset on, in time order) ending at `end`.
    ///
    /// Zero-length values (two changes at one instant) are skipped. Complexity: O(n × d)
    /// in the changes and the distinct values merged into one span.
    static func cut(_ changes: [(at: Int64, value: Value)], end: Int64, axis: TimeAxis, minimumWidth: Int64 = 10) -> [LaneSpan] {
        var spans: [LaneSpan] = []
        var cluster: (x0: Int64, from: Int64, totals: [(Value, Int64)], count: Int)?

        func flush(x1: Int64, until: Int64) {
            guard let open = cluster else { return }
            cluster = nil
            var best = open.totals[0]
            for total in open.totals.dropFirst() where total.1 > best.1 { best = total }
            spans.append(LaneSpan(x0: open.x0, x1: x1, from: open.from, until: until, value: best.0, changes: open.count))
        }

        for index in changes.indices {
            let from = changes[index].at
            let until = index + 1 < changes.count ? changes[index + 1].at : end
            guard until > from, until > axis.start, from < axis.end else { continue }
            let x0 = axis.x(from)
            let x1 = axis.x(until)
            if x1 - x0 >= minimumWidth {
                flush(x1: x0, until: from)
                spans.append(LaneSpan(x0: x0, x1: x1, from: from, until: until, value: changes[index].value, changes: 1))
                continue
            }
            if cluster == nil { cluster = (x0, from, [], 0) }
            if let position = cluster?.totals.firstIndex(where: { $0.0 == changes[index].value }) {
                cluster?.totals[position].1 += until - from
            } else {
                cluster?.totals.append((changes[index].value, until - from))
            }
            cluster?.count += 1
            if let open = cluster, x1 - open.x0 >= minimumWidth { flush(x1: x1, until: until) }
        }
        if let open = cluster { flush(x1: max(axis.x(end), min(axis.right, open.x0 + minimumWidth)), until: end) }
        return spans
    }
}
