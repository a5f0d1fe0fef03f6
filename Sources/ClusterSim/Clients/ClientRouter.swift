/// The clients and their router: the write workload, HAProxy's health checks of each
/// server (a node's REST `/primary`), or the fixed server the application's connection
/// string names, the writes in flight and the account of every write.
///
/// It runs on its own host (`HostLayout.router`); writes and checks reach the nodes as
/// messages, and their answers come back the same way.
struct ClientRouter {
    /// HAProxy's view of one server.
    struct ServerHealth {
        var up = false
        var goodStreak = 0
        var badStreak = 0
        /// The check in flight, if any.
        var check: UInt64?
    }

    /// The workload and the router's settings.
    let workload: WorkloadOptions
    /// The hosts; the router's is `layout.router`.
    let layout: HostLayout
    /// HAProxy's view of each server, by `NodeID`.
    var servers: [ServerHealth]
    /// The workload's draws (stream `workload`).
    var random: RandomStream
    var nextCheckID: UInt64 = 0
    var nextWriteID: UInt64 = 0
    /// Writes in flight, oldest first.
    var pending = PendingWrites()
    /// The deadline the write-timeout timer is armed for, if it is.
    var timeoutArmedFor: SimInstant?
    /// Where HAProxy's round robin continues.
    var roundRobin = 0
    /// The node the application's connection string names (router `fixed`).
    var applicationTarget = NodeID(0)
    /// The account of every write.
    var ledger = WriteLedger()

    /// The router of `layout` in front of its nodes, drawing from `random`.
    init(workload: WorkloadOptions, layout: HostLayout, random: RandomStream) {
        self.workload = workload
        self.layout = layout
        servers = Array(repeating: ServerHealth(), count: layout.nodeCount)
        self.random = random
    }

    /// The router's host.
    var host: HostID { layout.router }

    /// The interval between two writes of the workload.
    private var writeInterval: SimDuration {
        SimDuration(microseconds: 1_000_000 / Int64(max(1, workload.writesPerSecond)))
    }

    /// Schedules the first write and HAProxy's first checks (spread over one `inter`).
    mutating func start(_ env: inout Environment) {
        guard workload.writesPerSecond > 0 else { return }
        env.scheduler.schedule(.clientWrite, at: workload.startAt)
        guard workload.router == .haproxy else { return }
        let inter = workload.haproxy.inter.microseconds
        for server in servers.indices {
            let offset = random.nextInt(in: 0...max(0, inter - 1))
            env.scheduler.schedule(.haproxyCheck(server: NodeID(server)), at: SimInstant(microseconds: offset))
        }
    }

    /// A client starts a write through the router.
    mutating func startWrite(_ env: inout Environment) {
        env.scheduler.schedule(.clientWrite, after: writeInterval)
        ledger.attempted += 1
        guard let server = workload.router == .fixed ? applicationTarget : pickServer() else {
            fail("no server available (HAProxy has no server up)", &env)
            return
        }
        let id = nextWriteID
        nextWriteID += 1
        pending.add(id, PendingWrites.Write(server: server, deadline: env.now + workload.clientTimeout))
        env.send(.write(id: id), from: host, to: layout.host(of: server))
        armWriteTimeout(&env)
    }

    /// The client gets the answer to a write from `server`.
    mutating func writeAnswered(id: UInt64, server: NodeID, outcome: WriteOutcome, _ env: inout Environment) {
        guard pending.remove(id) != nil else { return }
        switch outcome {
        case let .committed(branch, lsn):
            ledger.ack(at: env.now)
            env.writeAcknowledged(branch: branch, lsn: lsn, by: server)
        case .rejected(let reason):
            fail(reason.text, &env)
        }
    }

    /// The clients stop waiting for the writes whose timeout passed, and the timer is
    /// re-armed for the oldest write still pending.
    mutating func writesTimedOut(_ env: inout Environment) {
        timeoutArmedFor = nil
        let expired = pending.expire(at: env.now)
        if !expired.isEmpty {
            let reason = "timeout after \(workload.clientTimeout)"
            for _ in expired { fail(reason, &env) }
        }
        armWriteTimeout(&env)
    }

    /// A write failed with `reason`.
    private mutating func fail(_ reason: String, _ env: inout Environment) {
        ledger.fail(reason, at: env.now)
        env.writeFailed()
    }

    /// Arms the one write-timeout timer for the oldest pending write, unless it is armed.
    private mutating func armWriteTimeout(_ env: inout Environment) {
        guard timeoutArmedFor == nil, let deadline = pending.oldestDeadline else { return }
        timeoutArmedFor = deadline
        env.scheduler.schedule(.writeTimeout, at: deadline)
    }

    /// The next server to send a write to: round robin over the servers marked up.
    private mutating func pickServer() -> NodeID? {
        var candidate = roundRobin
        for _ in servers.indices {
            if servers[candidate].up {
                roundRobin = following(candidate)
                return NodeID(candidate)
            }
            candidate = following(candidate)
        }
        return nil
    }

    /// The server after `server` in round-robin order (a compare, not a division).
    private func following(_ server: Int) -> Int {
        server + 1 < servers.count ? server + 1 : 0
    }
}
