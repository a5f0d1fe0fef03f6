import ClusterSim

extension TimelinePicture.Panel {
    /// One column of the writes strip: the writes that ended in it.
    struct WriteColumn: Equatable {
        var x0: Int64
        var x1: Int64
        var acked: Int
        var failed: Int
        /// How many seconds of the run the column stands for (at least 1).
        var seconds: Int64
    }

    /// Whether the strip draws one column per second (a second is at least two pixels wide).
    var writesPerSecond: Bool {
        axis.width * 1_000_000 / max(1, axis.end - axis.start) >= 20
    }

    /// The write outcomes as columns: one per second when a second is at least two pixels
    /// wide, else one per pixel column summing the seconds that start in it.
    func writeColumns() -> [WriteColumn] {
        let buckets = run.report.history?.writes ?? []
        var columns: [WriteColumn] = []
        for bucket in buckets {
            let from = run.offset(SimInstant(microseconds: bucket.second * 1_000_000))
            let x0 = axis.x(from)
            if writesPerSecond {
                columns.append(WriteColumn(x0: x0, x1: axis.x(from + 1_000_000), acked: bucket.acked, failed: bucket.failed, seconds: 1))
                continue
            }
            let pixel = x0 / 10 * 10
            if let last = columns.last, last.x0 == pixel {
                columns[columns.count - 1].acked += bucket.acked
                columns[columns.count - 1].failed += bucket.failed
            } else {
                columns.append(WriteColumn(x0: pixel, x1: pixel + 10, acked: bucket.acked, failed: bucket.failed,
                                           seconds: max(1, firstSecond(at: pixel + 10) - firstSecond(at: pixel))))
            }
        }
        return columns
    }

    /// The first whole second of the run whose start maps to `x` or right of it (the
    /// inverse of ``TimeAxis/x(_:)``, in integers).
    private func firstSecond(at x: Int64) -> Int64 {
        let span = axis.end - axis.start
        let offset = axis.start + ceilingDivision((x - axis.left) * span, axis.width)
        return ceilingDivision(offset + run.origin.microseconds, 1_000_000)
    }

    private func ceilingDivision(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? (a + b - 1) / b : -((-a) / b)
    }

    /// The strip of client write outcomes: acknowledged writes green from the bottom,
    /// failed writes red above them, scaled to the busiest column; the longest outage is
    /// bracketed and labelled.
    func drawWritesLane(into svg: inout SVGWriter) {
        let n = FixedPoint.tenths
        let top = writesTop
        let height = metrics.writesLane
        let bottom = top + height
        let columns = writeColumns()
        // The busiest column by rate (writes per second), compared as fractions.
        var peak = (count: Int64(1), seconds: Int64(1))
        for column in columns where Int64(column.acked + column.failed) * peak.seconds > peak.count * column.seconds {
            peak = (Int64(column.acked + column.failed), column.seconds)
        }
        svg.open("g", [("class", "lane writes-lane")])
        let peakRate = TimeFormat.seconds(peak.count * 1_000_000 / peak.seconds, decimals: 0)
        laneTitle("client writes", subtitle: (writesPerSecond ? "per second" : "per pixel") + ", peak \(peakRate)/s",
                  top: top, height: height, into: &svg)
        svg.element("rect", [("x", n(axis.left)), ("y", n(top)), ("width", n(axis.width)), ("height", n(height)),
                             ("fill", "#fafafa"), ("stroke", StatePalette.grid)])
        let inner = height - 20
        var acked: [String] = []
        var failed: [String] = []
        for column in columns {
            let scale = column.seconds * peak.count
            let ackedHeight = min(inner, inner * Int64(column.acked) * peak.seconds / scale)
            let failedHeight = min(inner - ackedHeight, inner * Int64(column.failed) * peak.seconds / scale)
            let width = max(10, column.x1 - column.x0 - (column.x1 - column.x0 >= 40 ? 10 : 0))
            if ackedHeight > 0 { acked.append("M\(n(column.x0)),\(n(bottom - ackedHeight))h\(n(width))V\(n(bottom))h-\(n(width))Z") }
            if failedHeight > 0 {
                let y = bottom - ackedHeight - failedHeight
                failed.append("M\(n(column.x0)),\(n(y))h\(n(width))v\(n(failedHeight))h-\(n(width))Z")
            }
        }
        let total = run.report.writes
        if !acked.isEmpty {
            svg.element("path", [("class", "writes-acked"), ("d", acked.joined()), ("fill", StatePalette.acked)],
                        tooltip: "\(FixedPoint.grouped(total.acked)) writes acknowledged")
        }
        if !failed.isEmpty {
            svg.element("path", [("class", "writes-failed"), ("d", failed.joined()), ("fill", StatePalette.failed)],
                        tooltip: "\(FixedPoint.grouped(total.failed)) writes failed")
        }
        if let outage = total.longestOutage {
            let x0 = axis.x(run.offset(outage.from))
            let x1 = axis.x(run.offset(outage.until))
            let y = top + 20
            svg.open("g", [("class", "outage")])
            svg.element("title", [], text: "longest write outage \(FixedPoint.seconds(outage.length.microseconds)): "
                            + "\(window(run.offset(outage.from), run.offset(outage.until)))")
            svg.element("path", [("d", "M\(n(x0)),\(n(y + 60))V\(n(y))H\(n(x1))V\(n(y + 60))"), ("fill", "none"),
                                 ("stroke", "#b71c1c"), ("stroke-width", "1.5")])
            let label = "write outage \(FixedPoint.seconds(outage.length.microseconds))"
            if metrics.textWidth(label) + 40 <= x1 - x0 {
                svg.element("text", [("x", n((x0 + x1) / 2)), ("y", n(y + 150)), ("text-anchor", "middle"), ("font-weight", "bold"),
                                     ("fill", "#b71c1c"), ("stroke", "#ffffff"), ("stroke-width", "3"), ("paint-order", "stroke")],
                            text: label)
            } else {
                svg.element("text", [("x", n(x1 + 30)), ("y", n(y + 150)), ("font-weight", "bold"), ("fill", "#b71c1c"),
                                     ("stroke", "#ffffff"), ("stroke-width", "3"), ("paint-order", "stroke")], text: label)
            }
            svg.close()
        }
        svg.close()
    }
}
