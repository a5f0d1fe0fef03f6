import ClusterSim

extension TimelinePicture {
    /// One run's panel: its title and figures, marker labels, the time axis, the lanes and
    /// the marks over them. Built (laid out) first, then drawn.
    struct Panel {
        /// A marker (or several in one pixel column) with where its label went.
        struct PlacedMarker {
            var marker: PictureMarker
            /// How many markers of this kind fell in this pixel column.
            var count: Int
            /// The label's text.
            var text: String
            /// The label's row (0 next to the lanes), or nil when no row had room.
            var row: Int?
            /// The label's anchor x and whether the text ends there (near the right edge).
            var labelX: Int64
            var anchorEnd: Bool
        }

        let run: PictureRun
        let axis: TimeAxis
        let metrics: Metrics
        let top: Int64
        let markers: [PlacedMarker]
        let labelRows: Int

        init(run: PictureRun, axis: TimeAxis, metrics: Metrics, top: Int64) {
            self.run = run
            self.axis = axis
            self.metrics = metrics
            self.top = top
            var placed = Self.aggregate(PictureMarker.markers(of: run), axis: axis)
            var rows = LabelRows(limit: metrics.labelRowLimit)
            let order = placed.indices.sorted { (placed[$0].marker.priority, $0) < (placed[$1].marker.priority, $1) }
            for index in order {
                let lineX = axis.x(placed[index].marker.at)
                let width = metrics.textWidth(placed[index].text) + 20
                let anchorEnd = lineX + 30 + width > metrics.plotRight
                let start = anchorEnd ? lineX - 30 - width : lineX + 30
                placed[index].labelX = anchorEnd ? lineX - 30 : lineX + 30
                placed[index].anchorEnd = anchorEnd
                placed[index].row = rows.place(start...(start + width))
            }
            markers = placed
            labelRows = rows.rows.count
        }

        /// Merges markers of one kind that fall in one pixel column (`label ×3`).
        static func aggregate(_ markers: [PictureMarker], axis: TimeAxis) -> [PlacedMarker] {
            var result: [PlacedMarker] = []
            for marker in markers {
                if let last = result.last, last.marker.kind == marker.kind, last.marker.kind != .faultWindow,
                   axis.x(last.marker.at) / 10 == axis.x(marker.at) / 10 {
                    var merged = last
                    merged.count += 1
                    merged.marker.tooltip += "\n" + marker.tooltip
                    merged.marker.nodes += marker.nodes.filter { !merged.marker.nodes.contains($0) }
                    if let until = marker.until { merged.marker.until = max(merged.marker.until ?? until, until) }
                    merged.text = last.marker.label + " \u{00D7}\(merged.count)"
                    result[result.count - 1] = merged
                    continue
                }
                result.append(PlacedMarker(marker: marker, count: 1, text: marker.label, row: nil, labelX: 0, anchorEnd: false))
            }
            return result
        }

        // MARK: Geometry (tenths of a pixel)

        var titleBaseline: Int64 { top + 170 }
        var summaryBaseline: Int64 { top + 330 }
        var labelsTop: Int64 { top + 380 }
        var labelsBottom: Int64 { labelsTop + Int64(labelRows) * metrics.labelRow }
        /// The baseline of label row `row` (row 0 is the lowest).
        func labelBaseline(_ row: Int) -> Int64 { labelsBottom - Int64(row) * metrics.labelRow - 35 }
        var ticksBaseline: Int64 { labelsBottom + 120 }
        var lanesTop: Int64 { ticksBaseline + 60 }
        func nodeTop(_ index: Int) -> Int64 { lanesTop + Int64(index) * (metrics.nodeLane + metrics.laneGap) }
        var leaderTop: Int64 { nodeTop(run.nodes.count) }
        func etcdTop(_ index: Int) -> Int64 { leaderTop + metrics.leaderLane + metrics.laneGap + Int64(index) * (metrics.etcdLane + metrics.laneGap) }
        var writesTop: Int64 { etcdTop(run.etcdMembers.count) }
        var lanesBottom: Int64 { writesTop + metrics.writesLane }
        var bottom: Int64 { lanesBottom + 380 }

        // MARK: Drawing

        func draw(into svg: inout SVGWriter, index: Int) {
            svg.open("g", [("class", "panel"), ("data-run", String(index))])
            let n = FixedPoint.tenths
            svg.element("text", [("x", "10"), ("y", n(titleBaseline)), ("font-size", "14"), ("font-weight", "bold"), ("fill", StatePalette.text)],
                        text: run.title)
            svg.element("text", [("x", "10"), ("y", n(summaryBaseline)), ("font-size", "12"), ("fill", StatePalette.text)],
                        text: summaryLine)
            drawAxis(into: &svg)
            for node in run.nodes.indices { drawNodeLane(node, into: &svg) }
            drawLeaderLane(into: &svg)
            for member in run.etcdMembers.indices { drawEtcdLane(member, into: &svg) }
            drawWritesLane(into: &svg)
            for placed in markers where placed.marker.until != nil && placed.marker.kind != .violation {
                drawMarker(placed, into: &svg)
            }
            for placed in markers where placed.marker.until == nil && placed.marker.kind != .violation {
                drawMarker(placed, into: &svg)
            }
            for placed in markers where placed.marker.kind == .violation {
                drawMarker(placed, into: &svg)
            }
            svg.close()
        }

        /// `failover 28.0s · first write 33.6s · longest outage 33.6s · writes ... · verdict ok`.
        var summaryLine: String {
            let report = run.report
            let row = ComparisonRow(name: report.scenario, summary: run.summary)
            var parts: [String] = ["HA \(report.ha)",
                                   "ttl \(FixedPoint.compact(report.timers.ttl)) loop_wait \(FixedPoint.compact(report.timers.loopWait)) retry_timeout \(FixedPoint.compact(report.timers.retryTimeout))"]
            if let failover = row.failoverTime {
                parts.append("failover (fault \u{2192} read-write) \(FixedPoint.seconds(failover.microseconds))")
            } else {
                parts.append("no failover")
            }
            if let outage = row.longestOutage { parts.append("longest write outage \(FixedPoint.seconds(outage.microseconds))") }
            parts.append("writes \(FixedPoint.grouped(row.acked)) acked, \(FixedPoint.grouped(row.failed)) failed, \(FixedPoint.grouped(row.lost)) lost")
            parts.append("violations: " + row.violationsText)
            parts.append("verdict " + row.verdict.rawValue)
            return parts.joined(separator: "  \u{00B7}  ")
        }

        private func drawAxis(into svg: inout SVGWriter) {
            let n = FixedPoint.tenths
            svg.open("g", [("class", "axis"), ("fill", StatePalette.axisText), ("text-anchor", "middle")])
            for tick in axis.ticks() {
                let origin = tick.label == "0" && axis.relativeToFault
                svg.element("line", [("x1", n(tick.x)), ("y1", n(lanesTop - 30)), ("x2", n(tick.x)), ("y2", n(lanesBottom + 30)),
                                     ("stroke", origin ? "#757575" : StatePalette.grid), ("stroke-width", origin ? "1.5" : "1")])
                svg.element("text", [("x", n(tick.x)), ("y", n(ticksBaseline))], text: tick.label)
                svg.element("text", [("x", n(tick.x)), ("y", n(lanesBottom + 150))], text: tick.label)
            }
            svg.close()
        }

        private func drawMarker(_ placed: PlacedMarker, into svg: inout SVGWriter) {
            let n = FixedPoint.tenths
            let marker = placed.marker
            var attributes: [SVGWriter.Attribute] = [("class", marker.cssClass)]
            if marker.kind == .violation { attributes.append(("data-invariant", String(marker.label.dropFirst(2)))) }
            if placed.count > 1 { attributes.append(("data-count", String(placed.count))) }
            svg.open("g", attributes)
            svg.element("title", [], text: marker.tooltip)
            let x = axis.x(marker.at)
            if let until = marker.until {
                let x1 = max(axis.x(until), x + 10)
                switch marker.kind {
                case .violation:
                    for (top, height) in violationBands(marker.nodes) {
                        svg.element("rect", [("x", n(x)), ("y", n(top)), ("width", n(x1 - x)), ("height", n(height)),
                                             ("fill", "url(#\(TimelinePicture.Hatch.violation))"), ("stroke", marker.colour),
                                             ("stroke-width", "1.5"), ("stroke-dasharray", "5 2")])
                    }
                default:
                    let hatch = marker.kind == .freezeWindow ? TimelinePicture.Hatch.freeze : TimelinePicture.Hatch.fault
                    svg.element("rect", [("x", n(x)), ("y", n(lanesTop - 30)), ("width", n(x1 - x)), ("height", n(lanesBottom - lanesTop + 60)),
                                         ("fill", "url(#\(hatch))")])
                    svg.element("line", [("x1", n(x1)), ("y1", n(lanesTop - 30)), ("x2", n(x1)), ("y2", n(lanesBottom + 30)),
                                         ("stroke", marker.colour), ("stroke-width", "1"), ("stroke-dasharray", "3 3")])
                }
            }
            let lineTop = placed.row.map { labelBaseline($0) + 30 } ?? lanesTop - 30
            var line: [SVGWriter.Attribute] = [("x1", n(x)), ("y1", n(lineTop)), ("x2", n(x)), ("y2", n(lanesBottom + 30)),
                                               ("stroke", marker.colour), ("stroke-width", marker.kind == .violation ? "2.5" : "1.5")]
            if let dash = marker.dash { line.append(("stroke-dasharray", dash)) }
            svg.element("line", line)
            if let row = placed.row {
                var text: [SVGWriter.Attribute] = [("x", n(placed.labelX)), ("y", n(labelBaseline(row))), ("fill", marker.colour)]
                if placed.anchorEnd { text.append(("text-anchor", "end")) }
                if marker.kind == .violation { text.append(("font-weight", "bold")) }
                svg.element("text", text, text: placed.text)
            }
            svg.close()
        }

        /// The vertical bands a violation shades: the lanes of its nodes, or every node lane.
        private func violationBands(_ nodes: [String]) -> [(top: Int64, height: Int64)] {
            let indices = nodes.compactMap { run.nodes.firstIndex(of: $0) }
            if indices.isEmpty {
                return [(nodeTop(0), nodeTop(run.nodes.count) - metrics.laneGap - nodeTop(0))]
            }
            return indices.sorted().map { (nodeTop($0), metrics.nodeLane) }
        }
    }
}
