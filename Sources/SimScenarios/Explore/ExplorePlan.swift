import ClusterSim

/// The parameters of an exploration, written as the header of a shard file so that
/// `simrun merge` can check that its shards belong together.
public struct ExplorePlan: Sendable, Equatable {
    /// The scenario file explored.
    public var scenario: String
    /// The first seed and how many seeds in all (across every shard).
    public var firstSeed: UInt64
    public var seeds: Int
    /// The fault kinds allowed.
    public var kinds: [FaultKind]
    /// The schedule length and the most faults per schedule.
    public var length: SimDuration
    public var maxFaults: Int

    /// Creates a plan.
    public init(scenario: String, firstSeed: UInt64, seeds: Int, kinds: [FaultKind], length: SimDuration, maxFaults: Int) {
        self.scenario = scenario
        self.firstSeed = firstSeed
        self.seeds = seeds
        self.kinds = kinds
        self.length = length
        self.maxFaults = maxFaults
    }

    /// The seeds of the whole exploration, or of one shard (every `n`-th, by position).
    public func seedList(shard: RunShard? = nil) -> [UInt64] {
        (0..<seeds).filter { shard?.contains(job: $0) ?? true }.map { firstSeed &+ UInt64($0) }
    }

    /// One line describing the exploration, printed above the summary.
    public var headline: String {
        "explore \(scenario): seeds \(firstSeed)..\(firstSeed &+ UInt64(max(0, seeds - 1))), faults "
            + kinds.map(\.rawValue).joined(separator: ",") + ", up to \(maxFaults) per schedule over \(length)"
    }

    /// The header line of a shard file (`{"explore": {...}}`).
    public func headerLine(shard: RunShard) -> String {
        JSONWriter.write(.object(JSONObject([("explore", .object(JSONObject([
            ("scenario", .string(scenario)), ("first_seed", .uint(firstSeed)), ("seeds", .int(seeds)),
            ("faults", .string(kinds.map(\.rawValue).joined(separator: ","))),
            ("length_us", .int(length.microseconds)), ("max_faults", .int(maxFaults)),
            ("shard", .string(shard.description)),
        ])))])), pretty: false)
    }

    /// Reads a header line; nil if it is not an explore header. Also returns the shard.
    public static func header(_ value: JSONValue) -> (plan: ExplorePlan, shard: String)? {
        guard case .object(let top) = value, case .object(let o)? = top["explore"],
              case .string(let scenario)? = o["scenario"], case .number(let first)? = o["first_seed"],
              let firstSeed = UInt64(first.literal), case .number(let seeds)? = o["seeds"], let seedCount = seeds.int64Value,
              case .string(let faults)? = o["faults"], case .success(let kinds) = FaultKind.list(faults),
              case .number(let length)? = o["length_us"], let micros = length.int64Value,
              case .number(let most)? = o["max_faults"], let maxFaults = most.int64Value,
              case .string(let shard)? = o["shard"] else { return nil }
        return (ExplorePlan(scenario: scenario, firstSeed: firstSeed, seeds: Int(seedCount), kinds: kinds,
                            length: SimDuration(microseconds: micros), maxFaults: Int(maxFaults)), shard)
    }
}

/// Merges explore shard files into the records of the whole exploration.
public enum ExploreMerge {
    /// A problem with the shard files, and the exit status it deserves (65).
    public struct Problem: Error, Sendable, CustomStringConvertible {
        /// What is wrong.
        public var description: String
    }

    /// Whether `text` starts with an explore header (rather than a sweep's).
    public static func isExploreShard(_ text: [UInt8]) -> Bool {
        guard let line = text.split(separator: UInt8(ascii: "\n"), maxSplits: 1).first,
              let value = try? JSONParser.parse(Array(line)) else { return false }
        return ExplorePlan.header(value) != nil
    }

    /// Parses the files (`(name, bytes)`), checks that they come from one exploration and
    /// cover every seed exactly once, and returns the plan and all records in seed order.
    public static func combine(_ files: [(name: String, bytes: [UInt8])]) throws(Problem) -> (ExplorePlan, [ExploreRecord]) {
        var plan: ExplorePlan?
        var records: [UInt64: ExploreRecord] = [:]
        for file in files {
            let lines = file.bytes.split(separator: UInt8(ascii: "\n"))
            guard let first = lines.first, let header = try? JSONParser.parse(Array(first)),
                  let (filePlan, _) = ExplorePlan.header(header) else {
                throw Problem(description: "\(file.name): line 1: expected an explore shard header")
            }
            if let plan, !(plan.firstSeed == filePlan.firstSeed && plan.seeds == filePlan.seeds && plan.kinds == filePlan.kinds
                           && plan.length == filePlan.length && plan.maxFaults == filePlan.maxFaults) {
                throw Problem(description: "\(file.name): comes from a different exploration than \(files[0].name)")
            }
            plan = plan ?? filePlan
            for (number, line) in lines.dropFirst().enumerated() {
                guard let value = try? JSONParser.parse(Array(line)), let record = ExploreRecord(value) else {
                    throw Problem(description: "\(file.name): line \(number + 2): expected an explore record")
                }
                guard records[record.seed] == nil else {
                    throw Problem(description: "\(file.name): seed \(record.seed) appears in more than one shard")
                }
                records[record.seed] = record
            }
        }
        guard let plan else { throw Problem(description: "no shard file given") }
        let expected = plan.seedList()
        if let missing = expected.first(where: { records[$0] == nil }) {
            throw Problem(description: "seed \(missing) is in no shard: \(expected.count - records.count) of \(expected.count) runs missing")
        }
        return (plan, expected.compactMap { records[$0] })
    }
}
