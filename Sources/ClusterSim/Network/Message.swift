/// A message in flight between two hosts.
struct Message {
    var from: Int
    var to: Int
    var payload: Payload
}

/// What a message carries.
enum Payload {
    /// A Patroni process's request to etcd; `generation` names the process.
    indirect case etcdRequest(callID: UInt64, attempt: UInt64, generation: UInt64, EtcdRequest)
    /// etcd's answer.
    indirect case etcdResponse(callID: UInt64, attempt: UInt64, generation: UInt64, EtcdResponse)
    /// A watch event for the watcher registered by process `generation`.
    indirect case watch(generation: UInt64, WatchEvent)
    /// A message between etcd members.
    indirect case raft(RaftMessage)
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
    /// The walsender's refusal, with PostgreSQL's message.
    case walRefused(attempt: UInt64, reason: String)
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
    /// Rejected with PostgreSQL's error text.
    case rejected(String)
}
