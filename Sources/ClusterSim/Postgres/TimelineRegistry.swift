/// Every timeline branch created during a run, so that WAL positions can be compared
/// the way PostgreSQL does: by timeline history, not by number alone.
///
/// Two nodes promoting independently may both create "timeline 2"; they are two
/// branches here, as their WAL is different (PATRONI.md §4.2, issue #1251).
public struct TimelineRegistry: Sendable {
    /// One branch of WAL history.
    public struct Branch: Sendable, Equatable {
        /// PostgreSQL's timeline number.
        public var number: Int
        /// The branch it forked off, or nil for the first timeline.
        public var parent: Int?
        /// The LSN where it left its parent (the switch point).
        public var forkLSN: Int64
    }

    /// The branches by ID; ID 0 is timeline 1.
    public private(set) var branches: [Branch] = [Branch(number: 1, parent: nil, forkLSN: 0)]

    /// Creates a registry holding timeline 1.
    public init() {}

    /// Creates a branch forking off `parent` at `lsn`, numbered one above it. O(1).
    mutating func fork(from parent: Int, at lsn: Int64) -> Int {
        branches.append(Branch(number: branches[parent].number + 1, parent: parent, forkLSN: lsn))
        return branches.count - 1
    }

    /// The timeline number of `branch`.
    public func number(of branch: Int) -> Int { branches[branch].number }

    /// Whether WAL position `lsn` on branch `position` is part of the history of
    /// `branch` (reading up to `end` on it): either the same branch up to `end`, or an
    /// ancestor at or before the point where the history left it. O(depth).
    public func contains(branch: Int, end: Int64, position: Int, lsn: Int64) -> Bool {
        if position == branch { return lsn <= end }
        var child = branch
        while let parent = branches[child].parent {
            if parent == position { return lsn <= branches[child].forkLSN }
            child = parent
        }
        return false
    }

    /// The switch point where the history of `descendant` left `ancestor`, or nil if
    /// `ancestor` is not an ancestor of it. O(depth).
    public func switchPoint(from ancestor: Int, toward descendant: Int) -> Int64? {
        var child = descendant
        while let parent = branches[child].parent {
            if parent == ancestor { return branches[child].forkLSN }
            child = parent
        }
        return nil
    }

    /// The history of `branch` as PostgreSQL's `TIMELINE_HISTORY` lists it: one
    /// `(parent timeline number, switch LSN)` per ancestor, oldest first.
    public func history(of branch: Int) -> [(timeline: Int, switchLSN: Int64)] {
        var lines: [(Int, Int64)] = []
        var child = branch
        while let parent = branches[child].parent {
            lines.append((branches[parent].number, branches[child].forkLSN))
            child = parent
        }
        return lines.reversed()
    }
}
