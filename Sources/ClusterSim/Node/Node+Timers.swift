/// The node's timers: each names the process incarnation that set it (`generation`), and
/// one that outlived its process or PostgreSQL instance is ignored.
extension Node {
    /// An HTTP attempt of an etcd call timed out.
    mutating func etcdAttemptTimedOut(generation: UInt64, callID: UInt64, attempt: UInt64, _ env: inout Environment) {
        guard agent.generation == generation else { return }
        etcdAttemptFailed(callID: callID, attempt: attempt, &env)
    }

    /// An etcd call's back-off ended.
    mutating func etcdRetryDue(generation: UInt64, callID: UInt64, _ env: inout Environment) {
        guard agent.generation == generation else { return }
        retryEtcdCall(callID: callID, &env)
    }

    /// A leader-race probe of `target` got no answer within 2 s.
    mutating func probeTimedOut(generation: UInt64, round: UInt64, target: NodeID, _ env: inout Environment) {
        guard agent.generation == generation else { return }
        recordProbe(round: round, target: target, answer: .unreachable, &env)
    }

    /// An attempt of `POST /failsafe` to `target` got no answer within 2 s.
    mutating func failsafeTimedOut(generation: UInt64, round: UInt64, target: NodeID, attempt: UInt64, _ env: inout Environment) {
        guard agent.generation == generation else { return }
        failsafeAnswered(round: round, target: target, attempt: attempt, answer: .unreachable, &env)
    }

    /// A PostgreSQL step of the instance `generation` finished.
    mutating func postgresStepDone(generation: UInt64, _ step: PostgresStep, _ env: inout Environment) {
        guard postgres.generation == generation else { return }
        finishPostgresStep(step, &env)
    }

    /// The walreceiver's retry interval ended.
    mutating func receiverRetryDue(generation: UInt64, _ env: inout Environment) {
        guard postgres.generation == generation, postgres.receiver == .waitingToRetry else { return }
        connectReceiver(&env)
    }

    /// A walreceiver's connection attempt got no answer in time.
    mutating func receiverTimedOut(generation: UInt64, attempt: UInt64, _ env: inout Environment) {
        guard postgres.generation == generation else { return }
        receiverTimedOut(attempt: attempt, &env)
    }
}
