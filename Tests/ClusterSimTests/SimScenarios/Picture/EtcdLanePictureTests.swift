import XCTest

@testable import SimScenarios

/// The picture's etcd lanes with several members: one lane per member, bars where a member was down.
final class EtcdLanePictureTests: XCTestCase {
    func testEachEtcdMemberHasALaneAndStoppedMembersShowTheirOutage() throws {
        let run = try PictureFixtures.run("etcd3-quorum-loss")
        let svg = TimelinePicture.render([run])
        let elements = try PictureFixtures.elements(svg)
        let lanes = elements.filter { $0.attributes["class"] == "lane etcd-lane" }.compactMap { $0.attributes["data-member"] }
        XCTAssertEqual(lanes, ["etcd1", "etcd2", "etcd3"])
        XCTAssertEqual(svg.components(separatedBy: " stopped from ").count - 1, 2, "two members were stopped once each")
        XCTAssertFalse(svg.contains(" frozen from "))
    }
}
