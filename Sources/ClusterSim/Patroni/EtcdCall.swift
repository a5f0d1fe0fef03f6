/// One etcd client call of a Patroni process, with Patroni's timeouts (PATRONI.md §1.5).
///
/// With one endpoint the client makes up to three HTTP attempts of `retry_timeout / 3`
/// each; a call with a retry object then backs off and tries again until its deadline.
struct EtcdCall {
    /// Which step of the HA loop continues when the call ends.
    enum Purpose: Equatable {
        case grantLease
        case initialLoad
        case reloadCache
        case updateLockKeepAlive
        case updateLockGrant
        case updateLockRebind
        case writeStatus
        case writeHistory
        case writeFailsafe
        case touchKeepAlive
        case touchGrant
        case touchMember
        case acquireKeepAlive
        case acquireGrant
        case acquireLock
        case initializeRace
        case writeInitialize
        case writeConfig
        case takeLeader
        case writeSync
        case prePromoteSync
        case releaseLeader
        case releaseAfterCrash
        case releaseAfterFailedStart
        case shutdownMember
        case writeFailover
        case releaseWhilePaused
    }

    var id: UInt64
    var request: EtcdRequest
    var purpose: Purpose
    /// When the call gives up, on the node's wall clock (Patroni's `Retry` uses `time.time()`).
    var deadline: SimInstant
    /// Whether it retries with back-off after the HTTP attempts fail.
    var retries: Bool
    /// HTTP attempts made in the current round.
    var attemptsInRound: Int = 0
    /// The current back-off sleep.
    var backoff: SimDuration = .millis(100)
    /// Identifies the current attempt, so that a late timeout is ignored.
    var attempt: UInt64 = 0
}

/// How an etcd call ended.
enum EtcdCallResult: Equatable {
    /// etcd answered.
    case answered(EtcdResponse)
    /// No answer before the deadline: a DCS error.
    case failed
}
