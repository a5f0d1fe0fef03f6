import XCTest

@testable import ClusterSim

/// The etcd state machine: leases on etcd's monotonic clock, revisions, and Patroni's transactions.
final class EtcdStoreTests: XCTestCase {
    private let firstLease: Int64 = 0x694D_0001_0000
    private let leaderKey = "/service/demo/leader"
    private let memberKey = "/service/demo/members/patroni1"

    private func store(minimumTTL: Int64 = 2) -> EtcdStore {
        EtcdStore(firstLeaseID: firstLease, minimumTTLSeconds: minimumTTL)
    }

    private func at(_ seconds: Int64, plusMicros micros: Int64 = 0) -> SimInstant {
        SimInstant(microseconds: seconds * 1_000_000 + micros)
    }

    /// Grants a lease at `now`, failing the test when the answer is not a grant.
    private func grant(_ ttl: Int64, in etcd: inout EtcdStore, at now: SimInstant,
                       file: StaticString = #filePath, line: UInt = #line) -> Int64 {
        let (response, events) = etcd.apply(.grantLease(ttlSeconds: ttl), now: now)
        XCTAssertEqual(events, [], "a grant is not a key change", file: file, line: line)
        guard case .leaseGranted(let id, _) = response else {
            XCTFail("expected a grant, got \(response)", file: file, line: line)
            return -1
        }
        return id
    }

    // MARK: Leases

    func testAGrantBelowTheMinimumIsRaisedToTheMinimum() {
        var etcd = store(minimumTTL: 2)
        let (response, _) = etcd.apply(.grantLease(ttlSeconds: 1), now: at(10))
        XCTAssertEqual(response, .leaseGranted(id: firstLease, ttlSeconds: 2))
        XCTAssertEqual(etcd.expiry(of: firstLease), at(12))
    }

    func testAGrantAboveTheMinimumIsKeptAndLeaseIDsAreConsecutive() {
        var etcd = store(minimumTTL: 2)
        XCTAssertEqual(etcd.apply(.grantLease(ttlSeconds: 30), now: at(0)).0, .leaseGranted(id: firstLease, ttlSeconds: 30))
        XCTAssertEqual(etcd.apply(.grantLease(ttlSeconds: 20), now: at(1)).0, .leaseGranted(id: firstLease + 1, ttlSeconds: 20))
        XCTAssertEqual(etcd.expiry(of: firstLease + 1), at(21))
    }

    func testAKeepAliveRenewsTheLeaseToNowPlusItsTTL() {
        var etcd = store()
        let lease = grant(30, in: &etcd, at: at(0))
        XCTAssertEqual(etcd.expiry(of: lease), at(30))
        XCTAssertEqual(etcd.apply(.keepAlive(lease: lease), now: at(10, plusMicros: 250)).0, .keepAliveOK)
        XCTAssertEqual(etcd.expiry(of: lease), at(40, plusMicros: 250))
    }

    func testAKeepAliveOneMicrosecondBeforeExpirySucceeds() {
        var etcd = store()
        let lease = grant(30, in: &etcd, at: at(0))
        XCTAssertEqual(etcd.apply(.keepAlive(lease: lease), now: at(30, plusMicros: -1)).0, .keepAliveOK)
        XCTAssertEqual(etcd.expiry(of: lease), at(60, plusMicros: -1))
    }

    func testAKeepAliveAtExactlyTheExpiryInstantFails() {
        var etcd = store()
        let lease = grant(30, in: &etcd, at: at(0))
        XCTAssertTrue(etcd.isLive(lease, now: at(30, plusMicros: -1)))
        XCTAssertFalse(etcd.isLive(lease, now: at(30)))
        XCTAssertEqual(etcd.apply(.keepAlive(lease: lease), now: at(30)).0, .leaseNotFound)
        XCTAssertEqual(etcd.expiry(of: lease), at(30), "a failed keep-alive must not renew")
    }

    func testAKeepAliveOfAnUnknownLeaseFails() {
        var etcd = store()
        XCTAssertEqual(etcd.apply(.keepAlive(lease: 12_345), now: at(0)).0, .leaseNotFound)
    }

    func testAWriteWithAnExpiredLeaseIsRefusedAndChangesNothing() {
        var etcd = store()
        let lease = grant(30, in: &etcd, at: at(0))
        let (response, events) = etcd.apply(.put(key: leaderKey, value: .leaderName("patroni1"), lease: lease), now: at(30))
        XCTAssertEqual(response, .leaseNotFound)
        XCTAssertEqual(events, [])
        XCTAssertEqual(etcd.revision, 1)
        XCTAssertEqual(etcd.sortedEntries, [])
    }

    // MARK: Revocation

    func testRevocationOneMicrosecondBeforeExpiryKeepsTheLeaseAndItsKeys() {
        var etcd = store()
        let lease = grant(30, in: &etcd, at: at(0))
        _ = etcd.apply(.put(key: leaderKey, value: .leaderName("patroni1"), lease: lease), now: at(1))
        let (events, revoked) = etcd.revokeExpired(now: at(30, plusMicros: -1))
        XCTAssertEqual(events, [])
        XCTAssertEqual(revoked, [])
        XCTAssertEqual(etcd.entries[leaderKey]?.lease, lease)
        XCTAssertNotNil(etcd.expiry(of: lease))
    }

    func testRevocationAtExpiryDeletesEveryKeyOfTheLeaseInKeyOrder() {
        var etcd = store()
        let lease = grant(30, in: &etcd, at: at(0))
        // Attached in reverse key order, so that key order cannot come from attach order.
        _ = etcd.apply(.put(key: memberKey, value: .status(optime: 1), lease: lease), now: at(1))
        _ = etcd.apply(.createIfAbsent(key: leaderKey, value: .leaderName("patroni1"), lease: lease), now: at(1))
        _ = etcd.apply(.put(key: "/service/demo/config", value: .status(optime: 0), lease: 0), now: at(1))
        XCTAssertEqual(etcd.revision, 4)

        let (events, revoked) = etcd.revokeExpired(now: at(30))
        XCTAssertEqual(revoked, [lease])
        XCTAssertEqual(events, [
            WatchEvent(key: leaderKey, value: nil, revision: 5, lease: 0),
            WatchEvent(key: memberKey, value: nil, revision: 6, lease: 0),
        ])
        XCTAssertEqual(etcd.sortedEntries.map(\.key), ["/service/demo/config"], "a key without a lease survives")
        XCTAssertNil(etcd.expiry(of: lease))
        XCTAssertEqual(etcd.apply(.keepAlive(lease: lease), now: at(30)).0, .leaseNotFound)
        XCTAssertEqual(etcd.revokeExpired(now: at(60)).revoked, [], "a lease is revoked once")
    }

    func testRevocationHandlesSeveralExpiredLeasesInLeaseIDOrderAndKeepsLiveOnes() {
        var etcd = store()
        let first = grant(10, in: &etcd, at: at(0))
        let second = grant(5, in: &etcd, at: at(0))
        let live = grant(30, in: &etcd, at: at(0))
        _ = etcd.apply(.put(key: "/b", value: .status(optime: 1), lease: first), now: at(1))
        _ = etcd.apply(.put(key: "/a", value: .status(optime: 2), lease: second), now: at(1))
        _ = etcd.apply(.put(key: "/c", value: .status(optime: 3), lease: live), now: at(1))

        let (events, revoked) = etcd.revokeExpired(now: at(10))
        XCTAssertEqual(revoked, [first, second])
        XCTAssertEqual(events.map(\.key), ["/b", "/a"], "the keys of the lower lease ID go first")
        XCTAssertEqual(events.map(\.revision), [5, 6])
        XCTAssertEqual(etcd.sortedEntries.map(\.key), ["/c"])
    }

    // MARK: Transactions

    func testCreateIfAbsentFailsWhileTheKeyExistsAndSucceedsAfterItsDeletion() {
        var etcd = store()
        let value = DCSValue.leaderName("patroni1")
        XCTAssertEqual(etcd.apply(.createIfAbsent(key: leaderKey, value: value, lease: 0), now: at(0)).0, .ok)
        let (refused, noEvents) = etcd.apply(.createIfAbsent(key: leaderKey, value: .leaderName("patroni2"), lease: 0), now: at(1))
        XCTAssertEqual(refused, .compareFailed)
        XCTAssertEqual(noEvents, [])
        XCTAssertEqual(etcd.sortedEntries.first?.value, value, "a failed compare must not overwrite")

        XCTAssertEqual(etcd.apply(.deleteIfValue(key: leaderKey, expected: value), now: at(2)).0, .ok)
        let (created, events) = etcd.apply(.createIfAbsent(key: leaderKey, value: .leaderName("patroni2"), lease: 0), now: at(3))
        XCTAssertEqual(created, .ok)
        XCTAssertEqual(events, [WatchEvent(key: leaderKey, value: .leaderName("patroni2"), revision: 4, lease: 0)])
        XCTAssertEqual(etcd.sortedEntries.first?.createRevision, 4, "a re-created key gets a new create revision")
    }

    func testRevisionsIncreaseByOnePerWriteAndNotOnReadsGrantsOrFailedCompares() {
        var etcd = store()
        XCTAssertEqual(etcd.revision, 1)
        let lease = grant(30, in: &etcd, at: at(0))
        XCTAssertEqual(etcd.revision, 1, "a grant")
        _ = etcd.apply(.put(key: "/k", value: .status(optime: 1), lease: lease), now: at(0))
        XCTAssertEqual(etcd.revision, 2)
        _ = etcd.apply(.put(key: "/k", value: .status(optime: 2), lease: lease), now: at(0))
        XCTAssertEqual(etcd.revision, 3)
        _ = etcd.apply(.keepAlive(lease: lease), now: at(1))
        _ = etcd.apply(.rangePrefix, now: at(1))
        _ = etcd.apply(.createIfAbsent(key: "/k", value: .status(optime: 9), lease: 0), now: at(1))
        _ = etcd.apply(.deleteIfValue(key: "/k", expected: .status(optime: 9)), now: at(1))
        XCTAssertEqual(etcd.revision, 3, "a keep-alive, a read and failed compares")
        _ = etcd.apply(.deleteIfValue(key: "/k", expected: .status(optime: 2)), now: at(1))
        XCTAssertEqual(etcd.revision, 4)
    }

    func testAnOverwriteKeepsTheCreateRevisionAndMovesTheModRevision() {
        var etcd = store()
        _ = etcd.apply(.put(key: "/k", value: .status(optime: 1), lease: 0), now: at(0))
        _ = etcd.apply(.put(key: "/other", value: .status(optime: 1), lease: 0), now: at(0))
        let (_, events) = etcd.apply(.put(key: "/k", value: .status(optime: 2), lease: 0), now: at(0))
        XCTAssertEqual(events, [WatchEvent(key: "/k", value: .status(optime: 2), revision: 4, lease: 0)])
        let entry = etcd.sortedEntries.first { $0.key == "/k" }
        XCTAssertEqual(entry?.createRevision, 2)
        XCTAssertEqual(entry?.modRevision, 4)
    }

    func testPutIfValueOrAbsentRebindsTheKeyToTheNewLease() {
        var etcd = store()
        let old = grant(10, in: &etcd, at: at(0))
        let new = grant(30, in: &etcd, at: at(0))
        let value = DCSValue.leaderName("patroni1")
        _ = etcd.apply(.createIfAbsent(key: leaderKey, value: value, lease: old), now: at(1))
        let (response, events) = etcd.apply(
            .putIfValueOrAbsent(key: leaderKey, value: value, lease: new, expected: value), now: at(2))
        XCTAssertEqual(response, .ok)
        XCTAssertEqual(events, [WatchEvent(key: leaderKey, value: value, revision: 3, lease: new)])
        XCTAssertEqual(etcd.entries[leaderKey]?.lease, new)

        let (oldEvents, oldRevoked) = etcd.revokeExpired(now: at(10))
        XCTAssertEqual(oldRevoked, [old])
        XCTAssertEqual(oldEvents, [], "the old lease's revocation must no longer delete the key")
        XCTAssertEqual(etcd.entries[leaderKey]?.lease, new)

        let (newEvents, newRevoked) = etcd.revokeExpired(now: at(30))
        XCTAssertEqual(newRevoked, [new])
        XCTAssertEqual(newEvents.map(\.key), [leaderKey])
    }

    func testPutIfValueOrAbsentFailsOnAnotherValueAndCreatesAnAbsentKey() {
        var etcd = store()
        _ = etcd.apply(.put(key: leaderKey, value: .leaderName("patroni2"), lease: 0), now: at(0))
        XCTAssertEqual(etcd.apply(.putIfValueOrAbsent(key: leaderKey, value: .leaderName("patroni1"), lease: 0,
                                                      expected: .leaderName("patroni1")), now: at(1)).0, .compareFailed)
        XCTAssertEqual(etcd.sortedEntries.first?.value, .leaderName("patroni2"))

        XCTAssertEqual(etcd.apply(.putIfValueOrAbsent(key: memberKey, value: .status(optime: 5), lease: 0,
                                                      expected: .status(optime: 4)), now: at(1)).0, .ok)
        XCTAssertEqual(etcd.sortedEntries.map(\.key), [leaderKey, memberKey])
    }

    func testAPlainPutWithoutALeaseDetachesTheKeyFromItsLease() {
        var etcd = store()
        let lease = grant(10, in: &etcd, at: at(0))
        _ = etcd.apply(.put(key: "/k", value: .status(optime: 1), lease: lease), now: at(0))
        _ = etcd.apply(.put(key: "/k", value: .status(optime: 2), lease: 0), now: at(1))
        XCTAssertEqual(etcd.revokeExpired(now: at(10)).events, [])
        XCTAssertEqual(etcd.sortedEntries.map(\.key), ["/k"])
    }

    func testDeleteIfValueDeletesOnlyOnAMatchingValue() {
        var etcd = store()
        _ = etcd.apply(.put(key: leaderKey, value: .leaderName("patroni1"), lease: 0), now: at(0))

        let (mismatch, noEvents) = etcd.apply(.deleteIfValue(key: leaderKey, expected: .leaderName("patroni2")), now: at(1))
        XCTAssertEqual(mismatch, .compareFailed)
        XCTAssertEqual(noEvents, [])
        XCTAssertEqual(etcd.sortedEntries.map(\.key), [leaderKey])

        XCTAssertEqual(etcd.apply(.deleteIfValue(key: "/absent", expected: .leaderName("patroni1")), now: at(1)).0,
                       .compareFailed)

        let (match, events) = etcd.apply(.deleteIfValue(key: leaderKey, expected: .leaderName("patroni1")), now: at(2))
        XCTAssertEqual(match, .ok)
        XCTAssertEqual(events, [WatchEvent(key: leaderKey, value: nil, revision: 3, lease: 0)])
        XCTAssertEqual(etcd.sortedEntries, [])
    }

    func testRangePrefixReturnsTheKeysSorted() {
        var etcd = store()
        for key in ["/s/members/b", "/s/leader", "/s/members/a", "/s/config", "/s/initialize"] {
            _ = etcd.apply(.put(key: key, value: .status(optime: 0), lease: 0), now: at(0))
        }
        let (response, events) = etcd.apply(.rangePrefix, now: at(1))
        XCTAssertEqual(events, [])
        guard case .range(let entries) = response else { return XCTFail("expected a range, got \(response)") }
        XCTAssertEqual(entries.map(\.key), ["/s/config", "/s/initialize", "/s/leader", "/s/members/a", "/s/members/b"])
        XCTAssertEqual(entries, etcd.sortedEntries)
    }
}
