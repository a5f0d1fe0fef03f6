/// The configuration one Patroni process runs with: the scenario's settings with the DCS
/// `config` key it last picked up laid over them, and the timers validated from those.
struct NodeConfig: Equatable {
    /// The settings in force on the node.
    var settings: PatroniSettings
    /// Its timers after Patroni's validation.
    var timers: EffectiveTimers
    /// The `config` value last picked up from the DCS, if any.
    var applied: DynamicConfig?

    /// The configuration before any `config` key was read: the scenario's own.
    init(settings: PatroniSettings, timers: EffectiveTimers) {
        self.settings = settings
        self.timers = timers
        applied = nil
    }
}
