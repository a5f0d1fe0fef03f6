import ClusterSim

extension SweepPlan {
    /// The plan as the header of a shard file carries it.
    var json: JSONValue {
        .object(JSONObject([
            ("source", .string(source)),
            ("scenario", .string(scenario)),
            ("digest", .string(digest)),
            ("sets", .array(sets.map(JSONValue.string))),
            ("grid", .array(grid.axes.map { axis in
                .object(JSONObject([("key", .string(axis.key)), ("values", .array(axis.values.map(JSONValue.string)))]))
            })),
            ("first_seed", JSONReport.unsigned(seeds.first)),
            ("seeds", .int(seeds.count)),
            ("points", .array(points.map(\.json))),
        ]))
    }

    /// Reads a plan written by ``json``.
    init(json value: JSONValue, reader: ShardFieldReader) throws(SweepError) {
        let object = try reader.object(value, "\"plan\"")
        var axes: [SweepAxis] = []
        for axis in try reader.array(object, "grid") {
            let fields = try reader.object(axis, "a grid axis")
            axes.append(SweepAxis(key: try reader.string(fields, "key"), values: try reader.strings(fields, "values")))
        }
        let grid: SweepGrid
        let seeds: SweepSeeds
        do throws(SweepError) {
            grid = try SweepGrid(axes: axes)
            seeds = try SweepSeeds(first: try reader.unsigned(object, "first_seed"), count: Int(try reader.int(object, "seeds", min: 1)))
        } catch {
            throw reader.fail("the header's sweep is not valid: \(error.description)")
        }
        var points: [SweepPoint] = []
        for point in try reader.array(object, "points") {
            points.append(try SweepPoint(json: point, reader: reader))
        }
        guard points.count == grid.count, points.indices.allSatisfy({ points[$0].index == $0 && points[$0].assignments == grid.assignments(of: $0) }) else {
            throw reader.fail("the header's points do not match its grid")
        }
        self.init(source: try reader.string(object, "source"), scenario: try reader.string(object, "scenario"),
                  digest: try reader.string(object, "digest"), sets: try reader.strings(object, "sets"),
                  grid: grid, seeds: seeds, points: points)
    }
}

extension SweepPoint {
    /// The point as a shard header carries it; times in microseconds so nothing is rounded.
    var json: JSONValue {
        .object(JSONObject([
            ("index", .int(index)),
            ("assignments", .array(assignments.map(JSONValue.string))),
            ("error", error.map(JSONValue.string) ?? .null),
            ("timers", timers.map { timers in
                .object(JSONObject([
                    ("ttl_us", .int(timers.ttl.microseconds)),
                    ("loop_wait_us", .int(timers.loopWait.microseconds)),
                    ("retry_timeout_us", .int(timers.retryTimeout.microseconds)),
                    ("warnings", .array(timers.warnings.map(JSONValue.string))),
                ]))
            } ?? .null),
            ("note", .string(note)),
            ("envelope", envelope.map { envelope in
                .object(JSONObject([
                    ("case", .string(envelope.formula.rawValue)),
                    ("fault", .string(envelope.fault)),
                    ("min_us", .int(envelope.min.microseconds)),
                    ("mean_us", .int(envelope.mean.microseconds)),
                    ("max_us", .int(envelope.max.microseconds)),
                ]))
            } ?? .null),
        ]))
    }

    /// Reads a point written by ``json``.
    init(json value: JSONValue, reader: ShardFieldReader) throws(SweepError) {
        let object = try reader.object(value, "a grid point")
        var timers: EffectiveTimers?
        if let fields = object["timers"], fields != .null {
            let timerFields = try reader.object(fields, "\"timers\"")
            var read = EffectiveTimers(PatroniSettings())
            read.ttl = .micros(try reader.int(timerFields, "ttl_us", min: 0))
            read.loopWait = .micros(try reader.int(timerFields, "loop_wait_us", min: 0))
            read.retryTimeout = .micros(try reader.int(timerFields, "retry_timeout_us", min: 0))
            read.warnings = try reader.strings(timerFields, "warnings")
            timers = read
        }
        var envelope: FailoverEnvelope?
        if let fields = object["envelope"], fields != .null {
            let envelopeFields = try reader.object(fields, "\"envelope\"")
            let caseText = try reader.string(envelopeFields, "case")
            guard let formula = FailoverEnvelope.Case(rawValue: caseText) else {
                throw reader.fail("unknown envelope case \(ScenarioText.quoted(caseText)); expected A, B, C or D")
            }
            envelope = FailoverEnvelope(formula: formula, fault: try reader.string(envelopeFields, "fault"),
                                        min: .micros(try reader.int(envelopeFields, "min_us", min: 0)),
                                        mean: .micros(try reader.int(envelopeFields, "mean_us", min: 0)),
                                        max: .micros(try reader.int(envelopeFields, "max_us", min: 0)))
        }
        self.init(index: Int(try reader.int(object, "index", min: 0)), assignments: try reader.strings(object, "assignments"),
                  error: try reader.optionalString(object, "error"), timers: timers,
                  note: try reader.string(object, "note"), envelope: envelope)
    }
}
