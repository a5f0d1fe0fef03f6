extension Simulation {
    /// Sends `payload` from `from` to `to`: delivered after the network delay if the
    /// link is open, silently dropped otherwise. Returns whether it left.
    @discardableResult
    func send(_ payload: Payload, from: Int, to: Int, extraDelay: SimDuration = .zero) -> Bool {
        guard network.isOpen(from: from, to: to) else { return false }
        let delay = network.nextDelay() + extraDelay
        scheduler.schedule(.deliver(Message(from: from, to: to, payload: payload)), after: delay)
        return true
    }

    /// Sends etcd traffic: its content waits in `Network.held` until the delivery (and is
    /// not held at all when the link drops it).
    @discardableResult
    func send(_ payload: consuming HeldPayload, from: Int, to: Int, extraDelay: SimDuration = .zero) -> Bool {
        guard network.isOpen(from: from, to: to) else { return false }
        return send(.held(slot: network.held.hold(payload)), from: from, to: to, extraDelay: extraDelay)
    }

    /// Routes a delivered message to the component that handles it.
    func deliver(_ message: Message) {
        let to = message.to
        switch message.payload {
        case .held(let slot):
            deliverHeld(network.held.release(slot), at: to, from: message.from)
        case let .probeRequest(round, generation):
            answerProbe(at: to, from: message.from, round: round, generation: generation)
        case let .probeResponse(round, generation, answer):
            guard agents[to].generation == generation else { return }
            recordProbe(to, round: round, target: message.from, answer: answer)
        case let .failsafeRequest(round, attempt, generation):
            answerFailsafe(at: to, from: message.from, round: round, attempt: attempt, generation: generation)
        case let .failsafeResponse(round, attempt, generation, accepted):
            guard agents[to].generation == generation else { return }
            failsafeAnswered(to, round: round, target: message.from, attempt: attempt,
                             answer: accepted ? .accepted : .runningAsLeader)
        case .checkRequest(let check):
            answerCheck(at: to, check: check)
        case let .checkResponse(check, up):
            checkAnswered(server: message.from, check: check, up: up)
        case .refused(let refusal):
            deliverRefusal(refusal, at: to, from: message.from)
        case let .walConnect(attempt, branch, lsn):
            walConnectReceived(at: to, from: message.from, attempt: attempt, branch: branch, lsn: lsn)
        case let .walAccepted(attempt, branch, lsn):
            walAccepted(at: to, from: message.from, attempt: attempt, branch: branch, lsn: lsn)
        case let .walRefused(attempt, reason):
            walRefused(at: to, from: message.from, attempt: attempt, reason: reason.text(name: name))
        case let .walData(branch, lsn):
            walDataReceived(at: to, from: message.from, branch: branch, lsn: lsn)
        case .walClosed:
            if postgres[to].receiver == .streaming(upstream: message.from) { receiverLost(to) }
        case .walFlushed(let lsn):
            standbyFlushed(message.from, upTo: lsn, at: to)
        case .pgPing(let token):
            if postgres[to].acceptsConnections {
                send(.pgPong(token: token, primary: postgres[to].acceptsWrites), from: to, to: message.from)
            } else {
                send(.refused(.ping(token: token)), from: to, to: message.from)
            }
        case let .pgPong(token, primary):
            pingAnswered(token, reachable: true, primary: primary)
        case .write(let id):
            writeReceived(at: to, id: id)
        case let .writeResult(id, outcome):
            writeAnswered(id: id, server: message.from, outcome: outcome)
        }
    }

    /// Routes delivered etcd traffic.
    private func deliverHeld(_ payload: consuming HeldPayload, at to: Int, from: Int) {
        switch payload {
        case let .etcdRequest(callID, attempt, generation, request):
            etcdReceive(request, callID: callID, attempt: attempt, generation: generation, from: from,
                        member: to - layout.etcd(0))
        case let .etcdResponse(callID, attempt, generation, response):
            guard agents[to].generation == generation, agents[to].process != .stopped else { return }
            etcdAnswered(to, callID: callID, attempt: attempt, response: response)
        case let .watch(generation, event):
            watchDelivered(to, generation: generation, event: event)
        case .raft(let raftMessage):
            raftReceive(raftMessage, at: to - layout.etcd(0), from: from)
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
            checkAnswered(server: from, check: check, up: false)
        case .wal(let attempt):
            walRefused(at: to, from: from, attempt: attempt, reason: WalRefusal.connectionRefused.text(name: name))
        case .write(let id):
            writeAnswered(id: id, server: from, outcome: .rejected(.connectionRefused))
        case .ping(let token):
            pingAnswered(token, reachable: false, primary: false)
        }
    }
}
