import ClusterSim

extension ScenarioReader {
    /// Reads the `workload` section.
    mutating func workload(_ value: JSONValue, at path: String, into workload: inout WorkloadOptions) {
        let allowed = ["writes_per_second", "start_at", "router", "client_timeout", "haproxy"]
        guard let object = object(value, at: path, allowed: allowed) else {
            return
        }
        workload.writesPerSecond = integer(object, "writes_per_second", in: path, IntegerRange(min: 0, max: 100_000)).map { Int($0) } ?? workload.writesPerSecond
        if let startAt = duration(object, "start_at", in: path) {
            workload.startAt = SimInstant(microseconds: startAt.microseconds)
        }
        if let router = object["router"] {
            let choices = RouterKind.allCases.map(\.rawValue)
            if let text = choice(router, at: JSONPath.child(path, "router"), from: choices), let kind = RouterKind(rawValue: text) {
                workload.router = kind
            }
        }
        workload.clientTimeout = duration(object, "client_timeout", in: path, positive: true) ?? workload.clientTimeout
        if let haproxy = object["haproxy"] {
            let haproxyPath = JSONPath.child(path, "haproxy")
            guard let haproxyObject = self.object(haproxy, at: haproxyPath, allowed: ["inter", "fall", "rise", "timeout_check"]) else {
                return
            }
            if let inter = duration(haproxyObject, "inter", in: haproxyPath, positive: true) {
                workload.haproxy.inter = inter
                // HAProxy's `timeout check` defaults to `inter`.
                workload.haproxy.checkTimeout = inter
            }
            workload.haproxy.fall = integer(haproxyObject, "fall", in: haproxyPath, IntegerRange(min: 1)).map { Int($0) } ?? workload.haproxy.fall
            workload.haproxy.rise = integer(haproxyObject, "rise", in: haproxyPath, IntegerRange(min: 1)).map { Int($0) } ?? workload.haproxy.rise
            workload.haproxy.checkTimeout = duration(haproxyObject, "timeout_check", in: haproxyPath, positive: true) ?? workload.haproxy.checkTimeout
        }
    }
}
