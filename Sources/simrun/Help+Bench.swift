extension Help {
    static let benchUsage = "simrun bench [phold|scenario|soak|explore|all] [--format text|json] [--peers DIR] [--phold-events N] [--hours 1,24] [--scenario FILE] [--runs N]"

    static let bench = """
    OVERVIEW: Measure the engine and the models (build with -c release for meaningful figures).

    USAGE: \(benchUsage)

    ARGUMENTS:
      phold        PHOLD on ClusterSim's scheduler: 1,000 processes, 10,000,000 events; with the C and
                   SimPy peers of --peers run side by side when found.
      scenario     Scenarios/lab4-failover-crash.json repeated for 2 s: wall time per run and
                   virtual-to-wall ratio, on one core.
      soak         The lab cluster for 1 and 24 virtual hours at 1,000 writes/s, a failover every
                   10 minutes, each in a child process: wall time and peak resident memory.
      explore      Randomized 10-minute schedules at 20 writes/s, 300 seeds: runs per second on 1 core
                   and on all, each the fastest of five alternating rounds.
      all          Everything above (the default).

    OPTIONS:
      --format <text|json>   Output format (default: text).
      --peers <dir>          Where phold_c.c and phold_simpy.py are (default: ../shared/bench).
      --phold-events <n>     PHOLD events (default: 10000000; SimPy runs at most 1000000).
      --hours <list>         Soak lengths in hours (default: 1,24).
      --scenario <file>      The scenario benchmark's file.
      --runs <n>             Run the scenario exactly n times instead of for 2 s (fixed work, for
                             instruction-counting profilers such as callgrind).
      -h, --help             Show this help.
    """
}
