/// The etcd traffic: messages whose content holds references (keys, values, log entries).
enum HeldPayload {
    /// A Patroni process's request to etcd; `generation` names the process.
    case etcdRequest(callID: UInt64, attempt: UInt64, generation: UInt64, EtcdRequest)
    /// etcd's answer.
    case etcdResponse(callID: UInt64, attempt: UInt64, generation: UInt64, EtcdResponse)
    /// A watch event for the watcher registered by process `generation`.
    case watch(generation: UInt64, WatchEvent)
    /// A message between etcd members.
    case raft(RaftMessage)
}
