import ClusterSim

extension ScenarioReader {
    /// Reads `synchronous_mode`: `true`/`false`, or Patroni's spellings `"on"`/`"off"`, or
    /// `"quorum"` (quorum commit, which also turns synchronous mode on).
    mutating func synchronousMode(_ object: JSONObject, in parent: String, into settings: inout PatroniSettings) {
        guard let value = object["synchronous_mode"] else {
            return
        }
        switch value {
        case .bool(let flag):
            settings.synchronousMode = flag
            settings.quorumCommit = false
        case .string("on"), .string("off"), .string("quorum"):
            settings.synchronousMode = value != .string("off")
            settings.quorumCommit = value == .string("quorum")
        default:
            fail(JSONPath.child(parent, "synchronous_mode"),
                 "expected true, false, \"on\", \"off\" or \"quorum\", got \(ScenarioText.given(value))")
        }
    }
}
