import ClusterSim

extension ScenarioReader {
    /// Reads the `postgres` section.
    mutating func postgres(_ value: JSONValue, at path: String, into settings: inout PostgresSettings) {
        let durations: [(String, WritableKeyPath<PostgresSettings, SimDuration>)] = [
            ("initdb", \.initdb), ("start", \.start), ("crash_recovery", \.crashRecovery), ("promote", \.promote),
            ("fast_stop", \.fastStop), ("rewind_base", \.rewindBase), ("wal_retrieve_retry_interval", \.walRetrieveRetryInterval),
            ("wal_sender_timeout", \.walSenderTimeout), ("wal_receiver_status_interval", \.walReceiverStatusInterval),
            ("connect_timeout", \.connectTimeout),
        ]
        // Zero would make a walreceiver reconnect or report in a busy loop; PostgreSQL's "0
        // disables" for the sender timeout and the status interval is not modelled.
        let positive: Set<String> = ["wal_retrieve_retry_interval", "wal_sender_timeout", "wal_receiver_status_interval", "connect_timeout"]
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
            settings[keyPath: field] = duration(object, key, in: path, positive: positive.contains(key)) ?? settings[keyPath: field]
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
