import ClusterSim

/// One run of a sweep reduced to the figures its summary needs: one JSON object per line
/// in a shard file.
///
/// Summaries are computed from records alone, so a sweep and a merge of its shards agree
/// to the byte. Times are whole milliseconds (truncated, as in the JSON report).
public struct RunRecord: Sendable, Equatable {
    /// The grid point's index.
    public var point: Int
    /// The grid point's `KEY=VALUE` assignments, repeated so a shard line reads on its own.
    public var assignments: [String]
    /// The run's seed.
    public var seed: UInt64
    /// The first failover's time from its fault until the new primary was read-write, in
    /// milliseconds; nil when there was no failover or nobody was promoted.
    public var failoverMs: Int64?
    /// The longest stretch without an acknowledged client write, in milliseconds; 0 if none.
    public var outageMs: Int64
    /// Acknowledged writes missing from the final primary's history.
    public var lostWrites: Int
    /// Violations per invariant, sorted by invariant name.
    public var violations: [ComparisonRow.InvariantCount]
    /// The run's verdict from its invariants (the scenario's `expect` block is not checked).
    public var verdict: RunVerdict

    /// Creates a record.
    public init(point: Int, assignments: [String], seed: UInt64, failoverMs: Int64?, outageMs: Int64,
                lostWrites: Int, violations: [ComparisonRow.InvariantCount], verdict: RunVerdict) {
        self.point = point
        self.assignments = assignments
        self.seed = seed
        self.failoverMs = failoverMs
        self.outageMs = outageMs
        self.lostWrites = lostWrites
        self.violations = violations.sorted { $0.invariant.utf8.lexicographicallyPrecedes($1.invariant.utf8) }
        self.verdict = verdict
    }

    /// The record of a run reduced to `row`.
    public init(point: Int, assignments: [String], seed: UInt64, row: ComparisonRow) {
        self.init(point: point, assignments: assignments, seed: seed,
                  failoverMs: row.failoverTime?.milliseconds, outageMs: row.longestOutage?.milliseconds ?? 0,
                  lostWrites: row.lost, violations: row.violations, verdict: row.verdict)
    }

    /// The number of violations of every invariant.
    public var violationCount: Int {
        violations.reduce(0) { $0 + $1.count }
    }

    /// The record as a JSON object with snake_case keys.
    public var json: JSONValue {
        .object(JSONObject([
            ("point", .int(point)),
            ("assignments", .array(assignments.map(JSONValue.string))),
            ("seed", JSONReport.unsigned(seed)),
            ("failover_ms", failoverMs.map { JSONValue.int($0) } ?? .null),
            ("outage_ms", .int(outageMs)),
            ("lost_writes", .int(lostWrites)),
            ("violations", .object(JSONObject(violations.map { ($0.invariant, JSONValue.int($0.count)) }))),
            ("verdict", .string(verdict.rawValue)),
        ]))
    }

    /// Reads a record written by ``json``; `reader` names the file and line in errors.
    init(json value: JSONValue, reader: ShardFieldReader) throws(SweepError) {
        let object = try reader.object(value, "a run record")
        let verdictText = try reader.string(object, "verdict")
        guard let verdict = RunVerdict(rawValue: verdictText) else {
            throw reader.fail("\"verdict\" is \(ScenarioText.quoted(verdictText)); expected ok, failed or liveness-failed")
        }
        var violations: [ComparisonRow.InvariantCount] = []
        for (invariant, count) in try reader.object(try reader.field(object, "violations"), "\"violations\"").entries {
            violations.append(ComparisonRow.InvariantCount(invariant: invariant, count: Int(try reader.integer(count, "violations.\(invariant)", min: 1))))
        }
        self.init(point: Int(try reader.int(object, "point", min: 0)),
                  assignments: try reader.strings(object, "assignments"),
                  seed: try reader.unsigned(object, "seed"),
                  failoverMs: try reader.optionalInt(object, "failover_ms", min: 0),
                  outageMs: try reader.int(object, "outage_ms", min: 0),
                  lostWrites: Int(try reader.int(object, "lost_writes", min: 0)),
                  violations: violations, verdict: verdict)
    }
}
