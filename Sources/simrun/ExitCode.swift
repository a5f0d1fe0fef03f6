/// The process exit statuses of `simrun` (DESIGN.md §7).
enum ExitCode {
    /// Everything held.
    static let ok: Int32 = 0
    /// A safety violation or a failed expectation.
    static let failed: Int32 = 1
    /// No safety violation or failed expectation, but the cluster did not converge in time.
    static let livenessFailed: Int32 = 2
    /// Bad command line.
    static let usage: Int32 = 64
    /// A bug in the simulator.
    static let internalError: Int32 = 70
}
