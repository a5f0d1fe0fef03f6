import Foundation

/// Runs the peer PHOLD programs of `shared/bench` (a C binary-heap loop built with
/// `gcc -O2`, and SimPy) and reads their events per second. A missing peer gives nil.
enum PeerBenchmarks {
    /// Builds and runs `phold_c.c` from `directory` with 1,000 processes.
    static func c(directory: String, events: Int) -> Double? {
        let source = (directory as NSString).appendingPathComponent("phold_c.c")
        guard FileManager.default.fileExists(atPath: source) else { return nil }
        let binary = NSTemporaryDirectory() + "clustersim-phold-c"
        guard run("/usr/bin/env", ["gcc", "-O2", "-o", binary, source, "-lm"]) != nil,
              let output = run(binary, ["1000", String(events)]) else { return nil }
        return rate(in: output)
    }

    /// Runs `phold_simpy.py` from `directory` with 1,000 processes, if SimPy is installed.
    static func simpy(directory: String, events: Int) -> Double? {
        let script = (directory as NSString).appendingPathComponent("phold_simpy.py")
        guard FileManager.default.fileExists(atPath: script),
              let output = run("/usr/bin/env", ["python3", script, "1000", String(events)]) else { return nil }
        return rate(in: output)
    }

    /// The `rate=N ev/s` figure of a peer's output line (thousands separators allowed).
    static func rate(in output: String) -> Double? {
        guard let range = output.range(of: "rate=") else { return nil }
        let digits = output[range.upperBound...].prefix { $0.isNumber || $0 == "," || $0 == "." }
        return Double(digits.replacingOccurrences(of: ",", with: ""))
    }

    /// Runs a program and returns its standard output, or nil if it failed.
    static func run(_ program: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
