extension Simulation {
    /// Sends `payload` from `from` to `to` (see `Environment.send`). Returns whether it left.
    @discardableResult
    func send(_ payload: Payload, from: HostID, to: HostID, extraDelay: SimDuration = .zero) -> Bool {
        env.send(payload, from: from, to: to, extraDelay: extraDelay)
    }

    /// Sends etcd traffic (see `Environment.send`). Returns whether it left.
    @discardableResult
    func send(_ payload: consuming HeldPayload, from: HostID, to: HostID, extraDelay: SimDuration = .zero) -> Bool {
        env.send(payload, from: from, to: to, extraDelay: extraDelay)
    }

    /// Routes a delivered message to the component that handles it.
    func deliver(_ message: Message) {
        let to = message.to.index
        let sender = message.from.index
        switch message.payload {
        case .held(let slot):
            deliverHeld(env.network.held.release(slot), at: to, from: sender)
        case let .probeRequest(round, generation):
            answerProbe(at: to, from: sender, round: round, generation: generation)
        case let .probeResponse(round, generation, answer):
            guard agents[to].generation == generation else { return }
            recordProbe(to, round: round, target: sender, answer: answer)
        case let .failsafeRequest(round, attempt, generation):
            answerFailsafe(at: to, from: sender, round: round, attempt: attempt, generation: generation)
        case let .failsafeResponse(round, attempt, generation, accepted):
            guard agents[to].generation == generation else { return }
            failsafeAnswered(to, round: round, target: sender, attempt: attempt,
                             answer: accepted ? .accepted : .runningAsLeader)
        case .checkRequest(let check):
            answerCheck(at: to, check: check)
        case let .checkResponse(check, up):
            clients.checkAnswered(server: sender, check: check, up: up, &env)
        case .refused(let refusal):
            deliverRefusal(refusal, at: to, from: sender)
        case let .walConnect(attempt, branch, lsn):
            walConnectReceived(at: to, from: sender, attempt: attempt, branch: branch, lsn: lsn)
        case let .walAccepted(attempt, branch, lsn):
            walAccepted(at: to, from: sender, attempt: attempt, branch: branch, lsn: lsn)
        case let .walRefused(attempt, reason):
            walRefused(at: to, from: sender, attempt: attempt, reason: reason.text(name: name))
        case let .walData(branch, lsn):
            walDataReceived(at: to, from: sender, branch: branch, lsn: lsn)
        case .walClosed:
            if postgres[to].receiver == .streaming(upstream: sender) { receiverLost(to) }
        case .walFlushed(let lsn):
            standbyFlushed(sender, upTo: lsn, at: to)
        case .pgPing(let token):
            if postgres[to].acceptsConnections {
                send(.pgPong(token: token, primary: postgres[to].acceptsWrites), from: HostID(to), to: message.from)
            } else {
                send(.refused(.ping(token: token)), from: HostID(to), to: message.from)
            }
        case let .pgPong(token, primary):
            pingAnswered(token, reachable: true, primary: primary)
        case .write(let id):
            writeReceived(at: to, id: id)
        case let .writeResult(id, outcome):
            clients.writeAnswered(id: id, server: sender, outcome: outcome, &env)
        }
    }

    /// Routes delivered etcd traffic.
    private func deliverHeld(_ payload: consuming HeldPayload, at to: Int, from: Int) {
        switch payload {
        case let .etcdRequest(callID, attempt, generation, request):
            guard let member = layout.member(on: HostID(to)) else { return }
            etcd.receive(request, callID: callID, attempt: attempt, generation: generation, from: HostID(from), at: member, &env)
        case let .etcdResponse(callID, attempt, generation, response):
            guard agents[to].generation == generation, agents[to].process != .stopped else { return }
            etcdAnswered(to, callID: callID, attempt: attempt, response: response)
        case let .watch(generation, event):
            watchDelivered(to, generation: generation, event: event)
        case .raft(let raftMessage):
            guard let member = layout.member(on: HostID(to)), let sender = layout.member(on: HostID(from)) else { return }
            etcd.receive(raftMessage, at: member, from: sender, &env)
        }
    }

    private func deliverRefusal(_ refusal: Refusal, at to: Int, from: Int) {
        switch refusal {
        case let .etcd(callID, attempt, generation):
            guard agents[to].generation == generation else { return }
            etcdAttemptFailed(to, callID: callID, attempt: attempt)
        case let .probe(round, generation):
            guard agents[to].generation == generation else { return }
            recordProbe(to, round: round, target: from, answer: .unreachable)
        case let .failsafe(round, attempt, generation):
            guard agents[to].generation == generation else { return }
            failsafeAnswered(to, round: round, target: from, attempt: attempt, answer: .unreachable)
        case .check(let check):
            clients.checkAnswered(server: from, check: check, up: false, &env)
        case .wal(let attempt):
            walRefused(at: to, from: from, attempt: attempt, reason: WalRefusal.connectionRefused.text(name: name))
        case .write(let id):
            clients.writeAnswered(id: id, server: from, outcome: .rejected(.connectionRefused), &env)
        case .ping(let token):
            pingAnswered(token, reachable: false, primary: false)
        }
    }
}
