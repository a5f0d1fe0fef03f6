import Foundation

/// Reads scenario files from disk: read, parse, apply `--set` overrides, decode.
///
/// Foundation is used here only to read bytes; everything after that is the
/// platform-independent code of ``ScenarioDecoder`` and ``ScenarioOverrides``.
public enum ScenarioLoader {
    /// Loads the scenario at `path`, applying `overrides` (the CLI's `--set KEY=VALUE`) to
    /// the document before it is decoded.
    ///
    /// Throws an ``ScenarioError/Kind/unreadable`` error when the file cannot be read and
    /// an ``ScenarioError/Kind/invalid`` one for bad JSON, bad overrides or a bad scenario.
    public static func load(path: String, overrides: [String] = []) throws(ScenarioError) -> Scenario {
        let document = try document(path: path)
        let overridden = try ScenarioOverrides.apply(overrides, to: document)
        return try ScenarioDecoder.decode(overridden, file: path)
    }

    /// Reads and parses the JSON document at `path`, without decoding it as a scenario.
    public static func document(path: String) throws(ScenarioError) -> JSONValue {
        let bytes = try read(path: path)
        do throws(JSONParseError) {
            return try JSONParser.parse(bytes)
        } catch {
            throw ScenarioError(file: path, problems: [ScenarioDecoder.invalidJSON(error)])
        }
    }

    /// The bytes of the file at `path`, or an unreadable error saying why not.
    private static func read(path: String) throws(ScenarioError) -> [UInt8] {
        func unreadable(_ message: String) -> ScenarioError {
            ScenarioError(file: path, problems: [ScenarioProblem(path: "", message: message)], kind: .unreadable)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw unreadable("no such file")
        }
        if isDirectory.boolValue {
            throw unreadable("is a directory, not a scenario file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw unreadable("cannot be read (permission denied)")
        }
        // Read in chunks up to one byte past the limit, so a device such as /dev/zero or an
        // endless pipe is refused instead of filling memory; pipes (`<(jq ...)`) still work.
        let limit = ScenarioLimits.largestFileBytes
        var bytes: [UInt8] = []
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            while bytes.count <= limit {
                guard let chunk = try handle.read(upToCount: min(1 << 20, limit + 1 - bytes.count)), !chunk.isEmpty else {
                    break
                }
                bytes.append(contentsOf: chunk)
            }
        } catch {
            throw unreadable("cannot be read: \(error.localizedDescription)")
        }
        if bytes.count > limit {
            throw ScenarioError(file: path, problems: [ScenarioProblem(path: "", message: "is larger than \(limit >> 20) MiB; expected a scenario file of a few kilobytes")])
        }
        return bytes
    }
}
