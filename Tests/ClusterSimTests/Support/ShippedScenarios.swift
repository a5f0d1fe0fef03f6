import Foundation

@testable import SimScenarios

/// Where the shipped scenario files are, found from this source file: the tests do not
/// depend on the working directory.
enum ShippedScenarios {
    /// The package root: three levels above `Tests/ClusterSimTests/Support`.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `Scenarios` directory.
    static let directory = packageRoot.appendingPathComponent("Scenarios")

    /// Every `*.json` file of `Scenarios`, sorted by name.
    static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent.utf8.lexicographicallyPrecedes($1.lastPathComponent.utf8) }
    }

    /// The parsed document of the shipped file `name`.
    static func document(_ name: String) throws -> JSONValue {
        try JSONParser.parse([UInt8](try Data(contentsOf: directory.appendingPathComponent(name))))
    }
}
