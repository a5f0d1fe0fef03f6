/// The help texts of `simrun`, in swift-argument-parser's layout.
enum Help {
    static let usageLine = "simrun <subcommand> [options]"
    static let runUsage = "simrun run <scenario.json> [--seed N] [--set key=value ...] [--format text|json] [--events]"
        + " [--at TIME ...] [--svg FILE] [--trace FILE]"
    static let diffUsage = "simrun diff <a.json> [<b.json>] [--seed N] [--set key=value ...] [--set-a key=value ...]"
        + " [--set-b key=value ...] [--format text|json] [--svg FILE]"
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
      diff        Run two scenarios (or one with two sets of overrides) and mark what differs.
      sweep       Run a scenario over a grid of settings and seeds; failover statistics per point.
      explore     Run random fault schedules over many seeds; shrink any failure to a scenario file.
      bench       Measure the engine and the models against peers (release build).
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
      --events                With --format json, add events[]: every event of the run
                              (timeline entries, node states, leader key changes, lease
                              renewals) with at_ms, node, kind and detail.
      --at <time>             Also print the patronictl list table and the etcd keys at this
                              instant: since the start (45s) or relative to the first fault
                              (T+10s, T-5s). Repeatable; with --format json, in snapshots[].
      --svg <file>            Write the run's timeline as a self-contained SVG picture.
      --trace <file>          Write a Chrome trace (JSON) for Perfetto or chrome://tracing.
      -h, --help              Show this help.

    EXIT CODES: as for every subcommand; 73 when --svg or --trace cannot be written.
    """

    static let diff = """
    OVERVIEW: Run two sides and print, side by side, the failover phases (offsets from
    the fault), the longest write outage, writes acked/failed/lost, violations and
    verdicts; rows that differ are marked with '*', with the change from A to B.
    Give two scenario files, or one file and --set-a/--set-b to make the sides differ
    (the "before / after tuning" view). Exits 0 whatever the verdicts.

    USAGE: \(diffUsage)

    ARGUMENTS:
      <a.json> [<b.json>]     The two scenarios, or one for both sides.

    OPTIONS:
      --seed <n>              Use this seed on both sides.
      --set <key=value>       Override a field on both sides (repeatable).
      --set-a <key=value>     Override a field on side A only (repeatable).
      --set-b <key=value>     Override a field on side B only (repeatable).
      --format <text|json>    Output format (default: text).
      --svg <file>            Draw both timelines, A above B, aligned on their first fault.
      -h, --help              Show this help.

    EXAMPLE:
      simrun diff Scenarios/lab4-failover-crash.json --set-b patroni.ttl=20 --svg ttl.svg
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
        case "diff": return diff
        case "sweep": return sweep
        case "merge": return merge
        case "explore": return explore
        case "bench": return bench
        default: return nil
        }
    }
}
