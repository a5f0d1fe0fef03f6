import ClusterSim

/// Builds the events of a ``ChromeTrace``: process and thread names first, then each
/// process's tracks.
struct TraceBuilder {
    let run: PictureRun
    private(set) var events: [JSONValue] = []

    /// Process IDs: the cluster, then the nodes, the etcd members and the router.
    static let clusterPID = 1
    func nodePID(_ index: Int) -> Int { 2 + index }
    func etcdPID(_ index: Int) -> Int { 2 + run.nodes.count + index }
    var routerPID: Int { 2 + run.nodes.count + run.etcdMembers.count }

    /// Thread IDs within a node's process.
    enum NodeThread: Int, CaseIterable {
        case role = 1, pgTimeline, leaderLock, timeline, partitions

        var name: String {
            switch self {
            case .role: return "role"
            case .pgTimeline: return "PostgreSQL timeline"
            case .leaderLock: return "leader lock"
            case .timeline: return "timeline (log)"
            case .partitions: return "partitions and faults"
            }
        }
    }

    init(run: PictureRun) {
        self.run = run
    }

    mutating func build() {
        let report = run.report
        let end = report.endedAt.microseconds
        metadata(pid: Self.clusterPID, name: "cluster", sort: 0,
                 threads: [(1, "failovers"), (2, "violations"), (3, "faults"), (4, "timeline (log)")])
        for (index, node) in run.nodes.enumerated() {
            metadata(pid: nodePID(index), name: node, sort: 1 + index, threads: NodeThread.allCases.map { ($0.rawValue, $0.name) })
        }
        for (index, member) in run.etcdMembers.enumerated() {
            metadata(pid: etcdPID(index), name: member, sort: 1 + run.nodes.count + index,
                     threads: [(1, "leader key"), (2, "lease keep-alives"), (3, "timeline (log)")])
        }
        metadata(pid: routerPID, name: run.router + " (client writes)", sort: 1 + run.nodes.count + run.etcdMembers.count,
                 threads: [(1, "client writes"), (2, "timeline (log)")])

        nodeTracks(end: end)
        leaderKeyTracks(end: end)
        writeTracks(end: end)
        failoverTracks(end: end)
        faultTracks(end: end)
        violationTracks(end: end)
        timelineInstants()
    }

    // MARK: - Tracks

    /// Per node: role slices, PostgreSQL timeline slices and the replication lag counter.
    private mutating func nodeTracks(end: Int64) {
        guard let history = run.report.history else { return }
        for (index, changes) in history.nodeStates.enumerated() where index < run.nodes.count {
            let pid = nodePID(index)
            for (position, change) in changes.enumerated() {
                let until = position + 1 < changes.count ? changes[position + 1].at.microseconds : end
                guard until > change.at.microseconds else { continue }
                slice(pid: pid, tid: NodeThread.role.rawValue, name: change.state, category: "role",
                      from: change.at.microseconds, until: until,
                      args: [("state", .string(change.state)), ("timeline", change.timeline.map { .int($0) } ?? .null)])
            }
            var open: (timeline: Int, from: Int64)?
            for change in changes {
                if let current = open, current.timeline != change.timeline {
                    slice(pid: pid, tid: NodeThread.pgTimeline.rawValue, name: "timeline \(current.timeline)", category: "timeline",
                          from: current.from, until: change.at.microseconds, args: [("timeline", .int(current.timeline))])
                    open = nil
                }
                if open == nil, let timeline = change.timeline { open = (timeline, change.at.microseconds) }
            }
            if let current = open {
                slice(pid: pid, tid: NodeThread.pgTimeline.rawValue, name: "timeline \(current.timeline)", category: "timeline",
                      from: current.from, until: end, args: [("timeline", .int(current.timeline))])
            }
            var last: Int64?
            for sample in history.lag[index] where sample.bytes != last {
                last = sample.bytes
                counter(pid: pid, name: "replication lag (bytes)", at: sample.at.microseconds, values: [("bytes", .int(sample.bytes))])
            }
        }
    }

    /// The leader key's holders on etcd and on the holder's own process, keep-alives as
    /// instants and the lease's TTL left as a counter (sampled at each keep-alive and just
    /// before the next one).
    private mutating func leaderKeyTracks(end: Int64) {
        guard let history = run.report.history else { return }
        let etcd = run.etcdMembers.isEmpty ? Self.clusterPID : etcdPID(0)
        for (position, change) in history.leaderKey.enumerated() {
            guard let holder = change.holder else { continue }
            let until = position + 1 < history.leaderKey.count ? history.leaderKey[position + 1].at.microseconds : end
            guard until > change.at.microseconds else { continue }
            let args: [(String, JSONValue)] = [("holder", .string(holder))]
            slice(pid: etcd, tid: 1, name: "held by \(holder)", category: "leader-key", from: change.at.microseconds, until: until, args: args)
            if let node = run.nodes.firstIndex(of: holder) {
                slice(pid: nodePID(node), tid: NodeThread.leaderLock.rawValue, name: "holds leader key", category: "leader-key",
                      from: change.at.microseconds, until: until, args: args)
            }
        }
        var keyChange = 0
        for (index, renewal) in history.leaseRenewals.enumerated() {
            while keyChange < history.leaderKey.count, history.leaderKey[keyChange].at <= renewal.at { keyChange += 1 }
            let ttlLeft = (renewal.expiresAt - renewal.at).milliseconds
            instant(pid: etcd, tid: 2, name: "keep-alive \(renewal.holder)", category: "lease", at: renewal.at.microseconds, scope: "t",
                    args: [("holder", .string(renewal.holder)), ("expires_at_ms", .int(renewal.expiresAt.milliseconds)),
                           ("ttl_left_ms", .int(ttlLeft))])
            counter(pid: etcd, name: "leader lease TTL left (ms)", at: renewal.at.microseconds, values: [("ttl_left_ms", .int(ttlLeft))])
            var stop = min(renewal.expiresAt, run.report.endedAt)
            if index + 1 < history.leaseRenewals.count { stop = min(stop, history.leaseRenewals[index + 1].at) }
            if keyChange < history.leaderKey.count { stop = min(stop, history.leaderKey[keyChange].at) }
            guard stop > renewal.at else { continue }
            let left = stop == renewal.expiresAt || (keyChange < history.leaderKey.count && stop == history.leaderKey[keyChange].at)
                ? 0 : (renewal.expiresAt - stop).milliseconds
            counter(pid: etcd, name: "leader lease TTL left (ms)", at: max(renewal.at.microseconds, stop.microseconds - 1),
                    values: [("ttl_left_ms", .int(left))])
        }
    }

    /// Client writes per second (acked and failed) and the longest outage, on the router.
    /// A counter holds its value until the next sample, so a second like the one before
    /// it is not written again.
    private mutating func writeTracks(end: Int64) {
        let pid = routerPID
        var previous: Int64?
        var shown: (acked: Int, failed: Int)?
        func sample(_ second: Int64, _ acked: Int, _ failed: Int) {
            if let last = shown, last == (acked, failed) { return }
            shown = (acked, failed)
            counter(pid: pid, name: "client writes per second", at: second * 1_000_000,
                    values: [("acked", .int(acked)), ("failed", .int(failed))])
        }
        for bucket in run.report.history?.writes ?? [] {
            if let previous, bucket.second > previous + 1 { sample(previous + 1, 0, 0) }
            sample(bucket.second, bucket.acked, bucket.failed)
            previous = bucket.second
        }
        if let previous, (previous + 1) * 1_000_000 < end { sample(previous + 1, 0, 0) }
        let writes = run.report.writes
        if let outage = writes.longestOutage, outage.until > outage.from {
            slice(pid: pid, tid: 1, name: "longest write outage", category: "writes", from: outage.from.microseconds,
                  until: outage.until.microseconds,
                  args: [("length_ms", .int(outage.length.milliseconds)), ("acked", .int(writes.acked)), ("failed", .int(writes.failed)),
                         ("lost", .int(writes.lost))])
        }
    }

    /// Each failover as a slice from its fault, with a child slice per phase.
    private mutating func failoverTracks(end: Int64) {
        for (index, record) in run.report.failovers.enumerated() {
            let phases: [(String, SimInstant?)] = [
                ("waiting for the leader key to go", record.leaderKeyGoneAt),
                ("leader race", record.lockAcquiredAt),
                ("promoting", record.promotedAt),
                ("until the first write", record.firstWriteAt),
                ("until replicas follow", record.replicasFollowingAt),
            ]
            let last = phases.compactMap(\.1).max() ?? record.faultAt
            let until = max(last.microseconds, record.faultAt.microseconds + 1)
            slice(pid: Self.clusterPID, tid: 1, name: "failover #\(index + 1): \(record.fault)", category: "failover",
                  from: record.faultAt.microseconds, until: until, args: [
                      ("old_leader", .string(record.oldLeader)), ("new_leader", record.newLeader.map(JSONValue.string) ?? .null),
                      ("leader_key_gone_how", record.leaderKeyGoneHow.map(JSONValue.string) ?? .null),
                      ("failover_time_ms", record.promotedAt.map { .int(($0 - record.faultAt).milliseconds) } ?? .null),
                      ("timeline", record.timeline.map { .int($0) } ?? .null),
                  ])
            var from = record.faultAt
            for (name, instant) in phases {
                guard let instant else { continue }
                if instant > from {
                    slice(pid: Self.clusterPID, tid: 1, name: name, category: "failover-phase", from: from.microseconds,
                          until: instant.microseconds, args: [("since_fault_ms", .int((instant - record.faultAt).milliseconds))])
                }
                from = max(from, instant)
            }
        }
    }

    /// Fault windows on their node's process (nested sub-tracks when windows overlap) and
    /// instant faults as instant events; faults without a node on the cluster process.
    private mutating func faultTracks(end: Int64) {
        var lanes: [String: [Int64]] = [:]
        for fault in run.report.history?.faults ?? [] {
            let node = fault.node.flatMap { run.nodes.firstIndex(of: $0) }
            let pid = node.map(nodePID) ?? Self.clusterPID
            let baseTID = node == nil ? 3 : NodeThread.partitions.rawValue
            let args: [(String, JSONValue)] = [("label", .string(fault.label)), ("node", fault.node.map(JSONValue.string) ?? .null),
                                               ("until_ms", fault.until.map { .int($0.milliseconds) } ?? .null)]
            guard fault.until != fault.at else {
                instant(pid: pid, tid: baseTID, name: fault.label, category: "fault", at: fault.at.microseconds, scope: "p", args: args)
                continue
            }
            let until = fault.until?.microseconds ?? end
            let key = String(pid)
            var ends = lanes[key] ?? []
            let lane = ends.firstIndex { $0 <= fault.at.microseconds } ?? ends.count
            if lane == ends.count { ends.append(until) } else { ends[lane] = until }
            lanes[key] = ends
            let tid = lane == 0 ? baseTID : 100 + lane
            if lane > 0 { threadName(pid: pid, tid: tid, name: "partitions and faults \(lane + 1)") }
            slice(pid: pid, tid: tid, name: fault.label, category: "fault", from: fault.at.microseconds, until: max(until, fault.at.microseconds + 1), args: args)
        }
    }

    /// Violations: a global instant event where each begins, and its window as a slice.
    private mutating func violationTracks(end: Int64) {
        var ends: [Int64] = []
        for violation in run.report.violations {
            let args: [(String, JSONValue)] = [
                ("invariant", .string(violation.invariant.rawValue)), ("detail", .string(violation.detail)),
                ("nodes", .array(violation.nodes.map(JSONValue.string))),
                ("until_ms", violation.until.map { .int($0.milliseconds) } ?? .null),
                ("reproduce", .string(run.summary.reproduceCommand)),
            ]
            instant(pid: Self.clusterPID, tid: 2, name: violation.invariant.rawValue, category: "violation", at: violation.at.microseconds,
                    scope: "g", args: args)
            let until = max(violation.until?.microseconds ?? end, violation.at.microseconds + 1)
            let lane = ends.firstIndex { $0 <= violation.at.microseconds } ?? ends.count
            if lane == ends.count { ends.append(until) } else { ends[lane] = until }
            let tid = lane == 0 ? 2 : 200 + lane
            if lane > 0 { threadName(pid: Self.clusterPID, tid: tid, name: "violations \(lane + 1)") }
            slice(pid: Self.clusterPID, tid: tid, name: violation.invariant.rawValue, category: "violation", from: violation.at.microseconds,
                  until: until, args: args)
        }
    }

    /// Every timeline (log) entry as an instant event on its host's process.
    private mutating func timelineInstants() {
        for entry in run.report.timeline {
            let pid: Int
            let tid: Int
            if let host = entry.host, let node = run.nodes.firstIndex(of: host) {
                (pid, tid) = (nodePID(node), NodeThread.timeline.rawValue)
            } else if let host = entry.host, let member = run.etcdMembers.firstIndex(of: host) {
                (pid, tid) = (etcdPID(member), 3)
            } else if entry.host == run.router {
                (pid, tid) = (routerPID, 2)
            } else {
                (pid, tid) = (Self.clusterPID, 4)
            }
            instant(pid: pid, tid: tid, name: entry.kind.rawValue, category: "timeline", at: entry.at.microseconds, scope: "t",
                    args: [("message", .string(entry.message)), ("host", entry.host.map(JSONValue.string) ?? .null)])
        }
    }

    // MARK: - Events

    private mutating func metadata(pid: Int, name: String, sort: Int, threads: [(Int, String)]) {
        events.append(event(["ph": .string("M"), "pid": .int(pid), "tid": .int(0), "name": .string("process_name")],
                            args: [("name", .string(name))]))
        events.append(event(["ph": .string("M"), "pid": .int(pid), "tid": .int(0), "name": .string("process_sort_index")],
                            args: [("sort_index", .int(sort))]))
        for (tid, thread) in threads {
            threadName(pid: pid, tid: tid, name: thread)
            events.append(event(["ph": .string("M"), "pid": .int(pid), "tid": .int(tid), "name": .string("thread_sort_index")],
                                args: [("sort_index", .int(tid))]))
        }
    }

    private mutating func threadName(pid: Int, tid: Int, name: String) {
        events.append(event(["ph": .string("M"), "pid": .int(pid), "tid": .int(tid), "name": .string("thread_name")],
                            args: [("name", .string(name))]))
    }

    private mutating func slice(pid: Int, tid: Int, name: String, category: String, from: Int64, until: Int64, args: [(String, JSONValue)]) {
        events.append(event(["ph": .string("X"), "pid": .int(pid), "tid": .int(tid), "name": .string(name), "cat": .string(category),
                             "ts": .int(from), "dur": .int(max(0, until - from))], args: args))
    }

    private mutating func instant(pid: Int, tid: Int, name: String, category: String, at: Int64, scope: String, args: [(String, JSONValue)]) {
        events.append(event(["ph": .string("i"), "pid": .int(pid), "tid": .int(tid), "name": .string(name), "cat": .string(category),
                             "ts": .int(at), "s": .string(scope)], args: args))
    }

    private mutating func counter(pid: Int, name: String, at: Int64, values: [(String, JSONValue)]) {
        events.append(event(["ph": .string("C"), "pid": .int(pid), "tid": .int(0), "name": .string(name), "cat": .string("counter"),
                             "ts": .int(at)], args: values))
    }

    private func event(_ fields: KeyValuePairs<String, JSONValue>, args: [(String, JSONValue)]) -> JSONValue {
        var object = JSONObject(fields.map { ($0.key, $0.value) })
        object.set("args", .object(JSONObject(args)))
        return .object(object)
    }
}
