import Foundation
import SimScenarios

/// The progress line of a long sweep on stderr: `runs 1200/4500 (310/s, ETA 11s), violations 3`,
/// redrawn in place at most ten times a second once the sweep has run for a second, and
/// cleared at the end. It draws nothing, and prints nothing at the end, when stderr is not
/// a terminal, so logs and pipes stay clean.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let started = DispatchTime.now().uptimeNanoseconds
    private var lastDrawn: UInt64 = 0
    private var drawn = false
    private let lock = NSLock()

    /// The delay before the first draw and the least time between two draws.
    private static let delay: UInt64 = 1_000_000_000
    private static let interval: UInt64 = 100_000_000

    init() {
        enabled = isatty(STDERR_FILENO) == 1
    }

    /// Called from the worker threads after each run.
    func update(_ progress: BatchProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = DispatchTime.now().uptimeNanoseconds
        let elapsed = now - started
        guard elapsed >= Self.delay, now - lastDrawn >= Self.interval, progress.done < progress.total else { return }
        lastDrawn = now
        drawn = true
        let rate = Double(progress.done) / (Double(elapsed) / 1e9)
        let eta = rate > 0 ? Self.duration(Double(progress.total - progress.done) / rate) : "?"
        let rateText = rate >= 10 ? String(Int(rate.rounded())) : String(format: "%.1f", rate)
        write("\r\u{1B}[K" + "runs \(progress.done)/\(progress.total) (\(rateText)/s, ETA \(eta)), violations \(progress.violations)")
    }

    /// Clears the line and, on a terminal, says how long the runs took.
    func finish(runs: Int, threads: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let rate = seconds > 0 ? Int((Double(runs) / seconds).rounded()) : runs
        write((drawn ? "\r\u{1B}[K" : "")
              + "\(runs) runs in \(Self.duration(seconds)) (\(rate)/s, \(threads) thread\(threads == 1 ? "" : "s"))\n")
    }

    /// `seconds` as `0.4s`, `11s` or `2m05s`.
    private static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return String(format: "%.1fs", seconds) }
        let whole = Int(seconds.rounded())
        return whole < 60 ? "\(whole)s" : String(format: "%dm%02ds", whole / 60, whole % 60)
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
