import ClusterSim

/// Runs scenarios and checks their `expect` blocks: the library side of `simrun run` and `simrun check`.
public enum ScenarioRunner {
    /// Runs `scenario` (with `seed` instead of the file's when given) and evaluates its expectations.
    ///
    /// `overrides` are the `--set` assignments already applied to the scenario; they are
    /// repeated in the reproduce command.
    public static func run(_ scenario: Scenario, seed: UInt64? = nil, overrides: [String] = []) -> RunSummary {
        var options = scenario.options
        if let seed { options.seed = seed }
        let report = Simulation(options: options).run()
        return RunSummary(
            report: report,
            expectations: scenario.expectations.evaluate(report),
            reproduceCommand: reproduceCommand(source: scenario.source, seed: options.seed, overrides: overrides),
            violationsAnticipated: scenario.expectations.anticipatesViolations)
    }

    /// The one command that reproduces a run, e.g.
    /// `swift run simrun run Scenarios/lab4-failover-stop.json --seed 7 --set patroni.ttl=20`.
    public static func reproduceCommand(source: String, seed: UInt64, overrides: [String]) -> String {
        var words = ["swift", "run", "simrun", "run", shellQuoted(source), "--seed", String(seed)]
        for assignment in overrides { words += ["--set", shellQuoted(assignment)] }
        return words.joined(separator: " ")
    }

    private static func shellQuoted(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { scalar in
            (scalar.value >= 48 && scalar.value <= 57) || (scalar.value >= 65 && scalar.value <= 90)
                || (scalar.value >= 97 && scalar.value <= 122) || "-_./=,:+@%".unicodeScalars.contains(scalar)
        }
        if safe && !word.isEmpty { return word }
        return "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
