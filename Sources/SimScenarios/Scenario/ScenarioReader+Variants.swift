extension ScenarioReader {
    /// Checks the keys of an object whose allowed keys depend on one of its values (a
    /// fault's `action`, the `ha` object's `policy`): `common` keys plus those of `variant`
    /// (or of every variant while it is unknown). A key that belongs to another variant gets
    /// its own message.
    mutating func checkVariantKeys(_ raw: JSONObject, at path: String, common: [String], variant: String?,
                                   variants: [(name: String, keys: [String])], noun: String) {
        let extraKeys = variants.first { $0.name == variant }?.keys ?? variants.flatMap(\.keys)
        var allowed = common
        for key in extraKeys where !allowed.contains(key) {
            allowed.append(key)
        }
        for key in raw.keys where !allowed.contains(key) {
            if let variant, variants.contains(where: { $0.keys.contains(key) }) {
                fail(JSONPath.child(path, key), "key \(ScenarioText.quoted(key)) is not allowed with \(noun) \(ScenarioText.quoted(variant)); allowed keys: \(Self.list(allowed))")
            } else {
                fail(JSONPath.child(path, key), unknownKeyMessage(key, allowed: allowed))
            }
        }
    }
}
