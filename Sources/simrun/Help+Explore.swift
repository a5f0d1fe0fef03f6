extension Help {
    static let exploreUsage = "simrun explore <scenario.json> [--seeds N] [--first-seed N] [--faults kinds] [--length 10m] [--max-faults N] [--stop-at-first] [--shrink N] [--out DIR] [--jobs N] [--shard k/n] [--set key=value ...]"

    static let explore = """
    OVERVIEW: Run a random fault schedule for every seed (swarm testing: each seed also
    picks which fault kinds are enabled and how often), check every invariant, and shrink
    each failure to a minimal scenario file that 'simrun run' replays exactly.

    USAGE: \(exploreUsage)

    ARGUMENTS:
      <scenario.json>         The base scenario: its cluster, workload and checks are kept, its faults replaced.

    OPTIONS:
      --seeds <n>             How many seeds (default: 100).
      --first-seed <n>        The first seed (default: 1).
      --faults <kinds>        Allowed fault kinds, comma-separated: kill, stop, partition, kill-patroni,
                              kill-postgres, freeze, clock-step (default: all).
      --length <duration>     How long a schedule lasts (default: 10m); the run adds time to converge.
      --max-faults <n>        The most faults per schedule, restarts and heals not counted (default: 6).
      --stop-at-first         Stop after the batch of 64 seeds in which the first failure appears.
      --shrink <n>            Shrink the first n failures (default: 3; 0 turns shrinking off).
      --out <dir>             Where to write explore-<seed>-min.json files (default: .).
      --jobs <n>              Threads (default: all cores); results do not depend on it.
      --shard <k/n>           Run every n-th seed from the k-th and print JSON lines for 'simrun merge'.
      --set <key=value>       Override a field of the base scenario (repeatable).
      -h, --help              Show this help.

    Exit status: 0 when no run broke an invariant, 1 otherwise.
    """
}
