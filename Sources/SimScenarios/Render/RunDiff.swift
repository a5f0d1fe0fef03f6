import ClusterSim

/// Two runs side by side (`simrun diff`): failover phases as offsets from their fault,
/// the longest outage, write counts, violations and verdicts, with the rows that differ
/// marked and the change from A to B where it is a number: the "before / after tuning" view.
public enum RunDiff {
    /// One side: its label (`A: lab4-failover-crash (seed 1) patroni.ttl=20`) and its run.
    public struct Side: Sendable, Equatable {
        public var label: String
        public var summary: RunSummary

        public init(label: String, summary: RunSummary) {
            self.label = label
            self.summary = summary
        }
    }

    /// One row: what is compared, each side's value, the change, whether they differ.
    public struct Row: Sendable, Equatable {
        /// The row's name, e.g. `promoted (read-write)`.
        public var name: String
        /// The values as text (`-` when missing).
        public var a: String
        public var b: String
        /// B − A where both are numbers (`−9.8s`, `+120`), else nil.
        public var change: String?
        /// Whether the two values differ.
        public var differs: Bool
    }

    /// The output format.
    public enum Format: Sendable {
        case text, json
    }

    /// The rows comparing `a` and `b`.
    ///
    /// Phases are numbered (`#2 promoted`) when either run had more than one failover.
    public static func rows(_ a: Side, _ b: Side) -> [Row] {
        let ra = a.summary.report
        let rb = b.summary.report
        let ca = ComparisonRow(name: ra.scenario, summary: a.summary)
        let cb = ComparisonRow(name: rb.scenario, summary: b.summary)
        var rows: [Row] = []
        func text(_ name: String, _ va: String, _ vb: String) {
            rows.append(Row(name: name, a: va, b: vb, change: nil, differs: va != vb))
        }
        func count(_ name: String, _ va: Int, _ vb: Int) {
            let change = va == vb ? nil : (vb > va ? "+" : "\u{2212}") + FixedPoint.grouped(abs(vb - va))
            rows.append(Row(name: name, a: FixedPoint.grouped(va), b: FixedPoint.grouped(vb), change: change, differs: va != vb))
        }
        func duration(_ name: String, _ va: SimDuration?, _ vb: SimDuration?, signed: Bool, note: (String?, String?) = (nil, nil)) {
            func show(_ d: SimDuration?, _ note: String?) -> String {
                guard let d else { return "-" }
                let time = signed ? FixedPoint.signedSeconds(d.microseconds) : FixedPoint.seconds(d.microseconds)
                return time + (note.map { " (\($0))" } ?? "")
            }
            var change: String?
            if let va, let vb, va != vb { change = FixedPoint.signedSeconds((vb - va).microseconds) }
            let sa = show(va, note.0)
            let sb = show(vb, note.1)
            rows.append(Row(name: name, a: sa, b: sb, change: change, differs: sa != sb))
        }
        text("scenario", ra.scenario, rb.scenario)
        text("seed", String(ra.seed), String(rb.seed))
        text("HA", ra.ha, rb.ha)
        text("timers", timers(ra.timers), timers(rb.timers))
        count("failovers", ra.failovers.count, rb.failovers.count)
        let numbered = max(ra.failovers.count, rb.failovers.count) > 1
        for index in 0..<max(ra.failovers.count, rb.failovers.count) {
            let fa = ra.failovers.indices.contains(index) ? ra.failovers[index] : nil
            let fb = rb.failovers.indices.contains(index) ? rb.failovers[index] : nil
            let prefix = numbered ? "#\(index + 1) " : ""
            text(prefix + "fault", fa.map { "\($0.fault) at \($0.faultAt)" } ?? "-", fb.map { "\($0.fault) at \($0.faultAt)" } ?? "-")
            func phase(_ name: String, _ instant: (FailoverRecord) -> SimInstant?, _ note: (FailoverRecord) -> String? = { _ in nil }) {
                let da = fa.flatMap { record in instant(record).map { $0 - record.faultAt } }
                let db = fb.flatMap { record in instant(record).map { $0 - record.faultAt } }
                duration(prefix + name, da, db, signed: true, note: (fa.flatMap(note), fb.flatMap(note)))
            }
            phase("leader key gone", \.leaderKeyGoneAt, \.leaderKeyGoneHow)
            phase("lock acquired", \.lockAcquiredAt, \.newLeader)
            phase("promoted (read-write)", \.promotedAt, { $0.timeline.map { "timeline \($0)" } })
            phase("first write acked", \.firstWriteAt)
            phase("replicas following", \.replicasFollowingAt)
        }
        duration("longest write outage", ca.longestOutage, cb.longestOutage, signed: false)
        count("writes acked", ca.acked, cb.acked)
        count("writes failed", ca.failed, cb.failed)
        count("writes lost", ca.lost, cb.lost)
        text("violations", ca.violationsText, cb.violationsText)
        text("liveness", liveness(ra), liveness(rb))
        text("verdict", ca.verdict.rawValue, cb.verdict.rawValue)
        return rows
    }

    /// The comparison as text (a table, `*` before each differing row) or JSON.
    public static func render(_ a: Side, _ b: Side, format: Format) -> String {
        let rows = rows(a, b)
        switch format {
        case .text: return text(a, b, rows)
        case .json: return json(a, b, rows)
        }
    }

    private static func text(_ a: Side, _ b: Side, _ rows: [Row]) -> String {
        let header = Row(name: "", a: "A", b: "B", change: "change (B \u{2212} A)", differs: false)
        let all = [header] + rows
        let nameWidth = all.map(\.name.count).max() ?? 0
        let aWidth = all.map(\.a.count).max() ?? 0
        let bWidth = all.map(\.b.count).max() ?? 0
        var lines = [a.label, b.label, ""]
        for row in all {
            var line = (row.differs ? "* " : "  ") + pad(row.name, nameWidth) + "  " + pad(row.a, aWidth) + "  " + pad(row.b, bWidth)
            if let change = row.change { line += "  " + change }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        let differing = rows.filter(\.differs).count
        lines.append("")
        lines.append(differing == 0 ? "No differences." : "* \(differing) of \(rows.count) rows differ. Phases are offsets from their fault.")
        lines.append("A: " + a.summary.reproduceCommand)
        lines.append("B: " + b.summary.reproduceCommand)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func json(_ a: Side, _ b: Side, _ rows: [Row]) -> String {
        func side(_ side: Side) -> JSONValue {
            .object(JSONObject([("label", .string(side.label)), ("reproduce", .string(side.summary.reproduceCommand))]))
        }
        let rowValues = rows.map { row in
            JSONValue.object(JSONObject([
                ("row", .string(row.name)), ("a", .string(row.a)), ("b", .string(row.b)),
                ("change", row.change.map(JSONValue.string) ?? .null), ("differs", .bool(row.differs)),
            ]))
        }
        return JSONWriter.write(.object(JSONObject([("a", side(a)), ("b", side(b)), ("rows", .array(rowValues))])), pretty: true) + "\n"
    }

    private static func timers(_ timers: EffectiveTimers) -> String {
        "ttl \(FixedPoint.compact(timers.ttl)), loop_wait \(FixedPoint.compact(timers.loopWait)), retry_timeout \(FixedPoint.compact(timers.retryTimeout))"
    }

    private static func liveness(_ report: Report) -> String {
        let liveness = report.liveness
        let origin = report.firstFaultAt ?? .zero
        if liveness.held, let at = liveness.convergedAt { return "converged " + FixedPoint.signedSeconds((at - origin).microseconds) }
        if !liveness.decided { return "undecided" }
        return "not converged"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
