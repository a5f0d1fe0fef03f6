import ClusterSim

/// Renders a finished run as the human-readable report `simrun run` prints.
///
/// The sections come in a fixed order: header (scenario, HA policy, timers), the
/// timeline relative to the first fault, one phase table per failover, write accounting,
/// violations and the liveness check, the final `patronictl list` table and `etcdctl get --prefix` dump, expectations, and
/// the verdict, outcome and reproduce command. The output is a pure function of its
/// input: no clocks, no locale, no dictionary order. No line has trailing spaces and
/// the text ends with a newline.
public enum TextReport {
    /// Renders `summary` for the cluster named `scope` (the etcd namespace and the
    /// `patronictl list` title, which the report itself does not carry).
    ///
    /// Complexity: O(n) in the size of the report.
    public static func render(_ summary: RunSummary, scope: String) -> String {
        let report = summary.report
        let clock = ReportClock(origin: report.firstFaultAt)
        var sections: [[String]] = []
        sections.append(header(report))
        sections.append(timeline(report, clock: clock))
        sections.append(failovers(report, clock: clock))
        sections.append(writes(report.writes, clock: clock))
        sections.append(violations(report, clock: clock, reproduce: summary.reproduceCommand)
            + [liveness(report.liveness, clock: clock)])
        sections.append(memberTable(report.final, scope: scope))
        sections.append(etcdKeys(report.final, scope: scope))
        if !summary.expectations.isEmpty {
            sections.append(expectations(summary.expectations))
        }
        sections.append(verdict(summary))
        let lines = sections.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
        return lines.split(separator: "\n", omittingEmptySubsequences: false)
            .map { trimmingTrailingSpaces($0) }
            .joined(separator: "\n") + "\n"
    }

    // MARK: - Sections

    /// `Scenario: ...`, `HA: ...`, `Timers: ...` and Patroni's timer warnings.
    private static func header(_ report: Report) -> [String] {
        let timers = report.timers
        var lines = [
            "Scenario: \(report.scenario) (seed \(report.seed))",
            "HA: \(report.ha)",
            "Timers: ttl=\(compactSeconds(timers.ttl)) loop_wait=\(compactSeconds(timers.loopWait))"
                + " retry_timeout=\(compactSeconds(timers.retryTimeout))",
        ]
        lines += timers.warnings.map { "warning: \($0)" }
        return lines
    }

    /// One line per timeline entry: time, host padded to the longest host, message.
    /// Entries of kind `violation` (the moment an invariant broke) are marked `!!`.
    private static func timeline(_ report: Report, clock: ReportClock) -> [String] {
        guard !report.timeline.isEmpty else { return ["Timeline: none"] }
        let title: String
        if let origin = report.firstFaultAt {
            title = "Timeline (relative to the first fault at \(origin)):"
        } else {
            title = "Timeline (no faults, absolute times):"
        }
        let times = report.timeline.map { clock.point($0.at) }
        let hosts = report.timeline.map { $0.host ?? "-" }
        let timeWidth = times.map(\.count).max() ?? 0
        let hostWidth = hosts.map(\.count).max() ?? 0
        var lines = [title]
        for (index, entry) in report.timeline.enumerated() {
            let marker = entry.kind == .violation ? "!! " : ""
            lines.append("  " + pad(times[index], to: timeWidth) + "  " + pad(hosts[index], to: hostWidth) + "  " + marker + entry.message)
        }
        return lines
    }

    /// A phase table per failover, or `Failovers: none`.
    private static func failovers(_ report: Report, clock: ReportClock) -> [String] {
        guard !report.failovers.isEmpty else { return ["Failovers: none"] }
        let tables = report.failovers.map { phaseRows($0) }
        let allRows = tables.flatMap { $0 }
        let labelWidth = allRows.map(\.label.count).max() ?? 0
        let offsetWidth = allRows.map(\.offset.count).max() ?? 0
        let absoluteWidth = allRows.map(\.absolute.count).max() ?? 0
        var lines = ["Failovers:"]
        for (index, record) in report.failovers.enumerated() {
            lines.append("  #\(index + 1) \(record.fault)")
            for row in tables[index] {
                lines.append("    " + pad(row.label, to: labelWidth)
                    + "  " + padLeft(row.offset, to: offsetWidth)
                    + "  " + padLeft(row.absolute, to: absoluteWidth))
            }
            var outcome = "    \(record.oldLeader) -> \(record.newLeader ?? "(no new leader)")"
            if let timeline = record.timeline {
                outcome += ", timeline \(timeline)"
            }
            lines.append(outcome)
        }
        return lines
    }

    /// One row of a failover's phase table.
    private struct PhaseRow: Equatable {
        /// The phase's name.
        var label: String
        /// The offset from the fault (`+21.6s`) or `-`.
        var offset: String
        /// The absolute time (`t=81.6s`) or `-`.
        var absolute: String
    }

    /// The six phases of `record`, in the order they normally happen.
    private static func phaseRows(_ record: FailoverRecord) -> [PhaseRow] {
        let gone = record.leaderKeyGoneHow.map { "leader key gone (\($0))" } ?? "leader key gone"
        let phases: [(String, SimInstant?)] = [
            ("fault", record.faultAt),
            (gone, record.leaderKeyGoneAt),
            ("lock acquired", record.lockAcquiredAt),
            ("promoted (read-write)", record.promotedAt),
            ("first write acked", record.firstWriteAt),
            ("replicas following", record.replicasFollowingAt),
        ]
        return phases.map { label, instant in
            guard let instant else { return PhaseRow(label: label, offset: "-", absolute: "-") }
            return PhaseRow(label: label, offset: signedSeconds(instant - record.faultAt), absolute: instant.description)
        }
    }

    /// Write counts, the longest outage and failures by reason.
    private static func writes(_ writes: WriteSummary, clock: ReportClock) -> [String] {
        var lines = [
            "Writes: attempted \(writes.attempted), acked \(writes.acked), failed \(writes.failed),"
                + " pending \(writes.pending), lost \(writes.lost)",
        ]
        if let outage = writes.longestOutage {
            lines.append("  longest outage from \(clock.point(outage.from)) until \(clock.point(outage.until)) (\(outage.length))")
        } else {
            lines.append("  longest outage: none")
        }
        if !writes.failuresByReason.isEmpty {
            lines.append("  failures by reason:")
            let width = writes.failuresByReason.map { String($0.count).count }.max() ?? 0
            for failure in writes.failuresByReason {
                lines.append("    " + padLeft(String(failure.count), to: width) + "  " + failure.reason)
            }
        }
        return lines
    }

    /// `Violations: none`, or one line per violation with aligned columns:
    /// `  <invariant>  T+a..T+b (length)  nodes: x, y  — detail  reproduce: <command>`.
    ///
    /// A violation still open at the end of the run reads `T+a..end (length, unresolved)`,
    /// its length measured to the end of the run (never negative). Every line carries the reproduce command
    /// so that a line copied out of the report on its own still says how to replay it.
    private static func violations(_ report: Report, clock: ReportClock, reproduce: String) -> [String] {
        let violations = report.violations
        guard !violations.isEmpty else { return ["Violations: none"] }
        let names = violations.map(\.invariant.rawValue)
        let windows = violations.map { violation -> String in
            if let until = violation.until {
                return "\(clock.point(violation.at))..\(clock.point(until)) (\(until - violation.at))"
            }
            return "\(clock.point(violation.at))..end (\(max(.zero, report.endedAt - violation.at)), unresolved)"
        }
        let nodes = violations.map { "nodes: " + ($0.nodes.isEmpty ? "-" : $0.nodes.joined(separator: ", ")) }
        let nameWidth = names.map(\.count).max() ?? 0
        let windowWidth = windows.map(\.count).max() ?? 0
        let nodesWidth = nodes.map(\.count).max() ?? 0
        var lines = ["Violations:"]
        for (index, violation) in violations.enumerated() {
            lines.append("  " + pad(names[index], to: nameWidth)
                + "  " + pad(windows[index], to: windowWidth)
                + "  " + pad(nodes[index], to: nodesWidth)
                + "  \u{2014} " + violation.detail
                + "  reproduce: " + reproduce)
        }
        return lines
    }

    /// The liveness check in one line: converged in time, not converged by the deadline,
    /// or undecided because the run ended before the deadline.
    private static func liveness(_ liveness: LivenessResult, clock: ReportClock) -> String {
        let bound = clock.point(liveness.deadline)
        if liveness.held, let converged = liveness.convergedAt {
            return "Liveness: converged at \(clock.point(converged)) (bound \(bound))"
        }
        guard liveness.decided else {
            return "Liveness: undecided: the run ended before \(bound)"
        }
        if let late = liveness.convergedAt {
            return "Liveness: NOT converged by \(bound) (converged late, at \(clock.point(late)))"
        }
        return "Liveness: NOT converged by \(bound)"
    }

    /// The members of `snapshot` as `patronictl list` prints them in its pretty format,
    /// one line per table row, ending with a newline.
    ///
    /// Usable for a snapshot at any instant, not only the final one. Members whose key is
    /// gone from etcd still get a row, which patronictl would not show.
    public static func patronictlList(_ snapshot: ClusterSnapshot, scope: String) -> String {
        memberTableLines(snapshot, scope: scope).joined(separator: "\n") + "\n"
    }

    /// The final members under a `Final state at ...:` heading.
    private static func memberTable(_ snapshot: ClusterSnapshot, scope: String) -> [String] {
        ["Final state at \(snapshot.at):"] + memberTableLines(snapshot, scope: scope)
    }

    /// The `patronictl list` table's lines.
    private static func memberTableLines(_ snapshot: ClusterSnapshot, scope: String) -> [String] {
        let title = " Cluster: \(scope) (\(snapshot.systemIdentifier ?? "uninitialized")) "
        let rows = snapshot.members.map { member -> [String] in
            [
                member.name,
                member.host,
                member.role.rawValue,
                member.state,
                member.timeline.map(String.init) ?? "",
                lagCell(member),
            ]
        }
        let table = PrettyTable(
            title: title,
            headers: ["Member", "Host", "Role", "State", "TL", "Lag in MB"],
            rightAligned: [false, false, false, false, true, true],
            rows: rows
        )
        return table.lines()
    }

    /// The `Lag in MB` cell: whole MiB rounded half up, 0 when ahead, empty for a leader
    /// or an unknown lag (as `ctl.py::output_members` leaves the leader's cell empty).
    static func lagCell(_ member: MemberRow) -> String {
        guard let bytes = member.lagBytes, member.role != .leader else { return "" }
        let mebibyte: Int64 = 1_048_576
        let clamped = max(0, bytes)
        return String(clamped / mebibyte + (clamped % mebibyte >= mebibyte / 2 ? 1 : 0))
    }

    /// The keys as `etcdctl get --prefix` prints them: key, then value, each on its own line.
    private static func etcdKeys(_ snapshot: ClusterSnapshot, scope: String) -> [String] {
        let command = "etcdctl get --prefix /service/\(scope)/"
        guard !snapshot.keys.isEmpty else { return ["etcd keys (\(command)): none"] }
        var lines = ["etcd keys (\(command)):"]
        for key in snapshot.keys {
            lines.append(key.key)
            lines.append(key.value)
        }
        return lines
    }

    /// One line per expectation: `ok` or `FAIL`, the check, expected and actual values.
    private static func expectations(_ results: [ExpectationResult]) -> [String] {
        ["Expectations:"] + results.map { result in
            (result.held ? "  ok   " : "  FAIL ") + "\(result.check): expected \(result.expected), got \(result.actual)"
        }
    }

    /// The verdict, the outcome and the reproduce command (always the last line).
    private static func verdict(_ summary: RunSummary) -> [String] {
        let reasons = summary.failureReasons
        let verdict = reasons.isEmpty ? "Verdict: OK" : "Verdict: FAILED (" + reasons.joined(separator: "; ") + ")"
        let report = summary.report
        let events = "after \(report.eventsHandled) \(report.eventsHandled == 1 ? "event" : "events")"
        let outcome: String
        switch report.outcome {
        case .completed:
            outcome = "completed at \(report.endedAt) \(events)"
        case .eventLimitReached:
            outcome = "event limit reached at \(report.endedAt) \(events)"
        case .quiescent:
            outcome = "quiescent (nothing left to happen) at \(report.endedAt) \(events)"
        }
        return [verdict, "Outcome: " + outcome, "Reproduce: " + summary.reproduceCommand]
    }

    // MARK: - Formatting helpers

    /// `d` in seconds with at most three decimals and no trailing zeros: `30s`, `2.5s`.
    fileprivate static func compactSeconds(_ d: SimDuration) -> String {
        var text = TimeFormat.seconds(d.microseconds, decimals: 3)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "s"
    }

    /// `d` with an explicit sign and one decimal: `+21.6s`, `-5.0s`, `+0.0s`.
    fileprivate static func signedSeconds(_ d: SimDuration) -> String {
        let text = TimeFormat.seconds(d.microseconds, decimals: 1)
        return (text.hasPrefix("-") ? text : "+" + text) + "s"
    }

    /// `text` followed by spaces up to `width` characters.
    fileprivate static func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// `text` preceded by spaces up to `width` characters.
    fileprivate static func padLeft(_ text: String, to width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// `line` without trailing spaces.
    fileprivate static func trimmingTrailingSpaces(_ line: Substring) -> Substring {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }
}

/// How the text report writes instants: `T+21.6s` relative to the first fault, or
/// `t=12.3s` since the start of the run when there was no fault.
private struct ReportClock: Sendable, Equatable {
    /// The first fault, or nil for absolute times.
    var origin: SimInstant?

    /// `instant` relative to the origin with one decimal (`T-5.0s`), or absolute (`t=12.3s`).
    func point(_ instant: SimInstant) -> String {
        guard let origin else { return instant.description }
        return "T" + TextReport.signedSeconds(instant - origin)
    }
}

/// A table in the style of Python's `prettytable` as `patronictl list` configures it:
/// a frame, a header rule, left-aligned text, right-aligned numbers, and the title
/// written over the top border (`PatronictlPrettyTable.__build_header`).
private struct PrettyTable: Sendable, Equatable {
    /// The title with its surrounding spaces, written after the top-left corner.
    var title: String
    /// The column headers.
    var headers: [String]
    /// Per column, whether cells are right-aligned.
    var rightAligned: [Bool]
    /// The cells, one array per row, as many as `headers`.
    var rows: [[String]]

    /// The table's lines: top border with title, header, rule, rows, bottom border.
    ///
    /// patronictl truncates a title longer than the table; this table widens its last
    /// column instead so the system identifier is never cut.
    func lines() -> [String] {
        precondition(rows.allSatisfy { $0.count == headers.count }, "Every row of a table must have one cell per header.")
        precondition(rightAligned.count == headers.count, "Every column of a table must have an alignment.")
        var widths = headers.indices.map { column in
            rows.reduce(headers[column].count) { max($0, $1[column].count) }
        }
        let ruleLength = widths.reduce(1) { $0 + $1 + 3 }
        if let last = widths.indices.last, title.count + 2 > ruleLength {
            widths[last] += title.count + 2 - ruleLength
        }
        let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) + "+" }.joined()
        let top = "+" + title + String(rule.dropFirst(1 + title.count))
        func line(_ cells: [String]) -> String {
            "|" + cells.indices.map { column in
                let cell = rightAligned[column]
                    ? TextReport.padLeft(cells[column], to: widths[column])
                    : TextReport.pad(cells[column], to: widths[column])
                return " " + cell + " |"
            }.joined()
        }
        return [top, line(headers), rule] + rows.map(line) + [rule]
    }
}
