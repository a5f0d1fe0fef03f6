/// The colours of a picture: one per node state, and the colours of the other marks.
///
/// The eight states the lab talks about (primary, replica, promoting, demoting, stopped,
/// crashed, frozen, rewinding) get hues far apart; the transient states get pale ones.
enum StatePalette {
    /// A fill colour and the colour of text written on it.
    struct Swatch: Equatable {
        /// The fill, `#rrggbb`.
        var fill: String
        /// The text colour that reads on `fill`.
        var ink: String
    }

    /// The states in legend order, with their swatches.
    static let states: [(state: String, swatch: Swatch)] = [
        ("primary", Swatch(fill: "#2e7d32", ink: "#ffffff")),
        ("replica", Swatch(fill: "#90caf9", ink: "#0d2a4a")),
        ("promoting", Swatch(fill: "#ffca28", ink: "#3e2c00")),
        ("demoting", Swatch(fill: "#ef6c00", ink: "#ffffff")),
        ("stopped", Swatch(fill: "#9e9e9e", ink: "#ffffff")),
        ("crashed", Swatch(fill: "#212121", ink: "#ffffff")),
        ("frozen", Swatch(fill: "#7e57c2", ink: "#ffffff")),
        ("rewinding", Swatch(fill: "#d81b60", ink: "#ffffff")),
        ("starting", Swatch(fill: "#c5e1a5", ink: "#1b3a00")),
        ("stopping", Swatch(fill: "#cfd8dc", ink: "#263238")),
        ("creating replica", Swatch(fill: "#80deea", ink: "#00363a")),
        ("initializing", Swatch(fill: "#fff59d", ink: "#3e3a00")),
    ]

    /// The states every legend shows, whether or not the run reached them.
    static let alwaysShown: Set<String> = ["primary", "replica", "promoting", "demoting", "stopped", "crashed", "frozen", "rewinding"]

    /// The swatch of `state`; an unknown state is light grey.
    static func swatch(_ state: String) -> Swatch {
        states.first { $0.state == state }?.swatch ?? Swatch(fill: "#eeeeee", ink: "#212121")
    }

    /// The leader key's bar while someone holds it.
    static let leaderHeld = "#fff3c4"
    /// The remaining TTL of the leader's lease (the sawtooth).
    static let leaseTTL = "#f9a825"
    /// The etcd member's bar.
    static let etcd = "#e8f5e9"
    /// Acknowledged client writes.
    static let acked = "#43a047"
    /// Failed client writes.
    static let failed = "#e53935"
    /// Fault windows (partitions) and instants (kill, stop...).
    static let fault = "#ef6c00"
    /// Freeze windows.
    static let freeze = "#7e57c2"
    /// Invariant violations.
    static let violation = "#d50000"
    /// Grid lines and axis text.
    static let grid = "#e0e0e0"
    static let axisText = "#616161"
    static let text = "#212121"

    /// Failover phase markers: colour and dash pattern per phase.
    static let keyGone = "#6a1b9a"
    static let lockAcquired = "#1565c0"
    static let promoted = "#1b5e20"
    static let firstWrite = "#00838f"
}
