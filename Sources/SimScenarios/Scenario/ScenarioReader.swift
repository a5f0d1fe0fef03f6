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
        let name = nonEmptyString(object, "name", in: path)
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
            self.workload(workload, at: JSONPath.child(path, "workload"), into: &options.workload)
        }
        if let faults = object["faults"] {
            options.faults = self.faults(faults, at: JSONPath.child(path, "faults"), nodes: nodeNames, runDuration: runDuration)
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
