/// The progress of the failover script (`"ha": "none"`) or the operator (`"ha": "manual"`).
struct CoordinatorState {
    /// Since when the watched primary has failed every check, if it does.
    var failingSince: SimInstant?
    /// Whether the script already promoted its standby (it never acts twice).
    var scriptPromoted = false
    /// Whether the operator is working on an incident.
    var incidentOpen = false
    /// Draws of the operator's delays.
    var random: RandomStream

    init(random: RandomStream) {
        self.random = random
    }

    /// A delay drawn uniformly from `range`.
    mutating func draw(_ range: DurationRange) -> SimDuration {
        SimDuration(microseconds: random.nextInt(in: range.min.microseconds...range.max.microseconds))
    }
}
