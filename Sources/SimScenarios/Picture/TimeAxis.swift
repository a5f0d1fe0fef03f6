/// The x axis of a picture: a window of run time, measured from an origin (the first fault,
/// or the start of the run), mapped onto a band of pixels.
///
/// Coordinates are integer tenths of a pixel; every mapping is integer arithmetic, so the
/// same run always lands on the same pixels.
struct TimeAxis: Sendable, Equatable {
    /// The offset from the origin, in microseconds, at the left edge.
    let start: Int64
    /// The offset from the origin, in microseconds, at the right edge (greater than `start`).
    let end: Int64
    /// The left edge, in tenths of a pixel.
    let left: Int64
    /// The width, in tenths of a pixel.
    let width: Int64
    /// Whether the origin is a fault (labels `+30s`) or the start of the run (labels `30s`).
    let relativeToFault: Bool

    init(start: Int64, end: Int64, left: Int64, width: Int64, relativeToFault: Bool) {
        precondition(width > 0, "A picture needs a plot area at least one tenth of a pixel wide.")
        precondition(end - start <= 100 * 86_400 * 1_000_000, "A picture covers at most 100 days of run time.")
        self.start = start
        self.end = max(end, start + 1)
        self.left = left
        self.width = width
        self.relativeToFault = relativeToFault
    }

    /// The right edge, in tenths of a pixel.
    var right: Int64 { left + width }

    /// Microseconds of run time per pixel (at least 1).
    var microsPerPixel: Int64 { max(1, (end - start) * 10 / width) }

    /// The x coordinate of `offset` (microseconds from the origin), clamped to the plot.
    func x(_ offset: Int64) -> Int64 {
        let clamped = min(max(offset, start), end)
        return left + (clamped - start) * width / (end - start)
    }

    /// Whether `offset` falls inside the window.
    func contains(_ offset: Int64) -> Bool { offset >= start && offset <= end }

    /// A tick: its x and its label.
    struct Tick: Equatable {
        /// The x coordinate in tenths of a pixel.
        var x: Int64
        /// `+30s`, `−1m`, `0`, or without a fault `30s`.
        var label: String
    }

    /// Ticks at a round step (1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h,
    /// 1, 2, 5, 10 d) with at most one tick per `spacing` pixels; one tick falls on the origin.
    func ticks(spacing: Int64 = 70) -> [Tick] {
        let steps: [(seconds: Int64, unit: Int64, suffix: String)] = [
            (1, 1, "s"), (2, 1, "s"), (5, 1, "s"), (10, 1, "s"), (15, 1, "s"), (30, 1, "s"),
            (60, 60, "m"), (120, 60, "m"), (300, 60, "m"), (600, 60, "m"), (900, 60, "m"), (1800, 60, "m"),
            (3600, 3600, "h"), (7200, 3600, "h"), (10_800, 3600, "h"), (21_600, 3600, "h"), (43_200, 3600, "h"),
            (86_400, 86_400, "d"), (172_800, 86_400, "d"), (432_000, 86_400, "d"), (864_000, 86_400, "d"),
        ]
        let maximum = max(1, width / 10 / spacing)
        let span = end - start
        let step = steps.first { span / ($0.seconds * 1_000_000) <= maximum } ?? steps[steps.count - 1]
        let stepMicros = step.seconds * 1_000_000
        var k = start >= 0 ? (start + stepMicros - 1) / stepMicros : -((-start) / stepMicros)
        var ticks: [Tick] = []
        while k * stepMicros <= end {
            let offset = k * stepMicros
            let count = offset / (step.unit * 1_000_000)
            let label: String
            if relativeToFault {
                label = count == 0 ? "0" : (count > 0 ? "+" : "\u{2212}") + String(count.magnitude) + step.suffix
            } else {
                label = String(count) + step.suffix
            }
            ticks.append(Tick(x: x(offset), label: label))
            k += 1
        }
        return ticks
    }
}
