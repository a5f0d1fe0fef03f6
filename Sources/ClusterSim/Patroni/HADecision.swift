/// What one cycle of Patroni's HA loop does (`Ha._run_cycle`, PATRONI.md §1.3), decided
/// from the node's own state and its view of the DCS alone.
///
/// A pure function, so that the order of Patroni's checks can be read and tested case by
/// case; `Node.decide` carries the decision out.
enum HADecision: Equatable {
    /// Renew the leader lock (`update_lock`) and act as the leader.
    case updateLock
    /// A long action is running and this node is not the leader: refresh the member key only.
    case touchMember
    /// A start by `Ha.recover` failed: `post_recover`.
    case postRecover
    /// The bootstrap finished: `post_bootstrap` publishes the cluster.
    case postBootstrap
    /// No data directory: race for `initialize`, or clone from the leader.
    case bootstrap
    /// Paused with PostgreSQL down: do not start it (release the key if holding it).
    case pausedWithoutPostgres
    /// Paused lock holder whose PostgreSQL runs read-only.
    case pausedLeaderNotPrimary
    /// PostgreSQL is down and another node (or nobody) leads: start it as a replica.
    case recover
    /// Nobody leads: check whether this node is the healthiest and race for the lock.
    case race
    /// Another node leads: follow it.
    case follow

    /// Who leads, as the node sees it.
    enum Leader: Equatable {
        /// No leader key (and no failsafe leader).
        case none
        /// This node holds the lock.
        case me
        /// Another node holds the lock.
        case other
    }

    /// The node's own state that the cycle looks at.
    struct Local: Equatable {
        /// An asynchronous action (start, stop, promotion, rewind...) is running.
        var actionInProgress = false
        /// The last start by `Ha.recover` failed.
        var startFailed = false
        /// `post_bootstrap` is still due.
        var postBootstrapPending = false
        /// There is a data directory.
        var hasData = true
        /// The postmaster process exists.
        var postgresAlive = true
        /// PostgreSQL runs (not starting, stopping or promoting).
        var postgresRunning = true
        /// PostgreSQL is a primary taking writes.
        var acceptsWrites = false
    }

    /// The decision for a node in state `local` that sees `leader` leading, maintenance
    /// mode being `paused`. The checks come in `_run_cycle`'s order.
    static func decide(_ local: Local, leader: Leader, paused: Bool) -> HADecision {
        if local.actionInProgress { return leader == .me ? .updateLock : .touchMember }
        if local.startFailed { return .postRecover }
        if local.postBootstrapPending { return .postBootstrap }
        if !local.hasData { return .bootstrap }
        if !local.postgresAlive && paused { return .pausedWithoutPostgres }
        if leader == .me && paused && !local.acceptsWrites && local.postgresRunning { return .pausedLeaderNotPrimary }
        if !local.postgresAlive { return leader == .me ? .updateLock : .recover }
        switch leader {
        case .none: return .race
        case .me: return .updateLock
        case .other: return .follow
        }
    }
}
