import ClusterSim

/// Draws runs as one self-contained SVG timeline: time on the x axis (seconds relative to
/// the first fault), a lane per node showing its state, a lane for the leader key with the
/// lease's TTL running down between keep-alives, the etcd member(s), a strip of client
/// write outcomes, shaded fault windows, failover phase markers and red markers for every
/// invariant violation, under one legend.
///
/// Several runs (a `simrun diff`) are drawn one above the other on one time axis, each
/// aligned on its own first fault. The output is a pure function of the runs: integer
/// coordinates in tenths of a pixel written by ``FixedPoint``, no clock, no locale. Text is
/// SVG `<text>`; hovering a mark shows its details (`<title>`). Marks denser than pixels are
/// aggregated, so a run of days stays readable and small.
///
/// Elements tests and scripts can rely on: `g.node-lane` (one per node, `data-node`),
/// `g.leader-lane`, `g.etcd-lane`, `g.writes-lane`, `g.violation-marker` (one per violation,
/// `data-invariant`), `g.phase-marker`, `g.fault-marker`, `g.panel` (one per run).
public enum TimelinePicture {
    /// The picture of `runs` (one panel each), `width` pixels wide.
    ///
    /// Complexity: O(e + w) per run in its recorded history and the width.
    public static func render(_ runs: [PictureRun], width: Int = 1400) -> String {
        precondition(!runs.isEmpty, "A timeline picture needs at least one run.")
        let metrics = Metrics(width: Int64(max(600, width)) * 10)
        let axis = sharedAxis(runs, metrics: metrics)
        var svg = SVGWriter()
        let legendItems = legend(runs)
        let legendHeight = metrics.legendHeight(legendItems)
        var y = metrics.headerHeight + legendHeight
        var panels: [Panel] = []
        for run in runs {
            let panel = Panel(run: run, axis: axis, metrics: metrics, top: y)
            panels.append(panel)
            y = panel.bottom
        }
        let height = y + 40
        svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        svg.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"),
            ("width", FixedPoint.tenths(metrics.width)), ("height", FixedPoint.tenths(height)),
            ("viewBox", "0 0 " + FixedPoint.tenths(metrics.width) + " " + FixedPoint.tenths(height)),
            ("font-family", "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"), ("font-size", "11"),
            ("role", "img"),
        ])
        svg.element("title", [], text: documentTitle(runs))
        svg.element("rect", [("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
        patterns(into: &svg)
        header(runs, metrics: metrics, into: &svg)
        drawLegend(legendItems, metrics: metrics, top: metrics.headerHeight, into: &svg)
        for (index, panel) in panels.enumerated() {
            panel.draw(into: &svg, index: index)
        }
        svg.close()
        return svg.document
    }

    // MARK: - Layout

    /// Sizes in tenths of a pixel.
    struct Metrics {
        /// The document's width.
        let width: Int64
        /// Where the plot starts (the lane names are to its left).
        let plotLeft: Int64 = 1500
        /// The space right of the plot.
        let rightMargin: Int64 = 300
        /// The title and subtitle.
        let headerHeight: Int64 = 560
        /// One row of the legend.
        let legendRow: Int64 = 200
        /// One row of marker labels.
        let labelRow: Int64 = 150
        /// At most this many rows of marker labels per panel.
        let labelRowLimit = 6
        /// A node lane and the gap under it.
        let nodeLane: Int64 = 240
        let laneGap: Int64 = 50
        /// The leader key lane.
        let leaderLane: Int64 = 320
        /// An etcd member's lane.
        let etcdLane: Int64 = 160
        /// The client writes strip.
        let writesLane: Int64 = 440

        /// The plot's width.
        var plotWidth: Int64 { width - plotLeft - rightMargin }
        /// The plot's right edge.
        var plotRight: Int64 { width - rightMargin }

        /// The estimated width of `text` at `size` pixels (DejaVu Sans averages 0.6 em per character).
        func textWidth(_ text: String, size: Int64 = 11) -> Int64 {
            Int64(text.count) * size * 6
        }

        /// The legend's height for `items` flowing across the width.
        func legendHeight(_ items: [LegendItem]) -> Int64 {
            legendLayout(items).last.map { $0.y + legendRow } ?? 0
        }

        /// Each legend item's position (relative to the legend's top).
        func legendLayout(_ items: [LegendItem]) -> [(x: Int64, y: Int64)] {
            var positions: [(x: Int64, y: Int64)] = []
            var x: Int64 = 100
            var y: Int64 = 0
            for item in items {
                let itemWidth = 220 + textWidth(item.label) + 160
                if x + itemWidth > width - 100 && x > 100 {
                    x = 100
                    y += legendRow
                }
                positions.append((x, y))
                x += itemWidth
            }
            return positions
        }
    }

    /// One time axis for every panel: each run's times are measured from its own first
    /// fault (or start), and the axis covers the earliest start and the latest end.
    static func sharedAxis(_ runs: [PictureRun], metrics: Metrics) -> TimeAxis {
        let start = runs.map { -$0.origin.microseconds }.min() ?? 0
        let end = runs.map(\.endOffset).max() ?? 1
        return TimeAxis(start: start, end: end, left: metrics.plotLeft, width: metrics.plotWidth,
                        relativeToFault: runs.contains { $0.report.firstFaultAt != nil })
    }

    /// The hatchings of fault windows and violations: stripes let the state colours under
    /// them show through.
    private static func patterns(into svg: inout SVGWriter) {
        svg.open("defs")
        for (id, colour, angle) in [(Hatch.fault, StatePalette.fault, "45"), (Hatch.freeze, StatePalette.freeze, "45"),
                                    (Hatch.violation, StatePalette.violation, "-45")] {
            svg.open("pattern", [("id", id), ("width", "7"), ("height", "7"), ("patternUnits", "userSpaceOnUse"),
                                 ("patternTransform", "rotate(\(angle))")])
            svg.element("rect", [("width", "2.5"), ("height", "7"), ("fill", colour), ("fill-opacity", id == Hatch.violation ? "0.55" : "0.45")])
            svg.close()
        }
        svg.close()
    }

    /// The IDs of the hatch patterns.
    enum Hatch {
        static let fault = "hatch-fault"
        static let freeze = "hatch-freeze"
        static let violation = "hatch-violation"
    }

    // MARK: - Header

    private static func documentTitle(_ runs: [PictureRun]) -> String {
        if runs.count == 1 { return "ClusterSim timeline: " + runs[0].title }
        return "ClusterSim diff: " + runs.map(\.title).joined(separator: " vs ")
    }

    private static func header(_ runs: [PictureRun], metrics: Metrics, into svg: inout SVGWriter) {
        svg.element("text", [("x", "10"), ("y", "24"), ("font-size", "17"), ("font-weight", "bold"), ("fill", StatePalette.text)],
                    text: documentTitle(runs))
        let origin: String
        if runs.count == 1, let fault = runs[0].report.firstFaultAt {
            let entry = runs[0].report.timeline.first { $0.kind == .fault && $0.at == fault }
            var label = entry?.message ?? runs[0].report.history?.faults.first?.label ?? "fault"
            if label.hasPrefix("fault: ") { label.removeFirst("fault: ".count) }
            origin = "Time in seconds relative to the first fault (\(label) at \(fault)). Hover a mark for details."
        } else if runs.contains(where: { $0.report.firstFaultAt != nil }) {
            origin = "Time in seconds relative to each run\u{2019}s first fault, on one axis. Hover a mark for details."
        } else {
            origin = "Time in seconds since the start of the run. Hover a mark for details."
        }
        svg.element("text", [("x", "10"), ("y", "44"), ("font-size", "12"), ("fill", StatePalette.axisText)], text: origin)
    }

    // MARK: - Legend

    /// One entry of the legend.
    struct LegendItem: Equatable {
        /// How the swatch looks.
        enum Mark: Equatable {
            case box(fill: String, stroke: String?)
            case sawtooth
            case line(colour: String, dash: String?, width: Int64)
            case band(colour: String, hatch: String)
        }

        var mark: Mark
        var label: String
    }

    /// The states shown (the eight main ones and any other the runs reached), then the
    /// other marks.
    static func legend(_ runs: [PictureRun]) -> [LegendItem] {
        var reached: Set<String> = []
        for run in runs {
            for lane in run.report.history?.nodeStates ?? [] {
                for change in lane { reached.insert(change.state) }
            }
        }
        var items = StatePalette.states
            .filter { StatePalette.alwaysShown.contains($0.state) || reached.contains($0.state) }
            .map { LegendItem(mark: .box(fill: $0.swatch.fill, stroke: nil), label: $0.state) }
        items += [
            LegendItem(mark: .box(fill: StatePalette.leaderHeld, stroke: "#bdbdbd"), label: "leader key held"),
            LegendItem(mark: .sawtooth, label: "lease TTL left"),
            LegendItem(mark: .box(fill: StatePalette.acked, stroke: nil), label: "writes acked"),
            LegendItem(mark: .box(fill: StatePalette.failed, stroke: nil), label: "writes failed"),
            LegendItem(mark: .band(colour: StatePalette.fault, hatch: Hatch.fault), label: "fault window"),
            LegendItem(mark: .line(colour: StatePalette.fault, dash: nil, width: 20), label: "fault"),
            LegendItem(mark: .line(colour: StatePalette.keyGone, dash: "6 3", width: 15), label: "key gone"),
            LegendItem(mark: .line(colour: StatePalette.lockAcquired, dash: "2 2", width: 15), label: "lock acquired"),
            LegendItem(mark: .line(colour: StatePalette.promoted, dash: "8 2 2 2", width: 15), label: "promoted"),
            LegendItem(mark: .line(colour: StatePalette.firstWrite, dash: "1 3", width: 15), label: "first write"),
            LegendItem(mark: .line(colour: StatePalette.violation, dash: nil, width: 25), label: "invariant violation"),
            LegendItem(mark: .band(colour: StatePalette.violation, hatch: Hatch.violation), label: "violation window"),
        ]
        let frozen = runs.contains { run in (run.report.history?.faults ?? []).contains { $0.label.hasPrefix("freeze") } }
        if frozen {
            let index = items.firstIndex { $0.label == "fault window" } ?? items.count
            items.insert(LegendItem(mark: .band(colour: StatePalette.freeze, hatch: Hatch.freeze), label: "freeze window"), at: index + 1)
        }
        return items
    }

    private static func drawLegend(_ items: [LegendItem], metrics: Metrics, top: Int64, into svg: inout SVGWriter) {
        let positions = metrics.legendLayout(items)
        svg.open("g", [("class", "legend")])
        for (item, position) in zip(items, positions) {
            let x = position.x
            let y = top + position.y
            let n = FixedPoint.tenths
            switch item.mark {
            case let .box(fill, stroke):
                var attributes = [("x", n(x)), ("y", n(y + 20)), ("width", "18"), ("height", "12"), ("fill", fill)]
                if let stroke { attributes.append(("stroke", stroke)) }
                svg.element("rect", attributes)
            case .sawtooth:
                svg.element("polygon", [
                    ("points", "\(n(x)),\(n(y + 140)) \(n(x)),\(n(y + 20)) \(n(x + 90)),\(n(y + 90)) \(n(x + 90)),\(n(y + 20)) \(n(x + 180)),\(n(y + 90)) \(n(x + 180)),\(n(y + 140))"),
                    ("fill", StatePalette.leaseTTL), ("fill-opacity", "0.6"),
                ])
            case let .line(colour, dash, width):
                var attributes = [("x1", n(x + 90)), ("y1", n(y + 10)), ("x2", n(x + 90)), ("y2", n(y + 150)),
                                  ("stroke", colour), ("stroke-width", n(width))]
                if let dash { attributes.append(("stroke-dasharray", dash)) }
                svg.element("line", attributes)
            case let .band(colour, hatch):
                svg.element("rect", [("x", n(x)), ("y", n(y + 20)), ("width", "18"), ("height", "12"),
                                     ("fill", "url(#\(hatch))"), ("stroke", colour)])
            }
            svg.element("text", [("x", n(x + 220)), ("y", n(y + 130)), ("fill", StatePalette.text)], text: item.label)
        }
        svg.close()
    }
}
