/// Combines the shard files of one sweep into the summary the unsharded sweep would give.
public enum SweepMerge {
    /// Checks that `shards` are the `n` distinct shards of one sweep and that together they
    /// hold every run exactly once, then summarises them.
    ///
    /// Throws ``SweepError/merge(file:message:)`` naming the file that differs from the
    /// first, a shard given twice, the shards missing, or a missing or repeated run.
    /// Complexity: O(*r* log *r*) in the number of runs.
    public static func combine(_ shards: [SweepShardFile.Contents]) throws(SweepError) -> SweepSummary {
        guard let first = shards.first else {
            throw .merge(file: "", message: "no shard files to merge")
        }
        let plan = first.plan
        for other in shards.dropFirst() where !other.plan.agrees(with: plan) {
            throw .merge(file: other.file, message: "belongs to a different sweep than \(first.file) (its \(difference(plan, other.plan)) differ)")
        }
        var owner = [String?](repeating: nil, count: first.shard.count)
        for contents in shards {
            guard contents.shard.count == first.shard.count else {
                throw .merge(file: contents.file, message: "is shard \(contents.shard), but \(first.file) is shard \(first.shard): "
                    + "merge the shards of one split")
            }
            if let earlier = owner[contents.shard.index - 1] {
                throw .merge(file: contents.file, message: "is shard \(contents.shard), like \(earlier)")
            }
            owner[contents.shard.index - 1] = contents.file
        }
        let missing = owner.indices.filter { owner[$0] == nil }.map { "\($0 + 1)/\(first.shard.count)" }
        guard missing.isEmpty else {
            let listed = missing.prefix(10).joined(separator: ", ") + (missing.count > 10 ? ", ..." : "")
            throw .merge(file: "", message: "missing shard\(missing.count == 1 ? "" : "s") \(listed): merge every shard of the sweep")
        }
        let positions = SweepShardFile.jobPositions(plan)
        var slots = [RunRecord?](repeating: nil, count: plan.jobCount)
        for contents in shards {
            for record in contents.records {
                guard let position = positions[record.point] else { continue }
                let job = position * plan.seeds.count + Int(record.seed - plan.seeds.first)
                guard slots[job] == nil else {
                    throw .merge(file: contents.file, message: "point \(record.point) seed \(record.seed) appears twice")
                }
                slots[job] = record
            }
        }
        if let gap = slots.firstIndex(where: { $0 == nil }) {
            let count = slots.count { $0 == nil }
            let (point, seed) = plan.job(gap)
            let assignments = plan.points[point].assignments.joined(separator: " ")
            throw .merge(file: owner[gap % first.shard.count] ?? "",
                         message: "\(count) run\(count == 1 ? " is" : "s are") missing, the first point \(point)"
                             + (assignments.isEmpty ? "" : " (\(assignments))") + " seed \(seed): was the shard cut short?")
        }
        return SweepSummary(plan: plan, records: slots.compactMap { $0 })
    }

    /// The names of the parts in which two plans differ, e.g. `grid, seeds`.
    private static func difference(_ a: SweepPlan, _ b: SweepPlan) -> String {
        var parts: [String] = []
        if a.digest != b.digest || a.scenario != b.scenario { parts.append("scenario") }
        if a.sets != b.sets { parts.append("--set overrides") }
        if a.grid != b.grid { parts.append("grid") }
        if a.seeds != b.seeds { parts.append("seeds") }
        if parts.isEmpty { parts.append("grid points") }
        return parts.joined(separator: ", ")
    }
}
