extension Simulation {
    /// The interval between two writes of the workload.
    private var writeInterval: SimDuration {
        SimDuration(microseconds: 1_000_000 / Int64(max(1, options.workload.writesPerSecond)))
    }

    /// Schedules the first write and HAProxy's first checks (spread over one `inter`).
    func scheduleWorkloadStart() {
        guard options.workload.writesPerSecond > 0 else { return }
        env.scheduler.schedule(.clientWrite, at: options.workload.startAt)
        guard options.workload.router == .haproxy else { return }
        let inter = options.workload.haproxy.inter.microseconds
        for server in 0..<options.nodes.count {
            let offset = clients.random.nextInt(in: 0...max(0, inter - 1))
            env.scheduler.schedule(.haproxyCheck(server: server), at: SimInstant(microseconds: offset))
        }
    }

    /// A client starts a write through HAProxy.
    func startWrite() {
        env.scheduler.schedule(.clientWrite, after: writeInterval)
        ledger.attempted += 1
        guard let server = options.workload.router == .fixed ? coordinator.applicationTarget : clients.pickServer() else {
            ledger.fail("no server available (HAProxy has no server up)", at: now)
            recordWrite(acked: false)
            return
        }
        let id = clients.nextWriteID
        clients.nextWriteID += 1
        clients.pending.add(id, PendingWrites.Write(server: server, deadline: now + options.workload.clientTimeout))
        send(.write(id: id), from: layout.router, to: HostID(server))
        armWriteTimeout()
    }

    /// A node's PostgreSQL handles a write: commit on a primary, an error elsewhere.
    func writeReceived(at node: Int, id: UInt64) {
        switch postgres[node].state {
        case .stopped, .crashed:
            send(.refused(.write(id: id)), from: HostID(node), to: layout.router)
        case .starting:
            send(.writeResult(id: id, .rejected(.startingUp)), from: HostID(node), to: layout.router)
        case .stopping:
            send(.writeResult(id: id, .rejected(.shuttingDown)), from: HostID(node), to: layout.router)
        case .running, .promoting:
            // `acceptsWrites`, read field by field: calling a computed property on an
            // element of `postgres` copies the whole instance, arrays and all.
            guard postgres[node].state == .running, postgres[node].isPrimary else {
                send(.writeResult(id: id, .rejected(.readOnly)), from: HostID(node), to: layout.router)
                return
            }
            extendWAL(node, to: postgres[node].lsn + options.postgres.walBytesPerWrite)
            env.recorder.writablePrimary.writeAccepted(by: node)
            env.recorder.fencedPrimary.writeAccepted(by: node)
            if commitWaits(on: node) {
                postgres[node].waitingCommits.append(WaitingCommit(writeID: id, lsn: postgres[node].lsn))
                releaseCommits(node)
            } else {
                send(.writeResult(id: id, .committed(branch: postgres[node].branch, lsn: postgres[node].lsn)), from: HostID(node), to: layout.router)
            }
        }
    }

    /// The client gets the answer to a write.
    func writeAnswered(id: UInt64, server: Int, outcome: WriteOutcome) {
        guard clients.pending.remove(id) != nil else { return }
        switch outcome {
        case let .committed(branch, lsn):
            ledger.ack(branch: branch, lsn: lsn, spacing: options.postgres.walBytesPerWrite, at: now)
            recordWrite(acked: true)
            let time = now
            env.recorder.failovers.writeAcked(by: server, at: time)
        case .rejected(let reason):
            ledger.fail(reason.text, at: now)
            recordWrite(acked: false)
        }
    }

    /// The clients stop waiting for the writes whose timeout passed, and the timer is
    /// re-armed for the oldest write still pending.
    func writesTimedOut() {
        clients.timeoutArmedFor = nil
        let expired = clients.pending.expire(at: now)
        if !expired.isEmpty {
            let reason = "timeout after \(options.workload.clientTimeout)"
            for _ in expired {
                ledger.fail(reason, at: now)
                recordWrite(acked: false)
            }
        }
        armWriteTimeout()
    }

    /// Arms the one write-timeout timer for the oldest pending write, unless it is armed.
    private func armWriteTimeout() {
        guard clients.timeoutArmedFor == nil, let deadline = clients.pending.oldestDeadline else { return }
        clients.timeoutArmedFor = deadline
        env.scheduler.schedule(.writeTimeout, at: deadline)
    }

    /// HAProxy sends `OPTIONS /primary` to `server` and schedules the next check.
    func runCheck(_ server: Int) {
        env.scheduler.schedule(.haproxyCheck(server: server), after: options.workload.haproxy.inter)
        if let stale = clients.servers[server].check {
            checkFailed(server, check: stale)
        }
        let check = clients.nextCheckID
        clients.nextCheckID += 1
        clients.servers[server].check = check
        send(.checkRequest(check: check), from: layout.router, to: HostID(server))
        env.scheduler.schedule(.haproxyCheckTimeout(server: server, check: check), after: options.workload.haproxy.checkTimeout)
    }

    /// Patroni's REST API answers `/primary`: 200 while it believes itself leader (PATRONI.md §8.1).
    func answerCheck(at node: Int, check: UInt64) {
        if !patroniManaged {
            if postgres[node].acceptsConnections {
                send(.checkResponse(check: check, up: postgres[node].acceptsWrites), from: HostID(node), to: layout.router)
            } else {
                send(.refused(.check(check: check)), from: HostID(node), to: layout.router)
            }
            return
        }
        guard agents[node].process == .running else {
            send(.refused(.check(check: check)), from: HostID(node), to: layout.router)
            return
        }
        send(.checkResponse(check: check, up: agents[node].isLeader(at: wallNow(node))), from: HostID(node), to: layout.router)
    }

    /// A check timed out.
    func checkFailed(_ server: Int, check: UInt64) {
        checkAnswered(server: server, check: check, up: false)
    }

    /// Applies one check result to HAProxy's `rise` / `fall` counters.
    func checkAnswered(server: Int, check: UInt64, up: Bool) {
        guard clients.servers[server].check == check else { return }
        clients.servers[server].check = nil
        let haproxy = options.workload.haproxy
        if up {
            clients.servers[server].goodStreak += 1
            clients.servers[server].badStreak = 0
            if !clients.servers[server].up && clients.servers[server].goodStreak >= haproxy.rise {
                clients.servers[server].up = true
                note(layout.router, "haproxy-up", "server \(name(server)) is UP")
            }
        } else {
            clients.servers[server].badStreak += 1
            clients.servers[server].goodStreak = 0
            if clients.servers[server].up && clients.servers[server].badStreak >= haproxy.fall {
                clients.servers[server].up = false
                note(layout.router, "haproxy-down", "server \(name(server)) is DOWN")
            }
        }
    }
}
