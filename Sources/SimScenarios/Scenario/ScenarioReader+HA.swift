import ClusterSim

extension ScenarioReader {
    /// The HA policies a scenario may name, and the keys each allows in the object form
    /// besides `policy`.
    static let haPolicies: [(name: String, keys: [String])] = [
        ("patroni", []),
        ("none", ["check_interval", "promote_after"]),
        ("manual", ["detection", "decision", "execution", "verification", "application_update", "check_interval"]),
    ]

    /// Reads `ha`: a policy name (`"patroni"`, `"none"`, `"manual"`) for its defaults, or
    /// `{"policy": ..., ...}` with the policy's own settings; nil when unusable.
    mutating func ha(_ value: JSONValue, at path: String) -> HAPolicy? {
        let names = Self.haPolicies.map(\.name)
        switch value {
        case .string:
            return choice(value, at: path, from: names).flatMap(Self.defaultPolicy(named:))
        case .object(let raw):
            return haObject(raw, at: path)
        default:
            let quoted = names.map(ScenarioText.quoted)
            fail(path, "expected one of \(ScenarioText.alternatives(quoted)), or an object such as {\"policy\": \"none\"}, got \(ScenarioText.given(value))")
            return nil
        }
    }

    /// The policy `name` with the defaults of its ClusterSim type.
    private static func defaultPolicy(named name: String) -> HAPolicy? {
        switch name {
        case "patroni": return .patroni
        case "none": return .none(UnfencedPromotion())
        case "manual": return .manual(ManualOperator())
        default: return nil
        }
    }

    /// Reads the object form of `ha`. Its keys are checked against the given policy; a
    /// key of another policy says which policy it belongs with.
    private mutating func haObject(_ raw: JSONObject, at path: String) -> HAPolicy? {
        let problemCount = problems.count
        var name: String?
        if let policyValue = raw["policy"] {
            name = choice(policyValue, at: JSONPath.child(path, "policy"), from: Self.haPolicies.map(\.name))
        } else {
            fail(path, "missing required key \"policy\"")
        }
        checkVariantKeys(raw, at: path, common: ["policy"], variant: name, variants: Self.haPolicies, noun: "policy")
        var policy: HAPolicy?
        switch name {
        case "patroni":
            policy = .patroni
        case "none":
            var promotion = UnfencedPromotion()
            promotion.checkInterval = duration(raw, "check_interval", in: path, positive: true) ?? promotion.checkInterval
            promotion.promoteAfter = duration(raw, "promote_after", in: path, positive: true) ?? promotion.promoteAfter
            policy = .none(promotion)
        case "manual":
            var human = ManualOperator()
            let steps: [(String, WritableKeyPath<ManualOperator, DurationRange>)] = [
                ("detection", \.detection), ("decision", \.decision), ("execution", \.execution),
                ("verification", \.verification), ("application_update", \.applicationUpdate),
            ]
            for (key, field) in steps {
                human[keyPath: field] = durationRange(raw, key, in: path) ?? human[keyPath: field]
            }
            human.checkInterval = duration(raw, "check_interval", in: path, positive: true) ?? human.checkInterval
            policy = .manual(human)
        default:
            policy = nil
        }
        return problems.count == problemCount ? policy : nil
    }
}
