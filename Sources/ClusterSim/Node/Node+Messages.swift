/// The messages a node's processes handle: its Patroni's REST API and etcd client, and its
/// PostgreSQL's walsender, walreceiver and client sessions.
extension Node {
    /// `message` reaches this node. Client writes and WAL, the bulk of a run's messages, go
    /// straight to their handlers; this small function is inlined into the delivery, so they
    /// skip the large switch over every other message.
    @inline(__always)
    mutating func receive(_ message: Message, _ env: inout Environment) {
        switch message.payload {
        case .write(let write):
            writeReceived(id: write, &env)
        case let .walData(branch, lsn):
            guard let upstream = layout.node(on: message.from) else { return }
            walDataReceived(from: upstream, branch: branch, lsn: lsn, &env)
        default:
            receiveControl(message, &env)
        }
    }

    /// Every other message: Patroni's REST API and etcd client, replication control, copies,
    /// health checks and the operator's orders.
    private mutating func receiveControl(_ message: Message, _ env: inout Environment) {
        let sender = message.from
        switch message.payload {
        case .held(let slot):
            receive(env.network.held.release(slot), from: sender, &env)
        case let .probeRequest(round, generation):
            probeReceived(from: sender, round: round, generation: generation, &env)
        case let .probeResponse(round, generation, answer):
            guard agent.generation == generation, let target = layout.node(on: sender) else { return }
            recordProbe(round: round, target: target, answer: answer, &env)
        case let .failsafeRequest(round, attempt, generation):
            guard let leader = layout.node(on: sender) else { return }
            failsafeReceived(from: leader, round: round, attempt: attempt, generation: generation, &env)
        case let .failsafeResponse(round, attempt, generation, accepted):
            guard agent.generation == generation, let target = layout.node(on: sender) else { return }
            failsafeAnswered(round: round, target: target, attempt: attempt, answer: accepted ? .accepted : .runningAsLeader, &env)
        case .checkRequest(let check):
            checkReceived(check: check, &env)
        case .refused(let refusal):
            refused(refusal, by: sender, &env)
        case let .walConnect(attempt, branch, lsn):
            guard let replica = layout.node(on: sender) else { return }
            walConnectReceived(from: replica, attempt: attempt, branch: branch, lsn: lsn, &env)
        case let .walAccepted(attempt, branch, lsn):
            guard let upstream = layout.node(on: sender) else { return }
            walAccepted(from: upstream, attempt: attempt, branch: branch, lsn: lsn, &env)
        case let .walRefused(attempt, reason):
            guard let upstream = layout.node(on: sender) else { return }
            walRefused(from: upstream, attempt: attempt, reason: reason.text(name: nodeName), &env)
        case .walClosed(let attempt):
            guard let upstream = layout.node(on: sender) else { return }
            walClosed(by: upstream, attempt: attempt, &env)
        case .walReceiverClosed(let attempt):
            guard let replica = layout.node(on: sender) else { return }
            walReceiverClosed(by: replica, attempt: attempt)
        case let .walFlushed(attempt, lsn):
            guard let standby = layout.node(on: sender) else { return }
            standbyFlushed(standby, attempt: attempt, upTo: lsn, &env)
        case let .transferRequest(kind, attempt, branch, lsn):
            guard let requester = layout.node(on: sender) else { return }
            transferRequested(kind, by: requester, attempt: attempt, branch: branch, lsn: lsn, &env)
        case let .transferDone(kind, attempt, lsn, systemIdentifier, branch):
            transferArrived(kind, attempt: attempt, branch: Int(branch), lsn: lsn, systemIdentifier: systemIdentifier, &env)
        case .timelineQuery(let token):
            timelineQueried(token: token, by: sender, &env)
        case let .timelineAnswer(token, primary, branch):
            rewindCheckAnswered(token: token, LeaderReply(primary: primary, branch: branch), &env)
        case .pgPing(let token):
            pingReceived(token: token, from: sender, &env)
        case let .pgPong(token, primary, _):
            scriptCheckAnswered(token: token, primaryHealthy: primary, &env)
        case .watchEnded(let generation):
            watchEnded(generation: generation)
        case .watchClosed:
            preconditionFailure("a node received a message meant for an etcd member")
        case .operatorPromote:
            operatorPromotes(&env)
        case .operatorRepoint(let primary):
            repoint(to: primary, &env)
        case .write, .walData:
            preconditionFailure("receive(_:_:) hands client writes and WAL to their handlers")
        case .checkResponse, .writeResult:
            preconditionFailure("a node received a message meant for the clients: \(message.payload)")
        }
    }

    /// etcd traffic from host `sender` reaches this node's Patroni.
    private mutating func receive(_ payload: consuming HeldPayload, from sender: HostID, _ env: inout Environment) {
        switch payload {
        case let .etcdResponse(callID, attempt, generation, response, watchEnded):
            guard agent.generation == generation, agent.process != .stopped else { return }
            if watchEnded { agent.cacheReady = false }
            etcdAnswered(callID: callID, attempt: attempt, response: response, &env)
        case let .watch(generation, event):
            watchDelivered(generation: generation, event: event, &env)
        case .etcdRequest, .raft:
            preconditionFailure("a node received etcd traffic meant for an etcd member")
        }
    }

    /// A connection to host `refuser` was refused.
    private mutating func refused(_ refusal: Refusal, by refuser: HostID, _ env: inout Environment) {
        switch refusal {
        case let .etcd(callID, attempt, generation):
            guard agent.generation == generation else { return }
            etcdAttemptFailed(callID: callID, attempt: attempt, &env)
        case let .probe(round, generation):
            guard agent.generation == generation, let target = layout.node(on: refuser) else { return }
            recordProbe(round: round, target: target, answer: .unreachable, &env)
        case let .failsafe(round, attempt, generation):
            guard agent.generation == generation, let target = layout.node(on: refuser) else { return }
            failsafeAnswered(round: round, target: target, attempt: attempt, answer: .unreachable, &env)
        case .wal(let attempt):
            guard let upstream = layout.node(on: refuser) else { return }
            walRefused(from: upstream, attempt: attempt, reason: WalRefusal.connectionRefused.text(name: nodeName), &env)
        case .transfer(_, let attempt):
            transferFailed(attempt: attempt, refused: true, &env)
        case .timeline(let token):
            rewindCheckAnswered(token: token, nil, &env)
        case .ping(let token):
            scriptCheckAnswered(token: token, primaryHealthy: false, &env)
        case .check, .write:
            preconditionFailure("a node received a refusal meant for the clients: \(refusal)")
        }
    }
}
