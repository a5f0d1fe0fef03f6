/// The operator's requests through `patronictl`: switchover and failover, pause and
/// resume, and `edit-config`. `patronictl` reads the cluster from etcd, then asks a node's
/// REST API, whose handler acts with that node's own view and its own etcd client.
extension FaultInjector {
    // MARK: `POST /switchover` and `POST /failover` (`api.py::do_POST_failover`, PATRONI.md §6.1)

    /// An operator's switchover or failover request. Like `patronictl`, it goes to the REST
    /// API of the node the leader key names, or of the candidate when there is no leader
    /// (see `Node.failoverRequested`).
    /// Returns the node whose REST API handled it.
    mutating func requestManualFailover(_ fault: Fault, kind: ManualFailoverKind, candidate: FaultTarget?, scheduledAt: SimInstant?,
                                        nodes: inout [Node], etcd: EtcdCluster, _ env: inout Environment) -> NodeID? {
        let candidateNode: NodeID? = {
            if case .node(let index, _)? = candidate { return NodeID(index) }
            return nil
        }()
        let handler = etcd.currentLeader ?? candidateNode
        env.recordFault(fault, node: handler)
        env.note(nil, .fault, "fault: \(fault.action.label)")
        guard let handler, nodes[handler].agent.process == .running, nodes[handler].frozenUntil == nil else {
            let api = handler.map { "of \(layout.name(of: $0)) " } ?? ""
            env.note(nil, .manualFailover, "POST /\(kind.rawValue): no answer, the REST API \(api)is not running")
            return nil
        }
        nodes[handler].failoverRequested(kind, candidate: candidateNode, scheduledAt: scheduledAt, &env)
        return handler
    }

    // MARK: `patronictl pause` / `resume` (`ctl.py::toggle_pause`, `api.py::do_PATCH_config`)

    /// Sets or clears `pause` in `/config`. `patronictl` reads the cluster from etcd, refuses
    /// if nothing would change, and PATCHes `/config` on the leader's REST API (or the first
    /// member whose API answers), whose handler writes the key; the watch event on `/config`
    /// wakes every node, the handler's too (its own `wakeup()` comes at the same moment).
    func requestPause(_ fault: Fault, paused: Bool, nodes: [Node], etcd: EtcdCluster, _ env: inout Environment) {
        let handler = operatorHost(nodes: nodes, etcd: etcd)
        env.recordFault(fault, node: handler)
        env.note(nil, .fault, "fault: \(fault.action.label)")
        guard case var .config(config)? = etcd.store.entries[etcd.keys.config]?.value else {
            env.note(nil, .manualFailover, "Error: the cluster has no configuration yet")
            return
        }
        if config.pause == paused {
            env.note(nil, .manualFailover, "Error: Cluster is \(paused ? "already" : "not") paused")
            return
        }
        config.pause = paused
        guard let handler, nodes[handler].restWrite(.put(key: etcd.keys.config, value: .config(config), lease: 0), &env) else {
            env.note(nil, .manualFailover, "Error: Can not find accessible cluster member")
            return
        }
        env.note(layout.host(of: handler), .manualFailover, "Success: cluster management is \(paused ? "paused" : "resumed")")
    }

    /// `patronictl edit-config`: the tool reads `config` from etcd, merges the change and
    /// writes it back with its own etcd client, from the operator's host (see
    /// ``operatorHost(nodes:etcd:)``), so the write goes through etcd's leader and needs a
    /// quorum like any other; every watcher sees the new value (and wakes, PATRONI.md §1.2).
    func setConfig(_ change: DynamicConfigChange, nodes: [Node], etcd: EtcdCluster, _ env: inout Environment) {
        guard case .config(let current)? = etcd.store.entries[etcd.keys.config]?.value else {
            env.note(nil, .noOp, "set-config skipped: no config key in the DCS yet")
            return
        }
        let request = EtcdRequest.put(key: etcd.keys.config, value: .config(change.applied(to: current)), lease: 0)
        guard let host = operatorHost(nodes: nodes, etcd: etcd), nodes[host].restWrite(request, &env) else {
            env.note(nil, .setConfig, "set-config failed: patronictl cannot reach etcd")
            return
        }
    }

    /// Where `patronictl` reaches the cluster: the leader's node, or the first member whose
    /// Patroni runs (not frozen); nil when none does.
    private func operatorHost(nodes: [Node], etcd: EtcdCluster) -> NodeID? {
        let answers: (Node) -> Bool = { $0.agent.process == .running && $0.frozenUntil == nil }
        return etcd.currentLeader.flatMap { answers(nodes[$0]) ? $0 : nil } ?? nodes.first(where: answers)?.id
    }
}
