extension ScenarioReader {
    /// Reads `synchronous_mode`: `true`/`false`, or Patroni's spellings `"on"`/`"off"`.
    /// `"quorum"` (quorum commit) is refused with a message saying it is not modelled.
    mutating func synchronousMode(_ object: JSONObject, in parent: String) -> Bool? {
        guard let value = object["synchronous_mode"] else {
            return nil
        }
        switch value {
        case .bool(let flag):
            return flag
        case .string("on"):
            return true
        case .string("off"):
            return false
        case .string("quorum"):
            fail(JSONPath.child(parent, "synchronous_mode"),
                 "quorum commit (\"quorum\") is not modelled yet; expected true, false, \"on\" or \"off\"")
            return nil
        default:
            fail(JSONPath.child(parent, "synchronous_mode"),
                 "expected true, false, \"on\" or \"off\", got \(ScenarioText.given(value))")
            return nil
        }
    }
}
