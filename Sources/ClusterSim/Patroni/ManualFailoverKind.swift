/// Which REST endpoint an operator's request went to (`/switchover` or `/failover`);
/// Patroni words its answers after it.
public enum ManualFailoverKind: String, Sendable, Equatable {
    /// `POST /switchover`: from a named leader.
    case switchover
    /// `POST /failover`: to a named candidate, with or without a leader.
    case failover

    /// `Switchover` / `Failover`, as Patroni's `action.title()`.
    var title: String { self == .switchover ? "Switchover" : "Failover" }
}
