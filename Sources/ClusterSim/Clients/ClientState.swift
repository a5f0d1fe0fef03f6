/// The clients and their HAProxy: health of each server, and the writes in flight.
struct ClientState {
    /// HAProxy's view of one server (a node's REST `/primary` check).
    struct ServerHealth {
        var up = false
        var goodStreak = 0
        var badStreak = 0
        /// The check in flight, if any.
        var check: UInt64?
    }

    var servers: [ServerHealth]
    var random: RandomStream
    var nextCheckID: UInt64 = 0
    var nextWriteID: UInt64 = 0
    /// Writes in flight, oldest first.
    var pending = PendingWrites()
    /// The deadline the write-timeout timer is armed for, if it is.
    var timeoutArmedFor: SimInstant?
    /// Where HAProxy's round robin continues.
    var roundRobin = 0

    init(serverCount: Int, random: RandomStream) {
        servers = Array(repeating: ServerHealth(), count: serverCount)
        self.random = random
    }

    /// The next server to send a write to: round robin over the servers marked up.
    mutating func pickServer() -> Int? {
        var candidate = roundRobin
        for _ in servers.indices {
            if servers[candidate].up {
                roundRobin = following(candidate)
                return candidate
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
