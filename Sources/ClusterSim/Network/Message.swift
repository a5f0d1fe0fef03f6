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
    /// The walsender ended the standby's connection `attempt` (its postmaster went away, it
    /// timed out, or it had no such connection: a TCP reset).
    case walClosed(attempt: UInt64)
    /// The walreceiver closed its connection `attempt` (the standby stopped streaming from this upstream).
    case walReceiverClosed(attempt: UInt64)
    /// A standby reports its flush position to its upstream: after each write in synchronous
    /// mode (the reply that synchronous commit waits for), and every status interval.
    case walFlushed(attempt: UInt64, lsn: Int64)
    /// A copy (`pg_basebackup` or pg_rewind) asked of a source node's PostgreSQL, by a node
    /// whose WAL ends at `lsn` on `branch`.
    case transferRequest(TransferKind, attempt: UInt64, branch: Int, lsn: Int64)
    /// The source finished sending: the copy ends at `lsn` on `branch`, of the cluster
    /// `systemIdentifier` (the branch, a small counter, as `Int32` so that an event stays
    /// within one cache line).
    case transferDone(TransferKind, attempt: UInt64, lsn: Int64, systemIdentifier: UInt64, branch: Int32)
    /// Patroni's rewind check asks the leader's PostgreSQL whether it is a primary and on
    /// which timeline (`pg_is_in_recovery()`, `IDENTIFY_SYSTEM`, `TIMELINE_HISTORY`).
    case timelineQuery(token: UInt64)
    /// Its answer: out of recovery or not, and the WAL branch.
    case timelineAnswer(token: UInt64, primary: Bool, branch: Int)
    /// A health check's connection attempt to a node's PostgreSQL (`pg_isready`).
    case pgPing(token: UInt64)
    /// PostgreSQL accepted it; `primary` tells whether it is out of recovery.
    case pgPong(token: UInt64, primary: Bool, lsn: Int64)
    /// The operator runs `pg_ctl promote` on the node (over ssh).
    case operatorPromote
    /// The operator points the node's `primary_conninfo` at `primary` and reloads it.
    case operatorRepoint(primary: NodeID)
    /// An etcd member closed the watch of the Patroni process `generation` (its process stopped).
    case watchEnded(generation: UInt64)
    /// A Patroni process `generation` went away: its connections to etcd close, its watch with them.
    case watchClosed(generation: UInt64)
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
    case transfer(TransferKind, attempt: UInt64)
    case timeline(token: UInt64)
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
