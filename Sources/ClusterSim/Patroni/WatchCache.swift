/// A Patroni process's watch cache of the DCS: the value and lease of every key it has seen
/// under the cluster prefix, by `DCSKey` slot. Reads and writes are O(1) array accesses.
struct WatchCache {
    /// The cached keys by slot; slots past the end are absent keys.
    private var slots: [CachedKey?] = []

    /// The cached `key`, or nil if it is absent.
    subscript(key: DCSKey) -> CachedKey? {
        get {
            let slot = key.slot
            return slot < slots.count ? slots[slot] : nil
        }
        set {
            let slot = key.slot
            if slot >= slots.count {
                guard newValue != nil else { return }
                slots.append(contentsOf: repeatElement(nil, count: slot + 1 - slots.count))
            }
            slots[slot] = newValue
        }
    }

    /// Whether `key` is cached. O(1). It looks at the slot in place: `self[key] != nil`
    /// would copy the cached value (member data and all) out first.
    func contains(_ key: DCSKey) -> Bool {
        let slot = key.slot
        guard slot < slots.count else { return false }
        return slots.withUnsafeBufferPointer { buffer in
            switch buffer[slot] {
            case .some: return true
            case .none: return false
            }
        }
    }
}
