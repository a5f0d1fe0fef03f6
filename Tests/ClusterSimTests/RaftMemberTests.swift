import XCTest

@testable import ClusterSim

/// The raft log rules of one etcd member: vote eligibility and storing a leader's entries.
final class RaftMemberTests: XCTestCase {
    private func member(terms: [Int64], commit: Int = 0) -> RaftMember {
        var member = RaftMember()
        member.log = terms.map { RaftEntry(term: $0, command: .noop) }
        member.commitIndex = commit
        return member
    }

    func testAVoteGoesOnlyToALogAtLeastAsUpToDate() {
        let voter = member(terms: [1, 1, 2])
        XCTAssertTrue(voter.accepts(lastIndex: 3, lastTerm: 2), "the same log")
        XCTAssertTrue(voter.accepts(lastIndex: 1, lastTerm: 3), "a later last term wins over a longer log")
        XCTAssertFalse(voter.accepts(lastIndex: 2, lastTerm: 2), "a shorter log of the same last term")
        XCTAssertFalse(voter.accepts(lastIndex: 9, lastTerm: 1), "an earlier last term, however long")
    }

    func testStoringCutsAConflictingSuffixAndKeepsMatchingEntries() {
        var follower = member(terms: [1, 1, 2, 2], commit: 2)
        let match = follower.store([RaftEntry(term: 1, command: .noop), RaftEntry(term: 3, command: .noop)], after: 1)
        XCTAssertEqual(match, 3)
        XCTAssertEqual(follower.log.map(\.term), [1, 1, 3], "entry 3 of term 2 conflicted and was cut with what followed")
        XCTAssertEqual(follower.term(at: 0), 0)
        XCTAssertNil(follower.term(at: 4))
    }

    func testAnEmptyAppendChangesNothing() {
        var follower = member(terms: [1, 2])
        XCTAssertEqual(follower.store([], after: 2), 2)
        XCTAssertEqual(follower.log.map(\.term), [1, 2])
    }
}
