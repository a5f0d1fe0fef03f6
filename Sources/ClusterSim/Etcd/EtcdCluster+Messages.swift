/// The messages the etcd members handle: client requests and raft traffic.
extension EtcdCluster {
    /// A message from host `sender` reaches `member`.
    mutating func receive(_ payload: Payload, from sender: HostID, at member: MemberID, _ env: inout Environment) {
        if case .watchClosed(let generation) = payload, let node = layout.node(on: sender) {
            watchClosed(by: node, generation: generation)
            return
        }
        guard case .held(let slot) = payload else { return }
        switch env.network.held.release(slot) {
        case let .etcdRequest(callID, attempt, generation, request):
            receive(request, callID: callID, attempt: attempt, generation: generation, from: sender, at: member, &env)
        case .raft(let message):
            guard let peer = layout.member(on: sender) else { return }
            receive(message, at: member, from: peer, &env)
        case .etcdResponse, .watch:
            preconditionFailure("an etcd member received etcd traffic meant for a node")
        }
    }
}
