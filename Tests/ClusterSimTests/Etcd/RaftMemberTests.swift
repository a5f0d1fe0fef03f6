import XCTest

@testable import ClusterSim

/// The raft log rules of one etcd member: vote eligibility and storing a leader's entries.
final class RaftMemberTests: XCTestCase {
    private func member(terms: [Int64], commit: Int = 0) -> RaftMember {
        var member = RaftMember()
        for term in terms { member.log.append(RaftEntry(term: term, command: .noop)) }
        member.commitIndex = commit
        return member
    }

    private func terms(of member: RaftMember) -> [Int64] {
        member.log.elements(from: member.log.dropped + 1, through: member.lastIndex).map(\.term)
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
        XCTAssertEqual(terms(of: follower), [1, 1, 3], "entry 3 of term 2 conflicted and was cut with what followed")
        XCTAssertEqual(follower.term(at: 0), 0)
        XCTAssertNil(follower.term(at: 4))
    }

    func testAnEmptyAppendChangesNothing() {
        var follower = member(terms: [1, 2])
        XCTAssertEqual(follower.store([], after: 2), 2)
        XCTAssertEqual(terms(of: follower), [1, 2])
    }

    func testCompactionKeepsIndicesTermsAndTheLastTerm() {
        var member = member(terms: [1, 1, 2, 2, 3], commit: 5)
        member.compact(through: 3)
        XCTAssertEqual(member.log.dropped, 3)
        XCTAssertEqual(member.lastIndex, 5)
        XCTAssertEqual(member.term(at: 3), 2, "the compaction point keeps its term")
        XCTAssertEqual(member.term(at: 4), 2)
        XCTAssertEqual(terms(of: member), [2, 3])
        member.compact(through: 5)
        XCTAssertEqual(member.lastTerm, 3, "an empty log after compaction still knows its last term")
        XCTAssertTrue(member.accepts(lastIndex: 5, lastTerm: 3))
        XCTAssertFalse(member.accepts(lastIndex: 4, lastTerm: 3))
        XCTAssertEqual(member.store([RaftEntry(term: 3, command: .noop)], after: 5), 6)
        XCTAssertEqual(member.log[6].term, 3)
    }

    /// The commit index a quorum has is the quorum-th largest match index, for every cluster
    /// size and quorum (checked against sorting, as it was computed before).
    func testTheQuorumMatchIndexIsTheQuorumThLargestMatchIndex() {
        var random = RandomStream(seed: 3, stream: "quorum-match-index")
        for _ in 0..<2_000 {
            var member = RaftMember()
            let members = Int(random.nextInt(in: 1...5))
            member.matchIndex = (0..<members).map { _ in Int(random.nextInt(in: 0...6)) }
            for quorum in 1...members {
                XCTAssertEqual(member.quorumMatchIndex(quorum), member.matchIndex.sorted(by: >)[quorum - 1],
                               "match \(member.matchIndex), quorum \(quorum)")
            }
        }
    }
}
