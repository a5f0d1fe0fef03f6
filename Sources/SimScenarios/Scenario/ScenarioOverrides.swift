/// The CLI's `--set KEY=VALUE` assignments, applied to a scenario document before decoding.
///
/// A key is a dotted path with optional array indices: `seed`, `workload.writes_per_second`,
/// `faults[0].at`, `cluster.patroni.ttl`. The sections and fields of `cluster` may drop
/// the `cluster.` prefix (`patroni.ttl`, `nodes[1]`, `scope`), since no top-level key
/// shares their names. The value is read as JSON when it parses (`20`, `true`, `null`,
/// `"text"`, `["etcd"]`) and as a plain string otherwise, so `duration=60s` needs no quotes.
/// Missing objects on the way are created; arrays are never extended.
public enum ScenarioOverrides {
    /// The file name used in errors: the mistakes are on the command line.
    public static let errorFile = "--set"

    /// The keys of `cluster` that may be written without the `cluster.` prefix.
    static let clusterShortcuts = ["scope", "namespace", "nodes", "etcd", "patroni", "postgres", "network"]

    /// Applies `assignments` in order to `document`.
    ///
    /// Every bad assignment is reported, each problem naming its assignment; if any is
    /// bad the call throws them all and returns nothing. Complexity: O(*n* × *d*) for *n* assignments into a document of depth *d*, plus
    /// the cost of copying the containers on each path.
    public static func apply(_ assignments: [String], to document: JSONValue) throws(ScenarioError) -> JSONValue {
        var result = document
        var problems: [ScenarioProblem] = []
        for assignment in assignments {
            do throws(AssignmentError) {
                let (steps, value) = try parse(assignment)
                try set(value, at: steps[...], in: &result, path: "$", assignment: assignment)
            } catch {
                problems.append(error.problem)
            }
        }
        if !problems.isEmpty {
            throw ScenarioError(file: errorFile, problems: problems)
        }
        return result
    }

    /// One step of a key path.
    enum Step: Equatable {
        /// A member of an object.
        case key(String)
        /// An element of an array.
        case index(Int)
    }

    /// Splits `KEY=VALUE` into the key's steps (with the `cluster` prefix restored) and the value.
    static func parse(_ assignment: String) throws(AssignmentError) -> ([Step], JSONValue) {
        guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
            throw problem("$", assignment, "expected KEY=VALUE with a dotted key such as patroni.ttl=20 or faults[0].at=70s")
        }
        let key = assignment[..<equals]
        let valueText = String(assignment[assignment.index(after: equals)...])
        var steps: [Step] = []
        for segment in key.split(separator: ".", omittingEmptySubsequences: false) {
            guard let parsed = parseSegment(segment) else {
                throw problem("$", assignment, "\(ScenarioText.quoted(String(segment))) is not a key such as patroni, ttl or faults[0]")
            }
            steps += parsed
        }
        if case .key(let first)? = steps.first, clusterShortcuts.contains(first) {
            steps.insert(.key("cluster"), at: 0)
        }
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONParser.parse(Array(valueText.utf8))
        } catch {
            value = .string(valueText)
        }
        return (steps, value)
    }

    /// Parses one dotted segment, `name` followed by any number of `[N]`, or nil when malformed.
    private static func parseSegment(_ segment: Substring) -> [Step]? {
        let scalars = Array(segment.unicodeScalars)
        var i = 0
        while i < scalars.count && isNameScalar(scalars[i]) {
            i += 1
        }
        guard i > 0 else {
            return nil
        }
        var steps: [Step] = [.key(String(String.UnicodeScalarView(scalars[0..<i])))]
        while i < scalars.count {
            guard scalars[i] == "[" else {
                return nil
            }
            i += 1
            let digitsStart = i
            var index = 0
            while i < scalars.count && ("0"..."9").contains(scalars[i]) {
                // Indices beyond this can never be in range; stop before Int overflows.
                guard index < 1_000_000_000 else {
                    return nil
                }
                index = index * 10 + Int(scalars[i].value - Unicode.Scalar("0").value)
                i += 1
            }
            guard i > digitsStart, i < scalars.count, scalars[i] == "]" else {
                return nil
            }
            steps.append(.index(index))
            i += 1
        }
        return steps
    }

    /// Whether `scalar` may appear in a key name: ASCII letters, digits, `_` and `-`.
    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
    }

    /// Stores `value` at `steps` below `node`, whose own path is `path`.
    private static func set(_ value: JSONValue, at steps: ArraySlice<Step>, in node: inout JSONValue, path: String, assignment: String) throws(AssignmentError) {
        guard let step = steps.first else {
            node = value
            return
        }
        let rest = steps.dropFirst()
        switch (step, node) {
        case (.key(let key), .object(var object)):
            let childPath = JSONPath.child(path, key)
            var child: JSONValue
            if let existing = object[key] {
                child = existing
            } else if case .index(let index)? = rest.first {
                throw problem(childPath, assignment, "\(childPath) does not exist, so it has no element \(index)")
            } else {
                child = .object(JSONObject())
            }
            try set(value, at: rest, in: &child, path: childPath, assignment: assignment)
            object.set(key, child)
            node = .object(object)
        case (.index(let index), .array(var elements)):
            let childPath = JSONPath.index(path, index)
            guard index < elements.count else {
                throw problem(childPath, assignment, "index \(index) is out of range; \(path) has \(elements.count) element\(elements.count == 1 ? "" : "s")")
            }
            try set(value, at: rest, in: &elements[index], path: childPath, assignment: assignment)
            node = .array(elements)
        case (.key(let key), _):
            throw problem(path, assignment, "cannot set key \(ScenarioText.quoted(key)): \(path) is \(article(node)), not an object")
        case (.index(let index), _):
            throw problem(path, assignment, "cannot set element \(index): \(path) is \(article(node)), not an array")
        }
    }

    /// The value's type with its article, such as `a number` or `an array`.
    private static func article(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .array, .object: return "an \(value.typeName)"
        case .bool, .number, .string: return "a \(value.typeName)"
        }
    }

    /// A problem at `path` that names the assignment.
    private static func problem(_ path: String, _ assignment: String, _ message: String) -> AssignmentError {
        AssignmentError(problem: ScenarioProblem(path: path, message: "--set \(ScenarioText.quoted(assignment)): \(message)"))
    }

    /// The one problem of a bad assignment, thrown out of the recursive descent.
    struct AssignmentError: Error {
        /// The problem to report.
        var problem: ScenarioProblem
    }
}
