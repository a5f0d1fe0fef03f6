import ClusterSim

/// One point of a sweep's grid as set up before anything runs: its assignments, and either
/// why it is not a valid scenario or how Patroni would treat its timers and which closed-form
/// envelope it is checked against.
///
/// A point holds only values that shard files carry in their header, so `simrun merge`
/// rebuilds exactly what the unsharded sweep had.
public struct SweepPoint: Sendable, Equatable {
    /// The point's position in the grid (first axis slowest).
    public var index: Int
    /// The `KEY=VALUE` assignments of the point, one per axis.
    public var assignments: [String]
    /// Why the scenario with these assignments does not decode, as `$.path: message` lines
    /// joined by `; `; nil for a valid point, which is the only kind that runs.
    public var error: String?
    /// The timers in force after Patroni's validation (nil for an invalid point).
    public var timers: EffectiveTimers?
    /// How Patroni treats the timers, in a few words (`adjusted: loop_wait 15→1`), and why
    /// there is no envelope, if there is none; empty when there is nothing to say or the
    /// point is invalid.
    public var note: String
    /// The closed-form failover envelope, if one applies.
    public var envelope: FailoverEnvelope?

    /// Creates a point.
    public init(index: Int, assignments: [String], error: String?, timers: EffectiveTimers?, note: String, envelope: FailoverEnvelope?) {
        self.index = index
        self.assignments = assignments
        self.error = error
        self.timers = timers
        self.note = note
        self.envelope = envelope
    }

    /// The point for `scenario`, or an invalid point when `scenario` is the error it gave.
    init(index: Int, assignments: [String], scenario: Result<Scenario, ScenarioError>) {
        switch scenario {
        case .failure(let error):
            let problems = error.problems.map { $0.path.isEmpty ? $0.message : "\($0.path): \($0.message)" }
            self.init(index: index, assignments: assignments, error: problems.joined(separator: "; "),
                      timers: nil, note: "", envelope: nil)
        case .success(let scenario):
            let settings = scenario.options.patroni
            let timers = EffectiveTimers(settings)
            var notes: [String] = []
            if let treatment = Self.timerTreatment(settings, timers) { notes.append(treatment) }
            var envelope: FailoverEnvelope?
            switch FailoverEnvelope.derive(scenario.options) {
            case .envelope(let derived): envelope = derived
            case .unavailable(let reason): notes.append(reason)
            }
            self.init(index: index, assignments: assignments, error: nil, timers: timers,
                      note: notes.joined(separator: "; "), envelope: envelope)
        }
    }

    /// Whether the point decodes and runs.
    public var isValid: Bool { error == nil }

    /// How Patroni treats `settings`: `adjusted: ttl 10→20, loop_wait 15→1` when it changed
    /// them, `as given, Patroni would adjust ...` when `enforce_timer_rules` is false and the
    /// rules are broken, nil when the timers stand.
    static func timerTreatment(_ settings: PatroniSettings, _ timers: EffectiveTimers) -> String? {
        var enforced = settings
        enforced.enforceTimerRules = true
        let rules = EffectiveTimers(enforced)
        let changes = [
            ("ttl", settings.ttl, rules.ttl), ("loop_wait", settings.loopWait, rules.loopWait),
            ("retry_timeout", settings.retryTimeout, rules.retryTimeout),
        ].compactMap { name, given, adjusted -> String? in
            Int64(given) * 1_000_000 == adjusted.microseconds ? nil : "\(name) \(given)\u{2192}\(adjusted.microseconds / 1_000_000)"
        }
        guard !changes.isEmpty else { return nil }
        let list = changes.joined(separator: ", ")
        return settings.enforceTimerRules ? "adjusted: \(list)" : "as given (enforce_timer_rules false); Patroni would adjust \(list)"
    }
}
