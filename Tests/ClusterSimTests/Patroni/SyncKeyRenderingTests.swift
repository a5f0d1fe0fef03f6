import ClusterSim
import XCTest

/// How the `/sync` key is rendered: Patroni's comma-joined `sync_standby`, and `quorum`
/// only in quorum mode.
final class SyncKeyRenderingTests: XCTestCase {
    func testOneStandbyRendersAsBefore() {
        XCTAssertEqual(DCSValue.sync(leader: "a", standbys: ["b"], quorum: nil).rendered, #"{"leader":"a","sync_standby":"b"}"#)
        XCTAssertEqual(DCSValue.sync(leader: "a", standbys: [], quorum: nil).rendered, #"{"leader":"a","sync_standby":null}"#)
    }

    func testSeveralStandbysAreSortedAndCommaJoined() {
        XCTAssertEqual(DCSValue.sync(leader: "a", standbys: ["c", "b"], quorum: nil).rendered, #"{"leader":"a","sync_standby":"b,c"}"#)
    }

    func testQuorumModeRendersTheQuorum() {
        XCTAssertEqual(DCSValue.sync(leader: "a", standbys: ["b", "c"], quorum: 1).rendered,
                       #"{"leader":"a","quorum":1,"sync_standby":"b,c"}"#)
    }
}
