import ClusterSim

/// Something a picture marks at an instant or over a window: a fault, a failover phase or
/// an invariant violation, with its label and tooltip.
struct PictureMarker: Equatable {
    /// What is marked; decides colour, dash and label priority.
    enum Kind: Equatable {
        /// An instant fault (`kill leader`, `heal all`).
        case fault
        /// A fault window (partition), shaded.
        case faultWindow
        /// A freeze window, shaded.
        case freezeWindow
        /// The leader key disappeared.
        case keyGone
        /// A new leader took the key.
        case lockAcquired
        /// The new leader became read-write.
        case promoted
        /// The new leader acknowledged its first write.
        case firstWrite
        /// An invariant broke.
        case violation
    }

    var kind: Kind
    /// Microseconds from the picture's origin.
    var at: Int64
    /// The end of a window (faults and violations), or nil for an instant.
    var until: Int64?
    /// The short label written above the lanes.
    var label: String
    /// The tooltip, with the details.
    var tooltip: String
    /// The nodes concerned (a violation's nodes shade their lanes).
    var nodes: [String] = []

    /// The colour of the marker.
    var colour: String {
        switch kind {
        case .fault, .faultWindow: return StatePalette.fault
        case .freezeWindow: return StatePalette.freeze
        case .keyGone: return StatePalette.keyGone
        case .lockAcquired: return StatePalette.lockAcquired
        case .promoted: return StatePalette.promoted
        case .firstWrite: return StatePalette.firstWrite
        case .violation: return StatePalette.violation
        }
    }

    /// The dash pattern of its line (nil for solid).
    var dash: String? {
        switch kind {
        case .keyGone: return "6 3"
        case .lockAcquired: return "2 2"
        case .promoted: return "8 2 2 2"
        case .firstWrite: return "1 3"
        case .fault, .faultWindow, .freezeWindow, .violation: return nil
        }
    }

    /// The class the SVG gives it (tests count `violation-marker`).
    var cssClass: String {
        switch kind {
        case .fault, .faultWindow, .freezeWindow: return "fault-marker"
        case .keyGone, .lockAcquired, .promoted, .firstWrite: return "phase-marker"
        case .violation: return "violation-marker"
        }
    }

    /// Label priority: violations first, then phases, then faults.
    var priority: Int {
        switch kind {
        case .violation: return 0
        case .fault, .faultWindow, .freezeWindow: return 1
        case .keyGone, .lockAcquired, .promoted, .firstWrite: return 2
        }
    }

    /// Every marker of `run`, in time order (ties keep the order faults, phases, violations).
    static func markers(of run: PictureRun) -> [PictureMarker] {
        var markers: [PictureMarker] = []
        let report = run.report
        let end = run.endOffset
        for fault in report.history?.faults ?? [] {
            let at = run.offset(fault.at)
            var label = fault.label
            if let node = fault.node, !label.contains(node) { label += " (\(node))" }
            let window = fault.until.map { $0 != fault.at } ?? true
            let kind: Kind = !window ? .fault : (fault.label.hasPrefix("freeze") ? .freezeWindow : .faultWindow)
            let until = fault.until.map(run.offset)
            var tooltip = label + " at " + FixedPoint.signedSeconds(at)
            if window { tooltip += " until " + (until.map(FixedPoint.signedSeconds) ?? "the end of the run") }
            markers.append(PictureMarker(kind: kind, at: at, until: window ? (until ?? end) : nil,
                                         label: label, tooltip: tooltip, nodes: fault.node.map { [$0] } ?? []))
        }
        for (index, failover) in report.failovers.enumerated() {
            let number = report.failovers.count > 1 ? "#\(index + 1) " : ""
            let since = { (instant: SimInstant) in FixedPoint.signedSeconds((instant - failover.faultAt).microseconds) }
            func phase(_ kind: Kind, _ instant: SimInstant?, _ label: String, _ detail: String) {
                guard let instant else { return }
                markers.append(PictureMarker(
                    kind: kind, at: run.offset(instant), until: nil, label: number + label + " " + since(instant),
                    tooltip: "failover \(number)(\(failover.fault)): \(detail), \(since(instant)) after the fault"))
            }
            let how = failover.leaderKeyGoneHow ?? "gone"
            phase(.keyGone, failover.leaderKeyGoneAt, "key \(how)", "leader key \(how)")
            phase(.lockAcquired, failover.lockAcquiredAt, "lock \(failover.newLeader ?? "?")",
                  "\(failover.newLeader ?? "?") acquired the leader lock")
            phase(.promoted, failover.promotedAt, "promoted", "\(failover.newLeader ?? "?") read-write on timeline \(failover.timeline.map(String.init) ?? "?")")
            phase(.firstWrite, failover.firstWriteAt, "first write", "first client write acknowledged by \(failover.newLeader ?? "?")")
        }
        for violation in report.violations {
            let at = run.offset(violation.at)
            let until = violation.until.map(run.offset)
            let window = until.map { FixedPoint.signedSeconds(at) + " until " + FixedPoint.signedSeconds($0) }
                ?? FixedPoint.signedSeconds(at) + " until the end"
            let nodes = violation.nodes.isEmpty ? "" : " (" + violation.nodes.joined(separator: ", ") + ")"
            markers.append(PictureMarker(
                kind: .violation, at: at, until: until ?? end, label: "\u{2716} " + violation.invariant.rawValue,
                tooltip: violation.invariant.rawValue + nodes + ", " + window + ": " + violation.detail, nodes: violation.nodes))
        }
        return markers.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }
}
