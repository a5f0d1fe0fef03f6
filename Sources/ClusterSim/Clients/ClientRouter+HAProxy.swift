/// HAProxy's health checks: `OPTIONS /primary` on every server each `inter`, with `rise`
/// and `fall` (Patroni's example `haproxy.cfg`).
extension ClientRouter {
    /// HAProxy sends `OPTIONS /primary` to `server` and schedules the next check.
    mutating func runCheck(_ server: NodeID, _ env: inout Environment) {
        env.scheduler.schedule(.haproxyCheck(server: server), after: workload.haproxy.inter)
        if let stale = servers[server].check {
            checkAnswered(server: server, check: stale, up: false, &env)
        }
        let check = nextCheckID
        nextCheckID += 1
        servers[server].check = check
        env.send(.checkRequest(check: check), from: host, to: layout.host(of: server))
        env.scheduler.schedule(.haproxyCheckTimeout(server: server, check: check), after: workload.haproxy.checkTimeout)
    }

    /// Applies one check result to HAProxy's `rise` / `fall` counters (a timeout is a failed check).
    mutating func checkAnswered(server: NodeID, check: UInt64, up: Bool, _ env: inout Environment) {
        guard servers[server].check == check else { return }
        servers[server].check = nil
        let haproxy = workload.haproxy
        if up {
            servers[server].goodStreak += 1
            servers[server].badStreak = 0
            if !servers[server].up && servers[server].goodStreak >= haproxy.rise {
                servers[server].up = true
                env.note(host, .haproxyUp, "server \(layout.name(of: server)) is UP")
            }
        } else {
            servers[server].badStreak += 1
            servers[server].goodStreak = 0
            if servers[server].up && servers[server].badStreak >= haproxy.fall {
                servers[server].up = false
                env.note(host, .haproxyDown, "server \(layout.name(of: server)) is DOWN")
            }
        }
    }
}
