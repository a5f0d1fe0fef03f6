/// Shrinks a failing scenario document to a smaller one that still fails.
///
/// First it removes faults (delta debugging: drop chunks of the schedule while the run
/// still fails), then it weakens what is left (shorter freezes and clock steps, partitions
/// from fewer hosts and in one direction), then it tries a smaller cluster. Every candidate
/// is re-run through `fails`; nothing is assumed.
public struct Shrinker {
    /// The most runs the shrinker may spend.
    public var maxRuns: Int
    /// How many faults at the end of the schedule it leaves alone (the final heal and
    /// restarts after which the cluster must converge).
    public var keepLast: Int

    /// Creates a shrinker spending at most `maxRuns` runs and keeping the last `keepLast` faults.
    public init(maxRuns: Int = 400, keepLast: Int = 0) {
        self.maxRuns = maxRuns
        self.keepLast = keepLast
    }

    /// The smallest failing document found, and the runs spent. `fails` must hold for `document`.
    public func shrink(_ document: JSONValue, fails: @escaping (JSONValue) -> Bool) -> (document: JSONValue, runs: Int) {
        var state = State(document: document, budget: maxRuns, keepLast: keepLast, fails: fails)
        state.removeFaults()
        state.weakenFaults()
        state.removeNodes()
        return (state.document, maxRuns - state.budget)
    }

    private struct State {
        var document: JSONValue
        var budget: Int
        var keepLast: Int
        let fails: (JSONValue) -> Bool

        /// Tries `candidate`; keeps it if it still fails.
        mutating func attempt(_ candidate: JSONValue) -> Bool {
            guard budget > 0, candidate != document else { return false }
            budget -= 1
            guard fails(candidate) else { return false }
            document = candidate
            return true
        }

        /// Every fault of the document.
        var allFaults: [JSONValue] {
            guard case .object(let object) = document, case .array(let faults)? = object["faults"] else { return [] }
            return faults
        }

        /// The faults the shrinker may remove or weaken (all but the kept tail).
        var faults: [JSONValue] { Array(allFaults.dropLast(keepLast)) }

        /// The document with `faults` followed by the kept tail.
        func with(faults: [JSONValue]) -> JSONValue {
            guard case .object(var object) = document else { return document }
            object.set("faults", .array(faults + allFaults.suffix(keepLast)))
            return .object(object)
        }

        /// ddmin over the fault list.
        mutating func removeFaults() {
            var chunks = 2
            while faults.count >= 1 && budget > 0 {
                let current = faults
                let size = max(1, (current.count + chunks - 1) / chunks)
                var reduced = false
                for start in stride(from: 0, to: current.count, by: size) {
                    var complement = current
                    complement.removeSubrange(start..<min(start + size, current.count))
                    if attempt(with(faults: complement)) {
                        chunks = max(chunks - 1, 2)
                        reduced = true
                        break
                    }
                }
                if !reduced {
                    if size == 1 { break }
                    chunks = min(chunks * 2, current.count)
                }
            }
        }

        /// Weakens each fault in place: halves durations and steps, drops partition peers, one direction.
        mutating func weakenFaults() {
            for index in faults.indices {
                for key in ["for", "by"] {
                    while let weaker = halved(index, key), attempt(with(faults: replacing(index, key, weaker))) {}
                }
                if case .object(let fault)? = faults[safe: index], case .array(let peers)? = fault["from"], peers.count > 1 {
                    for peer in peers.indices.reversed() where budget > 0 {
                        guard case .object(let now)? = faults[safe: index], case .array(let current)? = now["from"],
                              current.count > 1, peer < current.count else { continue }
                        var fewer = current
                        fewer.remove(at: peer)
                        _ = attempt(with(faults: replacing(index, "from", .array(fewer))))
                    }
                }
                if case .object(let fault)? = faults[safe: index], fault["direction"] == .string("both") {
                    if !attempt(with(faults: replacing(index, "direction", .string("outbound")))) {
                        _ = attempt(with(faults: replacing(index, "direction", .string("inbound"))))
                    }
                }
            }
        }

        /// Removes the last node while at least two remain and no fault but the kept tail
        /// names it (its tail restart goes with it).
        mutating func removeNodes() {
            while budget > 0, case .object(let object) = document,
                  case .object(var cluster)? = object["cluster"], case .array(let nodes)? = cluster["nodes"],
                  nodes.count > 2, case .string(let last)? = nodes.last {
                let names = { (fault: JSONValue) -> Bool in
                    guard case .object(let f) = fault else { return false }
                    if f["target"] == .string(last) { return true }
                    if case .array(let peers)? = f["from"] { return peers.contains(.string(last)) }
                    return false
                }
                guard !faults.contains(where: names) else { return }
                let tail = allFaults.suffix(keepLast).filter { !names($0) }
                cluster.set("nodes", .array(Array(nodes.dropLast())))
                var smaller = object
                smaller.set("cluster", .object(cluster))
                smaller.set("faults", .array(faults + tail))
                let keptBefore = keepLast
                keepLast = tail.count
                if !attempt(.object(smaller)) {
                    keepLast = keptBefore
                    return
                }
            }
        }

        private func replacing(_ index: Int, _ key: String, _ value: JSONValue) -> [JSONValue] {
            var list = faults
            guard case .object(var fault) = list[index] else { return list }
            fault.set(key, value)
            list[index] = .object(fault)
            return list
        }

        /// Half of a whole-second duration such as `"40s"` or `"-30s"` (nil below 1 s).
        private func halved(_ index: Int, _ key: String) -> JSONValue? {
            guard case .object(let fault)? = faults[safe: index], case .string(let text)? = fault[key], text.hasSuffix("s"),
                  !text.hasSuffix("ms"), !text.hasSuffix("us") else { return nil }
            var digits = Substring(text.dropLast())
            var sign = ""
            if let first = digits.first, first == "-" || first == "+" {
                sign = String(first)
                digits = digits.dropFirst()
            }
            guard let seconds = Int(digits), seconds >= 2 else { return nil }
            return .string("\(sign)\(seconds / 2)s")
        }
    }
}
