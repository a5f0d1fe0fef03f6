/// Patroni's way of deriving one log word from another.
extension String {
    /// `failover` for `manual failover`, other actions unchanged (Patroni's `action.replace('manual ', '')`).
    var replacingManual: String { hasPrefix("manual ") ? String(dropFirst(7)) : self }

    /// The text with its first letter upper-cased (Patroni's `action.title()` for one word).
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
