/// A message in flight between two hosts, carried inside its delivery event (host
/// indices are stored in 32 bits to keep events small).
struct Message {
    private let sender: Int32
    private let receiver: Int32
    let payload: Payload

    init(from: HostID, to: HostID, payload: Payload) {
        sender = Int32(truncatingIfNeeded: from.index)
        receiver = Int32(truncatingIfNeeded: to.index)
        self.payload = payload
    }

    /// The sending host.
    var from: HostID { HostID(Int(sender)) }
    /// The receiving host.
    var to: HostID { HostID(Int(receiver)) }
}

/// What a message carries: plain data only, so that a delivery event holds its whole
/// message. The etcd traffic, whose keys, values and entries hold references, waits in
/// `Network.held` and travels as its slot (`held`).
enum Payload {
    /// etcd traffic whose content waits in this slot of `Network.held` until delivery.
    case held(slot: Int)
    /// The leader race's `GET /patroni`.
    case probeRequest(round: UInt64, generation: UInt64)
    /// Its answer.
    case probeResponse(round: UInt64, generation: UInt64, ProbeAnswer)
    /// A failsafe primary's `POST /failsafe` (`attempt` 1, or 2 for the retry).
    case failsafeRequest(round: UInt64, attempt: UInt64, generation: UInt64)
    /// Its answer: true for 200 "Accepted", false for 500 "Running as a leader".
    case failsafeResponse(round: UInt64, attempt: UInt64, generation: UInt64, accepted: Bool)
    /// HAProxy's `OPTIONS /primary`.
    case checkRequest(check: UInt64)
    /// Its answer: true for 200.
    case checkResponse(check: UInt64, up: Bool)
    /// A connection to a process that does not listen: refused at once.
    case refused(Refusal)
    /// A walreceiver asks to stream from its position.
    case walConnect(attempt: UInt64, branch: Int, lsn: Int64)
    /// The walsender's answer: streaming starts at the upstream's branch and end of WAL.
    case walAccepted(attempt: UInt64, branch: Int, lsn: Int64)
    /// The walsender's refusal.
    case walRefused(attempt: UInt64, reason: WalRefusal)
    /// WAL streamed up to `lsn` on `branch`.
    case walData(branch: Int, lsn: Int64)
    /// The walsender's connection closed because its postmaster went away.
    case walClosed
    /// A standby reports its flush position to its upstream (the reply that synchronous commit waits for).
    case walFlushed(lsn: Int64)
    /// A health check's connection attempt to a node's PostgreSQL (`pg_isready`).
    case pgPing(token: UInt64)
    /// PostgreSQL accepted it; `primary` tells whether it is out of recovery.
    case pgPong(token: UInt64, primary: Bool)
    /// A client write routed to a node's PostgreSQL.
    case write(id: UInt64)
    /// The node's answer to a write.
    case writeResult(id: UInt64, WriteOutcome)
}

/// Which request a refusal answers.
enum Refusal {
    case etcd(callID: UInt64, attempt: UInt64, generation: UInt64)
    case probe(round: UInt64, generation: UInt64)
    case failsafe(round: UInt64, attempt: UInt64, generation: UInt64)
    case check(check: UInt64)
    case wal(attempt: UInt64)
    case ping(token: UInt64)
    case write(id: UInt64)
}

/// How a write ended on the node.
enum WriteOutcome: Equatable {
    /// Committed at `lsn` on `branch`.
    case committed(branch: Int, lsn: Int64)
    /// Rejected with one of PostgreSQL's errors.
    case rejected(WriteRejection)
}
