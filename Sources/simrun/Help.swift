/// The help texts of `simrun`, in swift-argument-parser's layout.
enum Help {
    static let usageLine = "simrun <subcommand> [options]"
    static let runUsage = "simrun run <scenario.json> [--seed N] [--set key=value ...] [--format text|json]"
    static let checkUsage = "simrun check <scenario.json>... [--seed N] [--set key=value ...]"
    static let validateUsage = "simrun validate <scenario.json>... [--set key=value ...]"
    static let compareUsage = "simrun compare <scenario.json>... [--seed N] [--set key=value ...] [--format text|csv|json]"

    static let overview = """
    OVERVIEW: A deterministic simulator of a PostgreSQL cluster run by Patroni with etcd.

    USAGE: simrun <subcommand> [options]

    SUBCOMMANDS:
      run         Run one scenario and print its timeline, failover phases and verdict.
      check       Run scenarios and check their expect blocks.
      validate    Check scenario files without running them.
      compare     Run scenarios and print their failover figures side by side.
      sweep       Run a scenario over a grid of settings and seeds; failover statistics per point.
      explore     Run random fault schedules over many seeds; shrink any failure to a scenario file.
      merge       Combine the shard outputs of 'simrun sweep' or 'simrun explore --shard k/n'.
      help        Show help for a subcommand ('simrun help run').

    EXIT CODES: 0 ok, 1 safety violation or failed expectation, 2 no convergence
                in time (liveness) and nothing worse, 64 usage error,
                65 invalid scenario, 66 unreadable file, 70 internal error.
    """

    static let run = """
    OVERVIEW: Run one scenario.

    USAGE: \(runUsage)

    ARGUMENTS:
      <scenario.json>         The scenario file.

    OPTIONS:
      --seed <n>              Use this seed instead of the file's.
      --set <key=value>       Override a field, e.g. patroni.ttl=20 or faults[0].at=70s (repeatable).
      --format <text|json>    Output format (default: text).
      -h, --help              Show this help.
    """

    static let check = """
    OVERVIEW: Run each scenario and check its expect block; exit 1 if any fails
    (2 if the only failures are liveness failures).

    USAGE: \(checkUsage)

    OPTIONS:
      --seed <n>              Use this seed for every scenario.
      --set <key=value>       Override a field in every scenario (repeatable).
      -h, --help              Show this help.
    """

    static let validate = """
    OVERVIEW: Decode and validate scenario files, listing every problem with its JSON path.

    USAGE: \(validateUsage)

    OPTIONS:
      --set <key=value>       Override a field before validating (repeatable).
      -h, --help              Show this help.
    """

    static let compare = """
    OVERVIEW: Run scenarios and print one row per scenario: HA policy, failover time
    (fault to promoted), time to the first write acknowledged by the new primary,
    longest write outage, writes acked/failed/lost, violations per invariant, verdict.
    Exits 0 whatever the verdicts; 65 or 66 if a file is invalid or unreadable.

    USAGE: \(compareUsage)

    ARGUMENTS:
      <scenario.json>...      The scenario files, one row each, in this order.

    OPTIONS:
      --seed <n>              Use this seed for every scenario.
      --set <key=value>       Override a field in every scenario (repeatable).
      --format <text|csv|json>
                              Output format (default: text). csv and json give times
                              in milliseconds, empty or null when missing.
      -h, --help              Show this help.
    """

    /// The help of `subcommand`, if it exists.
    static func text(for subcommand: String) -> String? {
        switch subcommand {
        case "run": return run
        case "check": return check
        case "validate": return validate
        case "compare": return compare
        case "sweep": return sweep
        case "merge": return merge
        case "explore": return explore
        default: return nil
        }
    }
}
