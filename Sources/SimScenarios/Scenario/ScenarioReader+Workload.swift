import ClusterSim

extension ScenarioReader {
    /// Reads the `workload` section; `runDuration` (when known) bounds `start_at`.
    mutating func workload(_ value: JSONValue, at path: String, into workload: inout WorkloadOptions, runDuration: SimDuration?) {
        let allowed = ["writes_per_second", "start_at", "router", "client_timeout", "haproxy"]
        guard let object = object(value, at: path, allowed: allowed) else {
            return
        }
        workload.writesPerSecond = integer(object, "writes_per_second", in: path, IntegerRange(min: 0, max: 100_000)).map { Int($0) } ?? workload.writesPerSecond
        if let startAt = duration(object, "start_at", in: path), let startValue = object["start_at"] {
            if let runDuration, startAt >= runDuration {
                fail(JSONPath.child(path, "start_at"), "expected a time before the end of the run (duration \(DurationText.format(runDuration))), got \(ScenarioText.given(startValue))")
            } else {
                workload.startAt = SimInstant(microseconds: startAt.microseconds)
            }
        }
        if let router = object["router"] {
            let choices = RouterKind.allCases.map(\.rawValue)
            if let text = choice(router, at: JSONPath.child(path, "router"), from: choices), let kind = RouterKind(rawValue: text) {
                workload.router = kind
            }
        }
        workload.clientTimeout = duration(object, "client_timeout", in: path, positive: true) ?? workload.clientTimeout
        if let haproxy = object["haproxy"] {
            self.haproxy(haproxy, at: JSONPath.child(path, "haproxy"), into: &workload.haproxy)
        }
    }

    /// Reads `haproxy`: `inter`, `fall`, `rise` and `timeout_check`, which defaults to
    /// `inter` as HAProxy's `timeout check` does and may not exceed it.
    ///
    /// The simulator sends a server's next check `inter` after the previous one and counts
    /// a check still unanswered then as failed, so a longer timeout would never apply.
    private mutating func haproxy(_ value: JSONValue, at path: String, into haproxy: inout HAProxyOptions) {
        guard let object = object(value, at: path, allowed: ["inter", "fall", "rise", "timeout_check"]) else {
            return
        }
        let inter = duration(object, "inter", in: path, positive: true)
        if let inter {
            haproxy.inter = inter
            haproxy.checkTimeout = inter
        }
        let count = IntegerRange(min: 1, max: ScenarioLimits.largestCheckCount)
        haproxy.fall = integer(object, "fall", in: path, count).map { Int($0) } ?? haproxy.fall
        haproxy.rise = integer(object, "rise", in: path, count).map { Int($0) } ?? haproxy.rise
        if let timeout = duration(object, "timeout_check", in: path, positive: true), let timeoutValue = object["timeout_check"] {
            // Against a bad `inter` there is nothing to compare: that one problem is enough.
            if object["inter"] != nil && inter == nil {
                return
            }
            if timeout > haproxy.inter {
                fail(JSONPath.child(path, "timeout_check"), "expected at most inter (\(DurationText.format(haproxy.inter))): the next check starts inter after the previous one, got \(ScenarioText.given(timeoutValue))")
            } else {
                haproxy.checkTimeout = timeout
            }
        }
    }
}
