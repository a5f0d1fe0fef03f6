import ClusterSim

extension ScenarioReader {
    /// Reads the `postgres` section.
    mutating func postgres(_ value: JSONValue, at path: String, into settings: inout PostgresSettings) {
        let durations: [(String, WritableKeyPath<PostgresSettings, SimDuration>)] = [
            ("initdb", \.initdb), ("start", \.start), ("crash_recovery", \.crashRecovery), ("promote", \.promote),
            ("fast_stop", \.fastStop), ("rewind_base", \.rewindBase), ("wal_retrieve_retry_interval", \.walRetrieveRetryInterval),
        ]
        let sizes: [(String, WritableKeyPath<PostgresSettings, Int64>)] = [
            ("rewind_bytes_per_second", \.rewindBytesPerSecond), ("data_size", \.dataSize),
            ("basebackup_bytes_per_second", \.basebackupBytesPerSecond), ("wal_bytes_per_write", \.walBytesPerWrite),
            ("checkpoint_record_bytes", \.checkpointRecordBytes), ("wal_write_bytes_per_second", \.walWriteBytesPerSecond),
        ]
        let allowed = ["version"] + durations.map(\.0) + sizes.map(\.0) + ["use_slots"]
        guard let object = object(value, at: path, allowed: allowed) else {
            return
        }
        settings.version = integer(object, "version", in: path, IntegerRange(min: 9, max: 18)).map { Int($0) } ?? settings.version
        for (key, field) in durations {
            // A zero retry interval would make a walreceiver reconnect in a busy loop.
            let positive = key == "wal_retrieve_retry_interval"
            settings[keyPath: field] = duration(object, key, in: path, positive: positive) ?? settings[keyPath: field]
        }
        for (key, field) in sizes {
            let largest: Int64
            switch key {
            case "wal_bytes_per_write": largest = ScenarioLimits.largestWriteBytes
            case "checkpoint_record_bytes": largest = ScenarioLimits.largestCheckpointRecordBytes
            default: largest = ScenarioLimits.largestByteCount
            }
            let size = IntegerRange(min: 1, max: largest, unit: "bytes")
            settings[keyPath: field] = integer(object, key, in: path, size) ?? settings[keyPath: field]
        }
        settings.useSlots = bool(object, "use_slots", in: path) ?? settings.useSlots
    }
}
