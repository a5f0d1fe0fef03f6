/// The JSON-lines file `simrun sweep --shard k/n` writes and `simrun merge` reads.
///
/// The first line is a header: the schema, the shard and the whole ``SweepPlan``, so that
/// shards can be checked against each other and merged without the scenario file. Each
/// further line is one ``RunRecord``, in job order. Lines are compact JSON with sorted keys.
public enum SweepShardFile {
    /// The header's `schema`, bumped on any change that could break a reader.
    public static let schema = "clustersim.sweep-shard/1"

    /// A shard file as read.
    public struct Contents: Sendable, Equatable {
        /// The file as named on the command line.
        public var file: String
        /// The sweep it belongs to.
        public var plan: SweepPlan
        /// Which part of the sweep it holds.
        public var shard: RunShard
        /// Its runs, in file order.
        public var records: [RunRecord]
    }

    /// The whole file: the header line and one line per record, each ending with `\n`.
    public static func render(plan: SweepPlan, shard: RunShard, records: [RunRecord]) -> String {
        var text = header(plan: plan, shard: shard) + "\n"
        for record in records {
            text += JSONWriter.write(record.json, pretty: false) + "\n"
        }
        return text
    }

    /// The header line, without its newline.
    public static func header(plan: SweepPlan, shard: RunShard) -> String {
        JSONWriter.write(.object(JSONObject([
            ("schema", .string(schema)),
            ("shard", .string(shard.description)),
            ("plan", plan.json),
        ])), pretty: false)
    }

    /// Reads a shard file's bytes; `file` names it in errors, which give the line.
    ///
    /// Every record must belong to a valid point of the header's plan, carry that point's
    /// assignments, and be one of the shard's jobs. A blank last line is allowed; a cut-off
    /// one (a shard that was killed while writing) is an error.
    /// Complexity: O(*n*) in the size of the file.
    public static func parse(_ bytes: [UInt8], file: String) throws(SweepError) -> Contents {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first else {
            throw .merge(file: file, message: "is empty; expected the output of simrun sweep --shard")
        }
        let headerReader = ShardFieldReader(file: file, line: 1)
        guard case .object(let header)? = try? JSONParser.parse(Array(first)), case .string(let found)? = header["schema"], found == schema else {
            throw headerReader.fail("not a sweep shard header (expected \"schema\": \"\(schema)\" from simrun sweep --shard)")
        }
        let shard: RunShard
        do throws(SweepError) {
            shard = try RunShard.parse(try headerReader.string(header, "shard"))
        } catch {
            throw headerReader.fail(error.description)
        }
        let plan = try SweepPlan(json: try headerReader.field(header, "plan"), reader: headerReader)
        let position = jobPositions(plan)
        var records: [RunRecord] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            let reader = ShardFieldReader(file: file, line: offset + 2)
            let record = try RunRecord(json: try json(line, reader), reader: reader)
            guard plan.points.indices.contains(record.point), let pointPosition = position[record.point] else {
                throw reader.fail("point \(record.point) is not a valid point of the sweep")
            }
            guard record.assignments == plan.points[record.point].assignments else {
                throw reader.fail("the assignments of point \(record.point) differ from the header's")
            }
            guard record.seed >= plan.seeds.first, record.seed <= plan.seeds.last else {
                throw reader.fail("seed \(record.seed) is outside the sweep's seeds \(plan.seeds.description)")
            }
            let job = pointPosition * plan.seeds.count + Int(record.seed - plan.seeds.first)
            guard shard.contains(job: job) else {
                throw reader.fail("point \(record.point) seed \(record.seed) belongs to shard \(job % shard.count + 1)/\(shard.count), not \(shard)")
            }
            records.append(record)
        }
        return Contents(file: file, plan: plan, shard: shard, records: records)
    }

    /// For each point, its position among the valid points (nil for an invalid point).
    static func jobPositions(_ plan: SweepPlan) -> [Int?] {
        var positions = [Int?](repeating: nil, count: plan.points.count)
        for (position, point) in plan.runnablePoints.enumerated() {
            positions[point] = position
        }
        return positions
    }

    /// One line parsed as JSON.
    private static func json(_ line: ArraySlice<UInt8>, _ reader: ShardFieldReader) throws(SweepError) -> JSONValue {
        do throws(JSONParseError) {
            return try JSONParser.parse(Array(line))
        } catch {
            throw reader.fail("invalid JSON at column \(error.column): \(error.message)")
        }
    }
}
