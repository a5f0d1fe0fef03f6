import ClusterSim

/// Renders runs side by side, one row per run: the table `simrun compare` prints.
///
/// Each row holds the scenario, HA policy and seed, the first failover's time (fault →
/// promoted), the time until the new primary acknowledged a client write (fault → first
/// write), the longest write outage, writes acknowledged, failed and lost, the violations
/// per invariant and the verdict (see ``ComparisonRow``). Rows keep the order given.
///
/// - `text`: a header and aligned columns, numbers right-aligned, `-` for a missing time;
///   no trailing spaces.
/// - `csv`: a header of snake_case names, then one record per run; times in whole
///   milliseconds, empty when missing; fields holding a comma, a double quote or a line
///   break are quoted and their quotes doubled (RFC 4180). Lines end with `\n`.
/// - `json`: an array of objects with the CSV's keys, sorted, times `null` when missing
///   and `violations` an object from invariant name to count; pretty-printed by ``JSONWriter``.
///
/// Every format ends with a newline and is a pure function of its input.
public enum ComparisonTable {
    /// The output formats of the comparison table.
    public enum Format: String, Sendable, Equatable, CaseIterable {
        /// Aligned columns for a terminal.
        case text
        /// Comma-separated values for a spreadsheet.
        case csv
        /// A JSON array for scripts.
        case json
    }

    /// The column headers of the text format.
    static let textHeaders = [
        "scenario", "ha", "seed", "failover", "first write", "longest outage",
        "acked", "failed", "lost", "violations", "verdict",
    ]

    /// Which text columns are right-aligned (numbers and times).
    static let textRightAligned = [false, false, true, true, true, true, true, true, true, false, false]

    /// The field names of the CSV header and of each JSON object, in column order.
    public static let fieldNames = [
        "scenario", "ha", "seed", "failover_time_ms", "first_write_ms", "longest_outage_ms",
        "writes_acked", "writes_failed", "writes_lost", "violations", "verdict",
    ]

    /// Renders `rows` in `format`.
    ///
    /// Complexity: O(n) in the number of rows and the length of their cells.
    public static func render(_ rows: [(name: String, summary: RunSummary)], format: Format) -> String {
        render(rows: rows.map { ComparisonRow(name: $0.name, summary: $0.summary) }, format: format)
    }

    /// Renders rows already reduced to ``ComparisonRow``s in `format`.
    public static func render(rows: [ComparisonRow], format: Format) -> String {
        switch format {
        case .text: return text(rows)
        case .csv: return csv(rows)
        case .json: return JSONWriter.write(json(rows), pretty: true) + "\n"
        }
    }

    // MARK: - Text

    /// The header and one line per row, columns padded to their widest cell.
    private static func text(_ rows: [ComparisonRow]) -> String {
        let cells = rows.map { row -> [String] in
            [
                row.name, row.ha, String(row.seed),
                duration(row.failoverTime), duration(row.firstWriteTime), duration(row.longestOutage),
                String(row.acked), String(row.failed), String(row.lost),
                row.violationsText, row.verdict.rawValue,
            ]
        }
        let table = [textHeaders] + cells
        let widths = textHeaders.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        let lines = table.map { line -> String in
            var text = line.indices.map { column -> String in
                let padding = String(repeating: " ", count: widths[column] - line[column].count)
                return textRightAligned[column] ? padding + line[column] : line[column] + padding
            }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `d` as the reports write durations (`21.6s`), or `-`.
    private static func duration(_ d: SimDuration?) -> String {
        d.map(\.description) ?? "-"
    }

    // MARK: - CSV

    /// The header record and one record per row.
    private static func csv(_ rows: [ComparisonRow]) -> String {
        let records = [fieldNames] + rows.map { row -> [String] in
            [
                row.name, row.ha, String(row.seed),
                milliseconds(row.failoverTime), milliseconds(row.firstWriteTime), milliseconds(row.longestOutage),
                String(row.acked), String(row.failed), String(row.lost),
                row.violationsText, row.verdict.rawValue,
            ]
        }
        return records.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// `d` in whole milliseconds (truncated, as in the JSON report), or empty.
    private static func milliseconds(_ d: SimDuration?) -> String {
        d.map { String($0.milliseconds) } ?? ""
    }

    /// `field` quoted per RFC 4180 when it holds a comma, a double quote or a line break.
    static func csvField(_ field: String) -> String {
        let special = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard special else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }

    // MARK: - JSON

    /// An array with one object per row.
    static func json(_ rows: [ComparisonRow]) -> JSONValue {
        .array(rows.map { row in
            let entries: [(String, JSONValue)] = [
                ("scenario", .string(row.name)),
                ("ha", .string(row.ha)),
                ("seed", JSONReport.unsigned(row.seed)),
                ("failover_time_ms", row.failoverTime.map { JSONValue.int($0.milliseconds) } ?? .null),
                ("first_write_ms", row.firstWriteTime.map { JSONValue.int($0.milliseconds) } ?? .null),
                ("longest_outage_ms", row.longestOutage.map { JSONValue.int($0.milliseconds) } ?? .null),
                ("writes_acked", .int(row.acked)),
                ("writes_failed", .int(row.failed)),
                ("writes_lost", .int(row.lost)),
                ("violations", .object(JSONObject(row.violations.map { ($0.invariant, JSONValue.int($0.count)) }))),
                ("verdict", .string(row.verdict.rawValue)),
            ]
            return .object(JSONObject(entries))
        })
    }
}

extension String {
    /// The string with every occurrence of the character `target` replaced by `replacement`,
    /// without Foundation.
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
