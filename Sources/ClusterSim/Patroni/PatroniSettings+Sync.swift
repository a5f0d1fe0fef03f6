extension PatroniSettings {
    /// `global_config.min_synchronous_nodes`: 1 in strict mode, else 0.
    var minimumSynchronousNodes: Int { synchronousModeStrict ? 1 : 0 }

    /// `global_config.synchronous_node_count`: the configured count, raised to the strict minimum.
    var wantedSynchronousNodes: Int { max(synchronousNodeCount, minimumSynchronousNodes) }
}
