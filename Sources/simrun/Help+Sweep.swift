extension Help {
    static let sweepUsage = "simrun sweep <scenario.json> --grid key=values ... [--seeds N] [--first-seed N] [--set key=value ...] "
        + "[--jobs N] [--format text|csv|json | --shard k/n]"
    static let mergeUsage = "simrun merge <shard.jsonl>... [--format text|csv|json]"

    static let sweep = """
    OVERVIEW: Run a scenario over a grid of settings and many seeds, and print per grid
    point the failover time (fault to promoted) p50/p90/p99/max, the runs without a
    failover, PATRONI.md's closed-form envelope (min/mean/max) with the failovers outside
    it, the longest write outage p50/max, lost writes and violations. Invalid points are
    marked, Patroni's timer adjustments noted. The same command prints the same bytes,
    whatever the number of threads. The scenario's expect block is not checked.

    USAGE: \(sweepUsage)

    ARGUMENTS:
      <scenario.json>         The scenario file.

    OPTIONS:
      --grid <key=values>     A field by its dotted path and its values: a list
                              (patroni.ttl=20,30,45), integer ranges FROM..TO/STEP
                              (patroni.loop_wait=2..10/2) or duration ranges
                              (faults[0].at=60s..90s/10s). Repeatable; the first --grid
                              varies slowest.
      --seeds <n>             Seeds per grid point (default: 100).
      --first-seed <n>        The first seed (default: 1).
      --set <key=value>       Override a field before the grid applies (repeatable).
      --jobs <n>              Simulations run in parallel (default: every core).
      --format <text|csv|json>
                              Output format (default: text). csv and json give times in
                              milliseconds.
      --shard <k/n>           Run only the k-th of n deterministic parts of the runs and
                              write JSON lines for 'simrun merge' instead of a table.
      -h, --help              Show this help.

    On a terminal, stderr shows a progress line for sweeps longer than a second.
    """

    static let merge = """
    OVERVIEW: Combine the outputs of 'simrun sweep --shard k/n' into the table the
    unsharded sweep prints. Every shard 1/n...n/n must be given once, all of the same
    sweep, holding every run exactly once; otherwise the error says which file or run is
    wrong (exit status 65; 66 for an unreadable file).

    USAGE: \(mergeUsage)

    ARGUMENTS:
      <shard.jsonl>...        The shard files, in any order.

    OPTIONS:
      --format <text|csv|json>
                              Output format (default: text).
      -h, --help              Show this help.
    """
}
