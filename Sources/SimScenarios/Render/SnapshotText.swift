import ClusterSim

/// The cluster at chosen instants (`simrun run --at`), as text: for each snapshot a
/// `patronictl list` table and the keys as `etcdctl get --prefix` shows them, in the
/// layout of the text report's final state.
public enum SnapshotText {
    /// The snapshot sections, separated by blank lines, ending with a newline (empty when
    /// there are none). `firstFault` is the origin of the `T+` times, `scope` the cluster's name.
    public static func render(_ snapshots: [ClusterSnapshot], firstFault: SimInstant?, scope: String) -> String {
        snapshots.map { snapshot in
            var lines = ["State at " + when(snapshot.at, firstFault: firstFault) + ":"]
            lines.append(contentsOf: TextReport.patronictlList(snapshot, scope: scope).split(separator: "\n").map(String.init))
            lines.append("")
            let command = "etcdctl get --prefix /service/\(scope)/"
            if snapshot.keys.isEmpty {
                lines.append("etcd keys (\(command)): none")
            } else {
                lines.append("etcd keys (\(command)):")
                for key in snapshot.keys {
                    lines.append(key.key)
                    lines.append(key.value)
                }
            }
            return lines.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    /// `text` (a ``TextReport``) with the snapshot sections inserted before its final state,
    /// so that the states read in time order; appended at the end if the report has no
    /// final state section.
    public static func inserting(_ sections: String, into text: String) -> String {
        guard !sections.isEmpty else { return text }
        let marker = "\nFinal state at "
        guard let range = text.firstRange(of: marker) else { return text + "\n" + sections }
        return String(text[..<range.lowerBound]) + "\n" + sections + String(text[range.lowerBound...])
    }

    /// `T+10.0s (t=76.6s)` with a fault, `t=45.0s` without.
    static func when(_ instant: SimInstant, firstFault: SimInstant?) -> String {
        guard let firstFault else { return instant.description }
        let offset = TimeFormat.seconds((instant - firstFault).microseconds, decimals: 1)
        return "T" + (offset.hasPrefix("-") ? "" : "+") + offset + "s (\(instant))"
    }
}
