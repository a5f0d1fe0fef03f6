import ClusterSim

/// Renders a ``SweepSummary``: one row per grid point, the table `simrun sweep` and
/// `simrun merge` print.
///
/// Each row holds the point's values, its runs, the failover time (fault → promoted) p50,
/// p90, p99 and max over the runs that failed over and the number that did not, the
/// closed-form envelope of PATRONI.md §7.2 and how many failovers fell outside it, the
/// longest client write outage p50 and max, lost writes, violations per invariant, and a
/// note (Patroni's timer adjustments, an invalid point's error, why there is no envelope).
///
/// - `text`: two legend lines, then aligned columns; times in seconds with one decimal,
///   `-` when missing, `!n` for n failovers outside the envelope; no trailing spaces.
/// - `csv`: a header, then one record per point (RFC 4180); times in whole milliseconds,
///   empty when missing.
/// - `json`: one object with the sweep's parameters and a `points` array, times in
///   milliseconds, keys sorted by ``JSONWriter``.
///
/// Every format ends with a newline, is a pure function of the summary, and holds no
/// wall-clock time.
public enum SweepTable {
    /// The schema identifier of the JSON format.
    public static let schema = "clustersim.sweep/1"

    /// Renders `summary` in `format`.
    ///
    /// Complexity: O(*p*) in the number of points and the length of their cells.
    public static func render(_ summary: SweepSummary, format: ComparisonTable.Format) -> String {
        switch format {
        case .text: return text(summary)
        case .csv: return csv(summary)
        case .json: return JSONWriter.write(json(summary), pretty: true) + "\n"
        }
    }

    // MARK: - Text

    /// The legend and the aligned table.
    private static func text(_ summary: SweepSummary) -> String {
        let plan = summary.plan
        let axes = plan.grid.axes
        let invalid = plan.points.count { !$0.isValid }
        var title = "\(plan.scenario) (\(plan.source))"
        if !plan.sets.isEmpty { title += " with " + plan.sets.joined(separator: " ") }
        title += ": \(plan.points.count) grid point\(plan.points.count == 1 ? "" : "s")"
        if invalid > 0 { title += " (\(invalid) invalid)" }
        title += " \u{00D7} \(plan.seeds.count) seed\(plan.seeds.count == 1 ? "" : "s") (\(plan.seeds.description)) = \(summary.runs) run\(summary.runs == 1 ? "" : "s")"
        let legend = "failover = fault \u{2192} promoted; none = runs without one; \u{00A7}7.2 = PATRONI.md's closed form "
            + "(A kill, B isolated, C cut from etcd, D stop); outside = failovers beyond its min/max \u{00B1} "
            + "\(FailoverEnvelope.tolerance.milliseconds)ms"
        let headers = axes.map(\.key) + [
            "runs", "failover p50", "p90", "p99", "max", "none", "\u{00A7}7.2", "min", "mean", "max",
            "outside", "outage p50", "max", "lost", "violations", "note",
        ]
        let rightAligned = axes.map { axis in axis.values.allSatisfy(isNumeric) } + [true, true, true, true, true, true, false, true, true, true,
                                                      true, true, true, true, false, false]
        let rows = summary.points.map { point -> [String] in
            let values = plan.grid.coordinates(of: point.point.index).enumerated().map { axes[$0.offset].values[$0.element] }
            guard point.point.isValid else {
                return values + ["0"] + Array(repeating: "-", count: 12) + ["-", "-", "invalid: " + (point.point.error ?? "")]
            }
            let envelope = point.point.envelope
            return values + [
                String(point.runs),
                seconds(point.failover?.p50), seconds(point.failover?.p90), seconds(point.failover?.p99), seconds(point.failover?.max),
                String(point.noFailover),
                envelope?.formula.rawValue ?? "-",
                seconds(envelope.map(\.min.milliseconds)), seconds(envelope.map(\.mean.milliseconds)), seconds(envelope.map(\.max.milliseconds)),
                point.outsideEnvelope.map { $0 == 0 ? "0" : "!\($0)" } ?? "-",
                seconds(point.outage?.p50), seconds(point.outage?.max),
                String(point.lostWrites), point.violationsText, point.point.note,
            ]
        }
        return title + "\n" + legend + "\n\n" + aligned([headers] + rows, rightAligned: rightAligned)
    }

    /// Whether `value` reads as a number or a duration (`20`, `-5s`, `1.5s`), which is right-aligned.
    private static func isNumeric(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first else { return false }
        return ("0"..."9").contains(first) || first == "-" || first == "+"
    }

    /// `rows` with every column padded to its widest cell, joined by two spaces, without
    /// trailing spaces, each line ending with a newline.
    private static func aligned(_ rows: [[String]], rightAligned: [Bool]) -> String {
        let widths = rightAligned.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row -> String in
            var line = row.indices.map { column -> String in
                let padding = String(repeating: " ", count: widths[column] - row[column].count)
                return rightAligned[column] ? padding + row[column] : row[column] + padding
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line + "\n"
        }.joined()
    }

    /// Milliseconds as seconds with one decimal (`25.6s`), or `-`.
    private static func seconds(_ milliseconds: Int64?) -> String {
        milliseconds.map { TimeFormat.seconds($0 * 1_000, decimals: 1) + "s" } ?? "-"
    }

    // MARK: - CSV

    /// The CSV field names after the axis keys.
    public static let csvFields = [
        "runs", "failovers", "no_failover", "failover_p50_ms", "failover_p90_ms", "failover_p99_ms", "failover_max_ms",
        "envelope_case", "envelope_min_ms", "envelope_mean_ms", "envelope_max_ms", "outside_envelope",
        "outage_p50_ms", "outage_max_ms", "lost_writes", "runs_with_lost_writes", "violations", "runs_with_violations",
        "runs_ok", "runs_failed", "runs_liveness_failed", "ttl_s", "loop_wait_s", "retry_timeout_s", "note", "error",
    ]

    /// The header and one record per point.
    private static func csv(_ summary: SweepSummary) -> String {
        let plan = summary.plan
        let header = plan.grid.axes.map(\.key) + csvFields
        let records = summary.points.map { point -> [String] in
            let values = plan.grid.coordinates(of: point.point.index).enumerated().map { plan.grid.axes[$0.offset].values[$0.element] }
            let envelope = point.point.envelope
            let timers = point.point.timers
            let valid = point.point.isValid
            return values + [
                String(point.runs), String(point.runs - point.noFailover), String(point.noFailover),
                ms(point.failover?.p50), ms(point.failover?.p90), ms(point.failover?.p99), ms(point.failover?.max),
                envelope?.formula.rawValue ?? "",
                ms(envelope.map(\.min.milliseconds)), ms(envelope.map(\.mean.milliseconds)), ms(envelope.map(\.max.milliseconds)),
                point.outsideEnvelope.map(String.init) ?? "",
                ms(point.outage?.p50), ms(point.outage?.max),
                valid ? String(point.lostWrites) : "", valid ? String(point.runsWithLostWrites) : "",
                valid ? point.violationsText : "", valid ? String(point.runsWithViolations) : "",
                valid ? String(point.passed) : "", valid ? String(point.failed) : "", valid ? String(point.livenessFailed) : "",
                wholeSeconds(timers?.ttl), wholeSeconds(timers?.loopWait), wholeSeconds(timers?.retryTimeout),
                point.point.note, point.point.error ?? "",
            ]
        }
        return ([header] + records).map { $0.map(ComparisonTable.csvField).joined(separator: ",") + "\n" }.joined()
    }

    /// Milliseconds as text, or empty.
    private static func ms(_ milliseconds: Int64?) -> String {
        milliseconds.map { String($0) } ?? ""
    }

    /// A timer in seconds as the JSON report writes it (`30`, `2.5`), or empty.
    private static func wholeSeconds(_ duration: SimDuration?) -> String {
        guard let duration, case .number(let number) = JSONReport.seconds(duration) else { return "" }
        return number.literal
    }

    // MARK: - JSON

    /// The sweep's parameters and one object per point.
    static func json(_ summary: SweepSummary) -> JSONValue {
        let plan = summary.plan
        return .object(JSONObject([
            ("schema", .string(schema)),
            ("scenario", .string(plan.scenario)),
            ("source", .string(plan.source)),
            ("digest", .string(plan.digest)),
            ("sets", .array(plan.sets.map(JSONValue.string))),
            ("grid", .array(plan.grid.axes.map { axis in
                .object(JSONObject([("key", .string(axis.key)), ("values", .array(axis.values.map(JSONValue.string)))]))
            })),
            ("seeds", .object(JSONObject([("first", JSONReport.unsigned(plan.seeds.first)), ("count", .int(plan.seeds.count))]))),
            ("runs", .int(summary.runs)),
            ("envelope_tolerance_ms", .int(FailoverEnvelope.tolerance.milliseconds)),
            ("points", .array(summary.points.map { point($0, grid: plan.grid) })),
        ]))
    }

    /// One element of `points`.
    private static func point(_ summary: SweepPointSummary, grid: SweepGrid) -> JSONValue {
        let point = summary.point
        let values = zip(grid.axes, grid.coordinates(of: point.index)).map { axis, value in (axis.key, JSONValue.string(axis.values[value])) }
        let valid = point.isValid
        return .object(JSONObject([
            ("index", .int(point.index)),
            ("assignments", .array(point.assignments.map(JSONValue.string))),
            ("values", .object(JSONObject(values))),
            ("valid", .bool(valid)),
            ("error", point.error.map(JSONValue.string) ?? .null),
            ("note", .string(point.note)),
            ("timers", point.timers.map(JSONReport.timers) ?? .null),
            ("runs", .int(summary.runs)),
            ("failovers", .int(summary.runs - summary.noFailover)),
            ("no_failover", .int(summary.noFailover)),
            ("failover_ms", summary.failover.map { quantiles in
                .object(JSONObject([("p50", .int(quantiles.p50)), ("p90", .int(quantiles.p90)), ("p99", .int(quantiles.p99)), ("max", .int(quantiles.max))]))
            } ?? .null),
            ("envelope", point.envelope.map { envelope in
                .object(JSONObject([
                    ("case", .string(envelope.formula.rawValue)),
                    ("fault", .string(envelope.fault)),
                    ("min_ms", .int(envelope.min.milliseconds)),
                    ("mean_ms", .int(envelope.mean.milliseconds)),
                    ("max_ms", .int(envelope.max.milliseconds)),
                ]))
            } ?? .null),
            ("outside_envelope", summary.outsideEnvelope.map { JSONValue.int($0) } ?? .null),
            ("outage_ms", summary.outage.map { quantiles in
                .object(JSONObject([("p50", .int(quantiles.p50)), ("max", .int(quantiles.max))]))
            } ?? .null),
            ("lost_writes", .int(summary.lostWrites)),
            ("runs_with_lost_writes", .int(summary.runsWithLostWrites)),
            ("violations", .object(JSONObject(summary.violations.map { ($0.invariant, JSONValue.int($0.count)) }))),
            ("runs_with_violations", .int(summary.runsWithViolations)),
            ("verdicts", .object(JSONObject([
                (RunVerdict.ok.rawValue, .int(summary.passed)),
                (RunVerdict.failed.rawValue, .int(summary.failed)),
                (RunVerdict.livenessFailed.rawValue, .int(summary.livenessFailed)),
            ]))),
        ]))
    }
}
