import ClusterSim

extension TimelinePicture.Panel {
    /// A node's state and PostgreSQL timeline, one lane segment per value.
    struct NodeState: Equatable {
        var state: String
        var timeline: Int?
    }

    /// The lane of node `index`: its state over time, a segment per state, labelled where wide enough.
    func drawNodeLane(_ index: Int, into svg: inout SVGWriter) {
        let n = FixedPoint.tenths
        let name = run.nodes[index]
        let top = nodeTop(index)
        let height = metrics.nodeLane
        svg.open("g", [("class", "lane node-lane"), ("data-node", name)])
        laneTitle(name, top: top, height: height, into: &svg)
        svg.element("rect", [("x", n(axis.left)), ("y", n(top)), ("width", n(axis.width)), ("height", n(height)),
                             ("fill", "#fafafa"), ("stroke", StatePalette.grid)])
        let states = run.report.history?.nodeStates ?? []
        let changes = (index < states.count ? states[index] : []).map {
            (at: run.offset($0.at), value: NodeState(state: $0.state, timeline: $0.timeline))
        }
        for span in LaneSpan.cut(changes, end: run.endOffset, axis: axis) {
            let swatch = StatePalette.swatch(span.value.state)
            let timeline = span.value.timeline.map { " on timeline \($0)" } ?? ""
            let tooltip = span.changes == 1
                ? "\(name): \(span.value.state)\(timeline), \(window(span.from, span.until))"
                : "\(name): \(span.changes) state changes \(window(span.from, span.until)), mostly \(span.value.state)"
            svg.element("rect", [("class", "state"), ("data-state", span.value.state),
                                 ("x", n(span.x0)), ("y", n(top)), ("width", n(span.x1 - span.x0)), ("height", n(height)),
                                 ("fill", swatch.fill)], tooltip: tooltip)
            let long = span.value.state + (span.value.timeline.map { " \u{00B7} TL\($0)" } ?? "")
            for text in [long, span.value.state] where metrics.textWidth(text) + 80 <= span.x1 - span.x0 {
                svg.element("text", [("x", n(span.x0 + 40)), ("y", n(top + height / 2 + 40)), ("fill", swatch.ink),
                                     ("stroke", swatch.fill), ("stroke-width", "3"), ("paint-order", "stroke")], text: text)
                break
            }
        }
        svg.close()
    }

    /// The leader key lane: who holds the key, and the lease's remaining TTL as a sawtooth
    /// that rises at each keep-alive and runs down towards expiry.
    func drawLeaderLane(into svg: inout SVGWriter) {
        let n = FixedPoint.tenths
        let top = leaderTop
        let height = metrics.leaderLane
        let history = run.report.history
        svg.open("g", [("class", "lane leader-lane")])
        laneTitle("leader key", subtitle: "holder, TTL left", top: top, height: height, into: &svg)
        svg.element("rect", [("x", n(axis.left)), ("y", n(top)), ("width", n(axis.width)), ("height", n(height)),
                             ("fill", "#ffffff"), ("stroke", StatePalette.grid)])
        let changes = (history?.leaderKey ?? []).map { (at: run.offset($0.at), value: $0.holder) }
        let spans = LaneSpan.cut(changes, end: run.endOffset, axis: axis)
        for span in spans {
            if let holder = span.value {
                svg.element("rect", [("class", "leader-held"), ("data-holder", holder), ("x", n(span.x0)), ("y", n(top)),
                                     ("width", n(span.x1 - span.x0)), ("height", n(height)),
                                     ("fill", StatePalette.leaderHeld), ("stroke", "#d7c27a")],
                            tooltip: "leader key held by \(holder), \(window(span.from, span.until))")
            } else if metrics.textWidth("no leader key") + 80 <= span.x1 - span.x0 {
                svg.element("text", [("x", n((span.x0 + span.x1) / 2)), ("y", n(top + height / 2 + 40)), ("text-anchor", "middle"),
                                     ("fill", "#b71c1c"), ("font-style", "italic")], text: "no leader key")
            }
        }
        drawLease(top: top, height: height, into: &svg)
        for span in spans {
            guard let holder = span.value, metrics.textWidth(holder, size: 12) + 60 <= span.x1 - span.x0 else { continue }
            svg.element("text", [("x", n(span.x0 + 40)), ("y", n(top + 130)), ("font-size", "12"), ("font-weight", "bold"),
                                 ("fill", StatePalette.text), ("stroke", "#ffffff"), ("stroke-width", "3"),
                                 ("paint-order", "stroke")], text: holder)
        }
        if history == nil || (changes.isEmpty && run.report.ha != "patroni") {
            let note = history == nil ? "no history recorded" : "no leader key (HA \(run.report.ha))"
            svg.element("text", [("x", n(axis.left + 60)), ("y", n(top + height / 2 + 40)), ("fill", StatePalette.axisText),
                                 ("font-style", "italic")], text: note)
        }
        svg.close()
    }

    /// The sawtooth: from each renewal, the TTL left, falling linearly until the next
    /// renewal, the key's deletion or the expiry. Teeth narrower than 4 pixels are drawn per
    /// pixel column at the lowest TTL left in the column, so a long run keeps its envelope
    /// (and a lease running out still reaches the bottom) in a bounded number of marks.
    private func drawLease(top: Int64, height: Int64, into svg: inout SVGWriter) {
        guard let history = run.report.history, !history.leaseRenewals.isEmpty else { return }
        let n = FixedPoint.tenths
        let bottom = top + height
        let ttl = max(1, run.report.timers.ttl.microseconds)
        let inner = height - 40
        func level(_ remaining: Int64) -> Int64 { bottom - inner * min(max(0, remaining), ttl) / ttl }
        var path: [String] = []
        var columns = [Int64?](repeating: nil, count: Int(axis.width / 10) + 1)
        var keyChange = 0
        let renewals = history.leaseRenewals
        for (index, renewal) in renewals.enumerated() {
            while keyChange < history.leaderKey.count, history.leaderKey[keyChange].at <= renewal.at { keyChange += 1 }
            var stop = renewal.expiresAt
            if index + 1 < renewals.count { stop = min(stop, renewals[index + 1].at) }
            if keyChange < history.leaderKey.count { stop = min(stop, history.leaderKey[keyChange].at) }
            stop = min(stop, run.report.endedAt)
            guard stop > renewal.at else { continue }
            let x0 = axis.x(run.offset(renewal.at))
            let x1 = axis.x(run.offset(stop))
            let y0 = level((renewal.expiresAt - renewal.at).microseconds)
            let y1 = level((renewal.expiresAt - stop).microseconds)
            if x1 - x0 >= 40 {
                path.append("M\(n(x0)),\(n(bottom))V\(n(y0))L\(n(x1)),\(n(y1))V\(n(bottom))Z")
                continue
            }
            let first = Int((x0 - axis.left) / 10)
            let last = max(first, Int((x1 - axis.left - 1) / 10))
            for column in first...min(last, columns.count - 1) {
                let right = min(x1, axis.left + Int64(column + 1) * 10)
                let y = x1 > x0 ? y0 + (y1 - y0) * (right - x0) / (x1 - x0) : y1
                columns[column] = max(columns[column] ?? y, y)
            }
        }
        var column = 0
        while column < columns.count {
            guard let y = columns[column] else { column += 1; continue }
            var end = column + 1
            while end < columns.count, columns[end] == y { end += 1 }
            let x0 = axis.left + Int64(column) * 10
            path.append("M\(n(x0)),\(n(bottom))V\(n(y))h\(n(Int64(end - column) * 10))V\(n(bottom))Z")
            column = end
        }
        guard !path.isEmpty else { return }
        svg.element("path", [("class", "lease-ttl"), ("d", path.joined()), ("fill", StatePalette.leaseTTL), ("fill-opacity", "0.55"),
                             ("stroke", "#f57f17"), ("stroke-width", "1")],
                    tooltip: "the leader lease's TTL left: full (\(FixedPoint.compact(run.report.timers.ttl))) at each keep-alive, empty at expiry")
    }

    /// An etcd member's lane: up, with grey bars where the member was stopped and violet
    /// ones where it was frozen, and a tick for each of its timeline events (leader key
    /// expired or deleted, etcd leader elected or lost).
    func drawEtcdLane(_ index: Int, into svg: inout SVGWriter) {
        let n = FixedPoint.tenths
        let name = run.etcdMembers[index]
        let top = etcdTop(index)
        let height = metrics.etcdLane
        svg.open("g", [("class", "lane etcd-lane"), ("data-member", name)])
        laneTitle(name, top: top, height: height, into: &svg)
        let x0 = axis.x(run.offset(.zero))
        let x1 = axis.x(run.endOffset)
        svg.element("rect", [("x", n(x0)), ("y", n(top)), ("width", n(max(10, x1 - x0))), ("height", n(height)),
                             ("fill", StatePalette.etcd), ("stroke", "#a5d6a7")],
                    tooltip: run.etcdMembers.count == 1 ? "\(name): member up for the whole run (single member; holds the leader key and leases)"
                        : "\(name): etcd member (raft; the leader holds the lease clock)")
        for (from, until, frozen) in etcdDownWindows(name) {
            let start = axis.x(run.offset(from))
            let end = axis.x(until.map(run.offset) ?? run.endOffset)
            svg.element("rect", [("x", n(start)), ("y", n(top)), ("width", n(max(10, end - start))), ("height", n(height)),
                                 ("fill", frozen ? StatePalette.freeze : "#9e9e9e"), ("fill-opacity", "0.6")],
                        tooltip: "\(name) \(frozen ? "frozen" : "stopped") \(window(run.offset(from), until.map(run.offset) ?? run.endOffset))")
        }
        var lastX: Int64?
        for entry in run.report.timeline where entry.host == name {
            let x = axis.x(run.offset(entry.at))
            if let lastX, x - lastX < 20 { continue }
            lastX = x
            svg.element("path", [("d", "M\(n(x - 35)),\(n(top))H\(n(x + 35))L\(n(x)),\(n(top + height))Z"), ("fill", "#1b5e20")],
                        tooltip: "\(name) at \(FixedPoint.signedSeconds(run.offset(entry.at))): \(entry.message)")
        }
        svg.close()
    }

    /// The windows in which etcd member `name` was stopped or frozen, from its timeline
    /// entries: start, end (nil: until the end of the run) and whether it was a freeze.
    func etcdDownWindows(_ name: String) -> [(from: SimInstant, until: SimInstant?, frozen: Bool)] {
        var windows: [(from: SimInstant, until: SimInstant?, frozen: Bool)] = []
        var open: (from: SimInstant, frozen: Bool)?
        for entry in run.report.timeline where entry.host == name {
            switch entry.kind {
            case .etcdMemberStopped, .etcdMemberFrozen:
                if let open { windows.append((open.from, entry.at, open.frozen)) }
                open = (entry.at, entry.kind == .etcdMemberFrozen)
            case .etcdMemberStarted, .etcdMemberThawed:
                if let current = open { windows.append((current.from, entry.at, current.frozen)) }
                open = nil
            default:
                continue
            }
        }
        if let open { windows.append((open.from, nil, open.frozen)) }
        return windows
    }

    /// The lane's name left of the plot, optionally with a smaller second line.
    func laneTitle(_ title: String, subtitle: String? = nil, top: Int64, height: Int64, into svg: inout SVGWriter) {
        let n = FixedPoint.tenths
        let baseline = subtitle == nil ? top + height / 2 + 40 : top + height / 2 - 10
        svg.element("text", [("x", "10"), ("y", n(baseline)), ("font-size", "12"), ("font-weight", "bold"), ("fill", StatePalette.text)],
                    text: title)
        if let subtitle {
            svg.element("text", [("x", "10"), ("y", n(baseline + 120)), ("font-size", "10"), ("fill", StatePalette.axisText)], text: subtitle)
        }
    }

    /// `from −62.6s to +0.0s (62.6s)`.
    func window(_ from: Int64, _ until: Int64) -> String {
        "from \(FixedPoint.signedSeconds(from)) to \(FixedPoint.signedSeconds(until)) (\(FixedPoint.seconds(until - from)))"
    }
}
