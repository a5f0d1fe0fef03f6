import ClusterSim

/// Reads one scenario document, collecting problems instead of stopping at the first.
struct ScenarioReader {
    /// Every problem found so far, in discovery order.
    var problems: [ScenarioProblem] = []

    /// Records a problem at `path`.
    mutating func fail(_ path: String, _ message: String) {
        problems.append(ScenarioProblem(path: path, message: message))
    }

    /// Decodes the whole document; nil when it is not even an object.
    mutating func scenario(_ value: JSONValue, source: String) -> Scenario? {
        let path = "$"
        let allowed = ["name", "description", "seed", "duration", "ha", "cluster", "workload", "faults", "expect", "limits"]
        guard let object = object(value, at: path, allowed: allowed) else {
            return nil
        }
        var options = ClusterOptions()
        let name = label(object, "name", in: path)
        if object["name"] == nil {
            fail(path, "missing required key \"name\"")
        }
        options.name = name ?? options.name
        let description = string(object, "description", in: path) ?? ""
        if let seed = seed(object, in: path) {
            options.seed = seed
        }
        // Fault times are checked against the run's duration only when it is known.
        var runDuration: SimDuration? = options.duration
        if object["duration"] != nil {
            runDuration = duration(object, "duration", in: path, positive: true)
            options.duration = runDuration ?? options.duration
        }
        if let ha = object["ha"], let policy = self.ha(ha, at: JSONPath.child(path, "ha")) {
            options.ha = policy
        }
        var nodeNames: [String]? = options.nodes.map(\.name)
        if let cluster = object["cluster"] {
            nodeNames = self.cluster(cluster, at: JSONPath.child(path, "cluster"), into: &options)
        }
        // An operator repoints the application by hand, so its clients name one server.
        if case .manual = options.ha {
            options.workload.router = .fixed
        }
        if let workload = object["workload"] {
            self.workload(workload, at: JSONPath.child(path, "workload"), into: &options.workload, runDuration: runDuration)
        }
        checkWALVolume(options, in: object, runDuration: runDuration)
        if let faults = object["faults"] {
            options.faults = self.faults(faults, at: JSONPath.child(path, "faults"), nodes: nodeNames,
                                         etcdMembers: options.etcd.members, runDuration: runDuration)
        }
        var expectations = Expectations()
        if let expect = object["expect"] {
            expectations = self.expectations(expect, at: JSONPath.child(path, "expect"), nodes: nodeNames, checks: &options.checks)
        }
        expectations.expectsFailover = options.faults.contains { Self.causesFailover($0.action) }
        if let limits = object["limits"], let limitsObject = self.object(limits, at: JSONPath.child(path, "limits"), allowed: ["max_events"]) {
            if let maxEvents = integer(limitsObject, "max_events", in: JSONPath.child(path, "limits"), IntegerRange(min: 1)) {
                options.limits.maxEvents = UInt64(maxEvents)
            }
        }
        return Scenario(name: name ?? "", description: description, options: options, expectations: expectations, source: source)
    }

    /// Checks that the workload cannot write more WAL than ``ScenarioLimits/largestRunWAL``:
    /// `writes_per_second` × `duration` × `postgres.wal_bytes_per_write`, all three as
    /// decoded. Skipped while any of them has a problem of its own.
    ///
    /// The problem goes to the first of the three the file sets: the WAL size per write,
    /// then the rate, then the duration.
    private mutating func checkWALVolume(_ options: ClusterOptions, in object: JSONObject, runDuration: SimDuration?) {
        let fields = ["$.duration", "$.workload.writes_per_second", "$.cluster.postgres.wal_bytes_per_write"]
        guard let runDuration, !problems.contains(where: { problem in fields.contains { problem.path.hasPrefix($0) } }) else {
            return
        }
        let rate = Int64(options.workload.writesPerSecond)
        let bytesPerWrite = options.postgres.walBytesPerWrite
        // At most 10⁵ writes per second for 30 days: the product fits in 64 bits.
        let writes = (rate * runDuration.microseconds + 999_999) / 1_000_000 + (rate > 0 ? 1 : 0)
        let (volume, overflow) = writes.multipliedReportingOverflow(by: bytesPerWrite)
        guard overflow || volume > ScenarioLimits.largestRunWAL else {
            return
        }
        let path: String
        if case .object(let cluster)? = object["cluster"], case .object(let postgres)? = cluster["postgres"], postgres["wal_bytes_per_write"] != nil {
            path = "$.cluster.postgres.wal_bytes_per_write"
        } else if case .object(let workload)? = object["workload"], workload["writes_per_second"] != nil {
            path = "$.workload.writes_per_second"
        } else {
            path = "$.duration"
        }
        let total = overflow ? "more than \(Int64.max)" : String(volume)
        fail(path, "\(rate) writes per second of \(bytesPerWrite) WAL bytes for \(DurationText.format(runDuration)) would write \(total) bytes; "
            + "expected at most \(ScenarioLimits.largestRunWAL) (4 TiB) in one run: lower writes_per_second, wal_bytes_per_write or duration")
    }

    /// Reads `seed`: a non-negative integer up to 2⁶⁴ − 1.
    private mutating func seed(_ object: JSONObject, in parent: String) -> UInt64? {
        guard let value = object["seed"] else {
            return nil
        }
        if case .number(let number) = value, number.isInteger {
            if let small = number.int64Value, small >= 0 {
                return UInt64(small)
            }
            if let large = UInt64(number.literal) {
                return large
            }
        }
        fail(JSONPath.child(parent, "seed"), "expected an integer from 0 to \(UInt64.max), got \(ScenarioText.given(value))")
        return nil
    }
}
