import ClusterSim

/// A run in the Chrome trace event format, for Perfetto (ui.perfetto.dev) and
/// `chrome://tracing`: one process per host (each node, the etcd members, the client
/// router) and one for the cluster as a whole; per node, tracks for its role, its
/// PostgreSQL timeline, the leader lock, its log events, its fault windows and a
/// replication lag counter; the leader key and its lease on etcd; client write counters and
/// the outage on the router; failovers with their phases, and violations as instant events.
///
/// Timestamps (`ts`, `dur`) are integer microseconds of virtual time since the start of
/// the run, so the trace is exact; `displayTimeUnit` is `ms`. Event `args` carry the
/// details (timeline, lag bytes, the violation's detail...). The text puts one event per
/// line with its keys sorted by ``JSONWriter``: the same run always gives the same bytes.
public enum ChromeTrace {
    /// The trace of `run` as a JSON value `{"traceEvents": [...], "displayTimeUnit": "ms", "otherData": {...}}`.
    ///
    /// Complexity: O(e) in the run's recorded history.
    public static func value(_ run: PictureRun) -> JSONValue {
        var builder = TraceBuilder(run: run)
        builder.build()
        let report = run.report
        return .object(JSONObject([
            ("traceEvents", .array(builder.events)),
            ("displayTimeUnit", .string("ms")),
            ("otherData", .object(JSONObject([
                ("scenario", .string(report.scenario)),
                ("seed", .uint(report.seed)),
                ("ha", .string(report.ha)),
                ("first_fault_us", report.firstFaultAt.map { .int($0.microseconds) } ?? .null),
                ("verdict", .string(run.summary.verdict.rawValue)),
                ("reproduce", .string(run.summary.reproduceCommand)),
            ]))),
        ]))
    }

    /// The trace as compact JSON text (one line per event), ending with a newline.
    public static func render(_ run: PictureRun) -> String {
        guard case .object(let document) = value(run), case .array(let events)? = document["traceEvents"] else {
            preconditionFailure("ChromeTrace.value always builds an object with a traceEvents array.")
        }
        var rest = JSONObject()
        for (key, member) in document.entries where key != "traceEvents" { rest.set(key, member) }
        let head = JSONWriter.write(.object(rest), pretty: false)
        let lines = events.map { JSONWriter.write($0, pretty: false) }
        return "{\"traceEvents\":[\n" + lines.joined(separator: ",\n") + "\n]," + head.dropFirst() + "\n"
    }
}
