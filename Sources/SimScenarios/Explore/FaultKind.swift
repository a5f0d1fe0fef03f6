/// The fault kinds `simrun explore` can put into a schedule (`--faults` names them).
public enum FaultKind: String, Sendable, Equatable, CaseIterable {
    /// `kill` of a node, usually followed by a `start`.
    case kill
    /// `stop` of a node, usually followed by a `start`.
    case stop
    /// A `partition` one way or both ways, healed later.
    case partition
    /// `kill-patroni`, usually followed by a `start`.
    case killPatroni = "kill-patroni"
    /// `kill-postgres`.
    case killPostgres = "kill-postgres"
    /// `freeze` of Patroni for a while.
    case freeze
    /// `clock-step` of a node's wall clock.
    case clockStep = "clock-step"

    /// The kinds that keep Patroni's guarantee (no clock faults, freezes or lone Patroni kills):
    /// the property tests and the default of `explore --safe`.
    public static let withinPatroniGuarantee: [FaultKind] = [.kill, .stop, .partition, .killPostgres]

    /// Parses a comma-separated list such as `kill,partition`; nil names an unknown kind.
    public static func list(_ text: String) -> Result<[FaultKind], FaultKindError> {
        var kinds: [FaultKind] = []
        for word in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let kind = FaultKind(rawValue: String(word)) else {
                return .failure(FaultKindError(word: String(word)))
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return .success(kinds)
    }
}

/// An unknown fault kind in `--faults`.
public struct FaultKindError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The word that is not a kind.
    public var word: String

    /// The message, listing the kinds.
    public var description: String {
        "unknown fault kind '\(word)'; expected a comma-separated list of " + FaultKind.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
