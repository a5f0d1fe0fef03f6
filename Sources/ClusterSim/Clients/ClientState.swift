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
        let n = servers.count
        for step in 0..<n {
            let candidate = (roundRobin + step) % n
            if servers[candidate].up {
                roundRobin = (candidate + 1) % n
                return candidate
            }
        }
        return nil
    }
}
