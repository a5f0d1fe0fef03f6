extension NodeOptions {
    /// `Tags.nosync`: the `nosync` tag when given, else whether `sync_priority` ≤ 0
    /// (`tags.py::Tags._bool_tag`).
    public var excludedFromSync: Bool { nosync ?? (syncPriority <= 0) }

    /// `Tags.sync_priority`: 0 when `nosync` is true, else the `sync_priority` tag
    /// (`tags.py::Tags._priority_tag`).
    public var effectiveSyncPriority: Int { nosync == true ? 0 : syncPriority }
}
