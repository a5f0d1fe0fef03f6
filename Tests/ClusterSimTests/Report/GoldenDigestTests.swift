import ClusterSim
import Foundation
import XCTest

@testable import SimScenarios

/// Pinned digests of the lab scenarios' JSON reports, so that any change of behaviour,
/// even one no other test notices, shows up in review as a changed line here.
///
/// Each digest is the FNV-1a 64 hash (`ClusterSim.FNV1a`) of exactly what
/// `simrun run Scenarios/<file> --format json` prints (the file's own seed, no `--set`).
///
/// After an intended change of the model or the report, look at what changed
/// (`git stash; swift run simrun run Scenarios/lab4-rejoin.json --format json > before.json`,
/// `git stash pop`, the same into `after.json`, then `diff`), and when the change is right
/// print the new table with
///
///     CLUSTERSIM_PRINT_GOLDEN=1 swift test --filter GoldenDigestTests
///
/// and paste it over ``digests``, saying in the commit why the reports changed.
final class GoldenDigestTests: XCTestCase {
    /// The digests, pinned on the model of the commit that made every cross-host fact a
    /// message (walsender state on the upstream, copies and probes over the network).
    static let digests: [String: String] = [
        "lab4-bootstrap.json": "6e647ec4c7f4d313",
        "lab4-failover-crash.json": "d20ba98e5cf47746",
        "lab4-failover-stop.json": "5d7ce28cd76d8c13",
        "lab4-no-fencing.json": "33eb77efd33eee67",
        "lab4-rejoin.json": "1b80da4ebdd2f3d1",
        "lab4-split-brain-partition.json": "cb5f4e42198159e1",
    ]

    /// The digest of the JSON report of `Scenarios/<name>`, as `simrun run` prints it.
    static func digest(of name: String) throws -> String {
        var scenario = try ScenarioLoader.load(path: ShippedScenarios.directory.appendingPathComponent(name).path)
        // simrun names the file as given on its command line, and the report repeats it.
        scenario.source = "Scenarios/\(name)"
        let json = JSONReport.render(ScenarioRunner.run(scenario))
        let hex = String(FNV1a.hash(json), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    func testTheLabScenariosGiveThePinnedReports() throws {
        let names = try ShippedScenarios.files().map(\.lastPathComponent).filter { $0.hasPrefix("lab4-") }
        var current: [(String, String)] = []
        for name in names {
            current.append((name, try Self.digest(of: name)))
        }
        if ProcessInfo.processInfo.environment["CLUSTERSIM_PRINT_GOLDEN"] == "1" {
            let lines = current.map { "        \"\($0.0)\": \"\($0.1)\"," }.joined(separator: "\n")
            print("static let digests: [String: String] = [\n\(lines)\n    ]")
        }
        XCTAssertEqual(names.sorted(), Self.digests.keys.sorted(),
                       "every Scenarios/lab4-*.json file needs a pinned digest (CLUSTERSIM_PRINT_GOLDEN=1 prints them)")
        for (name, digest) in current {
            XCTAssertEqual(digest, Self.digests[name],
                           "\(name): the JSON report changed; if intended, re-pin (see GoldenDigestTests' comment)")
        }
    }
}
