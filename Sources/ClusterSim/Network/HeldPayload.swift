/// The etcd traffic: messages whose content holds references (keys, values, log entries).
enum HeldPayload {
    /// A Patroni process's request to etcd; `generation` names the process.
    case etcdRequest(callID: UInt64, attempt: UInt64, generation: UInt64, EtcdRequest)
    /// etcd's answer; `watchEnded` tells the client that its watch was closed meanwhile
    /// (the connection's reset reaches it with the next answer that gets through).
    case etcdResponse(callID: UInt64, attempt: UInt64, generation: UInt64, EtcdResponse, watchEnded: Bool)
    /// A watch event for the watcher registered by process `generation`.
    case watch(generation: UInt64, WatchEvent)
    /// A message between etcd members.
    case raft(RaftMessage)
}
