/// How a fault action names what it acts on.
extension FaultAction {
    /// The node or member the action acts on; nil for a heal of everything.
    var subject: FaultTarget? {
        switch self {
        case .stop(let t), .kill(let t), .start(let t), .killPatroni(let t), .killPostgres(let t),
             .freeze(let t, _), .clockStep(let t, _), .breakPostgres(let t), .fixPostgres(let t),
             .slowDisk(let t, _, _), .fastDisk(let t), .reinit(let t):
            return t
        case .partition(let p): return p.target
        case .heal(let t): return t
        case .switchover, .failover, .pause, .resume, .setConfig: return nil
        }
    }

    /// Whether the target was given as a role (`leader`, `replica`) rather than a name.
    var targetsRole: Bool {
        switch self {
        case .stop(let t), .kill(let t), .start(let t), .killPatroni(let t), .killPostgres(let t),
             .freeze(let t, _), .clockStep(let t, _), .breakPostgres(let t), .fixPostgres(let t),
             .slowDisk(let t, _, _), .fastDisk(let t), .reinit(let t):
            return t.isRole
        case .partition(let p): return p.target.isRole
        case .heal(let t): return t?.isRole ?? false
        case .switchover, .failover, .pause, .resume, .setConfig: return false
        }
    }

    /// Whether the action, applied to the leader, can make another node take over.
    var canCauseFailover: Bool {
        switch self {
        case .stop, .kill, .partition, .killPatroni, .killPostgres, .freeze, .clockStep: return true
        case .start, .heal, .switchover, .failover, .pause, .resume, .breakPostgres, .fixPostgres, .slowDisk, .fastDisk,
             .reinit, .setConfig: return false
        }
    }
}

extension FaultTarget {
    /// Whether this names a role resolved when the fault fires.
    var isRole: Bool {
        if case .node = self { return false }
        return true
    }
}
