/// What a node still reads of other nodes directly, through the facts they report to the
/// recorder, where the real system would ask them over the network.
extension Node {
    /// What `node` last reported of itself.
    func peer(_ node: NodeID, _ env: borrowing Environment) -> NodeFacts {
        env.recorder.nodes[node]
    }
}
