import ClusterSim

/// Renders a finished run as the machine-readable report documented in
/// `docs/report-schema.md`.
///
/// Every instant is an integer count of milliseconds since the start of the run (keys
/// ending in `_ms`), timers are in seconds (`_s`), sizes in bytes. Optional values are
/// always present, as `null` when missing, so consumers never have to guess whether a
/// key was forgotten; only `events` and `snapshots` appear just when asked for. Keys are
/// sorted by ``JSONWriter``.
public enum JSONReport {
    /// The schema identifier written as `schema`; its number is bumped on any change that
    /// could break a consumer (a removed or renamed key, a changed type or unit).
    public static let schema = "clustersim.report/1"

    /// The report as a JSON value.
    ///
    /// `events` adds `events[]`, every event of the run (``RunEvents``); `snapshots` adds
    /// `snapshots[]`, the cluster at the instants asked for with `--at`. Both keys are
    /// absent unless asked for, so the default report stays as small as before.
    ///
    /// Complexity: O(n) in the size of the report (O(n log n) with events).
    public static func value(_ summary: RunSummary, events: Bool = false, snapshots: [ClusterSnapshot]? = nil) -> JSONValue {
        let report = summary.report
        var fields = fields(summary)
        if events {
            fields.append(("events", .array(RunEvents.all(report).map(event))))
        }
        if let snapshots {
            fields.append(("snapshots", .array(snapshots.map(snapshot))))
        }
        return object(fields)
    }

    /// The report as pretty-printed JSON text with sorted keys, ending with a newline.
    public static func render(_ summary: RunSummary, events: Bool = false, snapshots: [ClusterSnapshot]? = nil) -> String {
        JSONWriter.write(value(summary, events: events, snapshots: snapshots), pretty: true) + "\n"
    }

    /// The members every report has.
    private static func fields(_ summary: RunSummary) -> [(String, JSONValue)] {
        let report = summary.report
        return [
            ("schema", .string(schema)),
            ("scenario", .string(report.scenario)),
            ("seed", unsigned(report.seed)),
            ("ha", .string(report.ha)),
            ("outcome", .string(report.outcome.rawValue)),
            ("ended_at_ms", ms(report.endedAt)),
            ("events_handled", unsigned(report.eventsHandled)),
            ("timers", timers(report.timers)),
            ("first_fault_at_ms", ms(report.firstFaultAt)),
            ("timeline", .array(report.timeline.map(timelineEntry))),
            ("failovers", .array(report.failovers.map(failover))),
            ("writes", writes(report.writes)),
            ("violations", .array(report.violations.map { violation($0, reproduce: summary.reproduceCommand) })),
            ("liveness", liveness(report.liveness)),
            ("final", snapshot(report.final)),
            ("expectations", .array(summary.expectations.map(expectation))),
            ("verdict", .string(summary.verdict == .ok ? "ok" : "failed")),
            ("reproduce", .string(summary.reproduceCommand)),
        ]
    }

    // MARK: - Parts

    /// `timers`: the effective timers in seconds and Patroni's warnings.
    static func timers(_ timers: EffectiveTimers) -> JSONValue {
        object([
            ("ttl_s", seconds(timers.ttl)),
            ("loop_wait_s", seconds(timers.loopWait)),
            ("retry_timeout_s", seconds(timers.retryTimeout)),
            ("warnings", .array(timers.warnings.map(JSONValue.string))),
        ])
    }

    /// One element of `timeline`.
    static func timelineEntry(_ entry: TimelineEntry) -> JSONValue {
        object([
            ("at_ms", ms(entry.at)),
            ("host", string(entry.host)),
            ("kind", .string(entry.kind.rawValue)),
            ("message", .string(entry.message)),
        ])
    }

    /// One element of `events`.
    static func event(_ event: RunEvent) -> JSONValue {
        object([
            ("at_ms", ms(event.at)),
            ("node", string(event.node)),
            ("kind", .string(event.kind)),
            ("detail", .string(event.detail)),
        ])
    }

    /// One element of `failovers`.
    static func failover(_ record: FailoverRecord) -> JSONValue {
        let failoverTime = record.promotedAt.map { JSONValue.int(($0 - record.faultAt).milliseconds) } ?? .null
        return object([
            ("fault", .string(record.fault)),
            ("old_leader", .string(record.oldLeader)),
            ("new_leader", string(record.newLeader)),
            ("fault_at_ms", ms(record.faultAt)),
            ("leader_key_gone_at_ms", ms(record.leaderKeyGoneAt)),
            ("leader_key_gone_how", string(record.leaderKeyGoneHow)),
            ("lock_acquired_at_ms", ms(record.lockAcquiredAt)),
            ("promoted_at_ms", ms(record.promotedAt)),
            ("first_write_at_ms", ms(record.firstWriteAt)),
            ("replicas_following_at_ms", ms(record.replicasFollowingAt)),
            ("failover_time_ms", failoverTime),
            ("timeline", int(record.timeline)),
        ])
    }

    /// `writes`: counts, failures by reason and the longest outage.
    static func writes(_ writes: WriteSummary) -> JSONValue {
        let outage = writes.longestOutage.map { outage in
            object([
                ("from_ms", ms(outage.from)),
                ("until_ms", ms(outage.until)),
                ("length_ms", .int(outage.length.milliseconds)),
            ])
        } ?? .null
        return object([
            ("attempted", .int(writes.attempted)),
            ("acked", .int(writes.acked)),
            ("failed", .int(writes.failed)),
            ("pending", .int(writes.pending)),
            ("lost", .int(writes.lost)),
            ("failures_by_reason", .array(writes.failuresByReason.map { failure in
                object([("reason", .string(failure.reason)), ("count", .int(failure.count))])
            })),
            ("longest_outage", outage),
        ])
    }

    /// One element of `violations`, with the command that reproduces the run.
    static func violation(_ violation: Violation, reproduce: String) -> JSONValue {
        object([
            ("invariant", .string(violation.invariant.rawValue)),
            ("at_ms", ms(violation.at)),
            ("until_ms", ms(violation.until)),
            ("nodes", .array(violation.nodes.map(JSONValue.string))),
            ("detail", .string(violation.detail)),
            ("reproduce", .string(reproduce)),
        ])
    }

    /// `liveness`: the convergence check after the last fault.
    static func liveness(_ liveness: LivenessResult) -> JSONValue {
        object([
            ("since_ms", ms(liveness.since)),
            ("deadline_ms", ms(liveness.deadline)),
            ("converged_at_ms", ms(liveness.convergedAt)),
            ("decided", .bool(liveness.decided)),
            ("held", .bool(liveness.held)),
        ])
    }

    /// `final` (the members and etcd keys at the end of the run) or one element of `snapshots`.
    static func snapshot(_ snapshot: ClusterSnapshot) -> JSONValue {
        object([
            ("at_ms", ms(snapshot.at)),
            ("system_identifier", string(snapshot.systemIdentifier)),
            ("members", .array(snapshot.members.map { member in
                object([
                    ("name", .string(member.name)),
                    ("host", .string(member.host)),
                    ("role", .string(member.role.rawValue)),
                    ("state", .string(member.state)),
                    ("timeline", int(member.timeline)),
                    ("lag_bytes", member.lagBytes.map { JSONValue.int($0) } ?? .null),
                    ("lsn", .int(member.lsn)),
                    ("registered", .bool(member.registered)),
                ])
            })),
            ("etcd_keys", .array(snapshot.keys.map { key in
                object([
                    ("key", .string(key.key)),
                    ("value", .string(key.value)),
                    ("lease", key.lease.map { JSONValue.int($0) } ?? .null),
                ])
            })),
        ])
    }

    /// One element of `expectations`.
    static func expectation(_ result: ExpectationResult) -> JSONValue {
        object([
            ("check", .string(result.check)),
            ("expected", .string(result.expected)),
            ("actual", .string(result.actual)),
            ("held", .bool(result.held)),
        ])
    }

    // MARK: - Scalars

    /// An object from members whose keys are unique.
    static func object(_ entries: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(entries))
    }

    /// `instant` in whole milliseconds since the start of the run.
    static func ms(_ instant: SimInstant) -> JSONValue {
        .int(instant.milliseconds)
    }

    /// `instant` in whole milliseconds, or `null`.
    static func ms(_ instant: SimInstant?) -> JSONValue {
        instant.map(ms) ?? .null
    }

    /// `duration` in seconds: an integer when whole, else a decimal (`2.5`).
    static func seconds(_ duration: SimDuration) -> JSONValue {
        if duration.microseconds % 1_000_000 == 0 {
            return .int(duration.microseconds / 1_000_000)
        }
        var literal = TimeFormat.seconds(duration.microseconds, decimals: 6)
        while literal.hasSuffix("0") { literal.removeLast() }
        return number(literal)
    }

    /// An unsigned 64-bit integer, written exactly (seeds use the full range).
    static func unsigned(_ value: UInt64) -> JSONValue {
        number(String(value))
    }

    /// A number from a literal known to be valid JSON.
    static func number(_ literal: String) -> JSONValue {
        guard let number = JSONNumber(literal) else {
            preconditionFailure("The renderer produced \(literal), which is not a JSON number.")
        }
        return .number(number)
    }

    /// `value` as a string, or `null`.
    static func string(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    /// `value` as a number, or `null`.
    static func int(_ value: Int?) -> JSONValue {
        value.map { JSONValue.int($0) } ?? .null
    }
}
