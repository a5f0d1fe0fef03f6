import ClusterSim

extension ScenarioReader {
    /// The fault actions a scenario may use, and the keys each allows besides `at` and `action`.
    static let faultActions: [(name: String, keys: [String])] = [
        ("stop", ["target"]), ("kill", ["target"]), ("kill-patroni", ["target"]), ("kill-postgres", ["target"]),
        ("start", ["target"]), ("freeze", ["target", "for"]), ("clock-step", ["target", "by"]),
        ("partition", ["target", "from", "direction"]), ("heal", ["target"]),
        ("switchover", ["candidate", "scheduled_at"]), ("failover", ["candidate", "scheduled_at"]),
        ("pause", []), ("resume", []),
        ("break-postgres", ["target"]), ("fix-postgres", ["target"]), ("slow-disk", ["target", "factor", "for"]),
        ("fast-disk", ["target"]), ("reinit", ["target"]), ("set-config", ["settings"]),
    ]

    /// The actions that take no `target`: `heal` (all links when absent), the operator's
    /// requests, which go to the leader's REST API, and `set-config`, a write to the DCS.
    static let actionsWithoutTarget = ["heal", "switchover", "failover", "pause", "resume", "set-config"]

    /// The fault actions that apply to an etcd member (`kill` is the same as `stop`: etcd keeps its log on disk).
    static let etcdFaultActions = ["stop", "kill", "start", "freeze", "partition", "heal"]

    /// Whether `action` should make the cluster fail over whichever node leads: a stop or
    /// kill of the leader, or cutting the leader off from etcd.
    ///
    /// Killing only Patroni or only PostgreSQL, a freeze and a clock step of the leader may
    /// or may not end in a failover (the leader may keep or regain its lock in time), so
    /// they do not count; nor does an operator's request, which Patroni may refuse.
    static func causesFailover(_ action: FaultAction) -> Bool {
        switch action {
        case .stop(.leader), .kill(.leader):
            return true
        case .partition(let partition):
            return partition.target == .leader && partition.peers.contains(.etcd)
        case .stop, .kill, .start, .killPatroni, .killPostgres, .freeze, .clockStep, .heal,
             .switchover, .failover, .pause, .resume,
             .breakPostgres, .fixPostgres, .slowDisk, .fastDisk, .reinit, .setConfig:
            return false
        }
    }

    /// Reads the fault list, sorted stably by time (faults at the same time keep file order).
    mutating func faults(_ value: JSONValue, at path: String, nodes: [String]?, etcdMembers: Int, runDuration: SimDuration?) -> [Fault] {
        guard case .array(let elements) = value else {
            fail(path, "expected an array of fault objects, got \(ScenarioText.given(value))")
            return []
        }
        if elements.count > ScenarioLimits.mostFaults {
            fail(path, "expected at most \(ScenarioLimits.mostFaults) faults, got \(elements.count)")
            return []
        }
        var faults: [(index: Int, fault: Fault)] = []
        for (index, element) in elements.enumerated() {
            if let fault = fault(element, at: JSONPath.index(path, index), nodes: nodes, etcdMembers: etcdMembers, runDuration: runDuration) {
                faults.append((index, fault))
            }
        }
        return faults.sorted { ($0.fault.at, $0.index) < ($1.fault.at, $1.index) }.map(\.fault)
    }

    /// Reads one fault; nil when any part of it is unusable.
    private mutating func fault(_ value: JSONValue, at path: String, nodes: [String]?, etcdMembers: Int, runDuration: SimDuration?) -> Fault? {
        guard case .object(let raw) = value else {
            fail(path, "expected a fault object, got \(ScenarioText.given(value))")
            return nil
        }
        let problemCount = problems.count
        let actionNames = Self.faultActions.map(\.name)
        var action: String?
        if let actionValue = raw["action"] {
            action = choice(actionValue, at: JSONPath.child(path, "action"), from: actionNames)
        } else {
            fail(path, "missing required key \"action\"")
        }
        checkVariantKeys(raw, at: path, common: ["at", "within", "action"], variant: action,
                         variants: Self.faultActions, noun: "action")
        var at: SimInstant?
        if raw["at"] == nil {
            fail(path, "missing required key \"at\"")
        } else if let time = duration(raw, "at", in: path), let atValue = raw["at"] {
            if let runDuration, time >= runDuration {
                fail(JSONPath.child(path, "at"), "expected a time before the end of the run (duration \(DurationText.format(runDuration))), got \(ScenarioText.given(atValue))")
            } else {
                at = SimInstant(microseconds: time.microseconds)
            }
        }
        var within = SimDuration.zero
        if raw["within"] != nil, let spread = duration(raw, "within", in: path), let spreadValue = raw["within"] {
            if let runDuration, let at, at + spread > SimInstant.zero + runDuration {
                fail(JSONPath.child(path, "within"), "expected the window [at, at + within) to end before the end of the run (duration \(DurationText.format(runDuration))), got \(ScenarioText.given(spreadValue))")
            } else {
                within = spread
            }
        }
        var target: FaultTarget?
        if let targetValue = raw["target"] {
            target = self.target(targetValue, at: JSONPath.child(path, "target"), nodes: nodes, etcdMembers: etcdMembers)
        } else if let action, !Self.actionsWithoutTarget.contains(action) {
            fail(path, "missing required key \"target\"")
        }
        if let name = action, let aimed = target, aimed.namesEtcd, !Self.etcdFaultActions.contains(name) {
            fail(JSONPath.child(path, "target"), "\(ScenarioText.quoted(aimed.label)) is an etcd member, which \(name) does not apply to; expected a node name, \"leader\", \"replica\" or \"previous\" (etcd members take \(Self.etcdFaultActions.joined(separator: ", ")))")
            target = nil
        }
        let faultAction = action.flatMap { self.faultAction($0, target: target, in: raw, at: path, nodes: nodes, etcdMembers: etcdMembers) }
        guard problems.count == problemCount, let at, let faultAction else {
            return nil
        }
        return Fault(at: at, within: within, action: faultAction)
    }

    /// The action `name` on `target`, with the keys of its own (`from` and `direction`,
    /// `for`, `by`) read from `raw`; nil when a part is missing or wrong (and reported).
    /// Those keys are checked even without a usable target, so every problem shows.
    private mutating func faultAction(_ name: String, target: FaultTarget?, in raw: JSONObject, at path: String, nodes: [String]?, etcdMembers: Int) -> FaultAction? {
        switch name {
        case "heal":
            return .heal(target)
        case "pause":
            return .pause
        case "resume":
            return .resume
        case "switchover", "failover":
            return manualFailoverAction(name, in: raw, at: path, nodes: nodes)
        case "set-config":
            return setConfig(in: raw, at: path)
        case "partition":
            var peers: [PeerSelector] = [.etcd, .otherNodes, .clients]
            var direction = PartitionDirection.both
            if let from = raw["from"], let selectors = self.peers(from, at: JSONPath.child(path, "from"), nodes: nodes, etcdMembers: etcdMembers, target: target) {
                peers = selectors
            }
            if let directionValue = raw["direction"],
               let text = choice(directionValue, at: JSONPath.child(path, "direction"), from: PartitionDirection.allCases.map(\.rawValue)),
               let parsed = PartitionDirection(rawValue: text) {
                direction = parsed
            }
            return target.map { .partition(Partition(target: $0, peers: peers, direction: direction)) }
        case "freeze":
            if raw["for"] == nil {
                fail(path, "missing required key \"for\"")
            }
            guard let length = duration(raw, "for", in: path, positive: true), let target else {
                return nil
            }
            return .freeze(target, for: length)
        case "clock-step":
            if raw["by"] == nil {
                fail(path, "missing required key \"by\"")
            }
            guard let step = signedDuration(raw, "by", in: path), let target else {
                return nil
            }
            return .clockStep(target, by: step)
        case "slow-disk":
            return slowDisk(target: target, in: raw, at: path)
        default:
            guard let target else {
                return nil
            }
            switch name {
            case "stop": return .stop(target)
            case "kill": return .kill(target)
            case "kill-patroni": return .killPatroni(target)
            case "kill-postgres": return .killPostgres(target)
            case "start": return .start(target)
            case "break-postgres": return .breakPostgres(target)
            case "fix-postgres": return .fixPostgres(target)
            case "fast-disk": return .fastDisk(target)
            case "reinit": return .reinit(target)
            default: return nil
            }
        }
    }
}
