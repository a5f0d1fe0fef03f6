import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import ClusterSim
@testable import SimScenarios

/// Runs shipped scenarios for the picture, trace, snapshot and diff tests, and checks SVG
/// with Foundation's XML parser.
enum PictureFixtures {
    /// The scenario file `name` (without `.json`) from `Scenarios/`, with `overrides`.
    static func scenario(_ name: String, overrides: [String] = []) throws -> Scenario {
        try ScenarioLoader.load(path: LabScenarioTests.scenarioDirectory + "/" + name + ".json", overrides: overrides)
    }

    /// A run of the scenario `name`, ready to draw.
    static func run(_ name: String, overrides: [String] = []) throws -> PictureRun {
        let scenario = try scenario(name, overrides: overrides)
        return PictureRun(scenario: scenario, summary: ScenarioRunner.run(scenario, overrides: overrides))
    }

    /// The elements of an XML document, in document order, with their attributes; throws
    /// when the document is not well-formed.
    static func elements(_ xml: String) throws -> [(name: String, attributes: [String: String])] {
        let collector = ElementCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            throw NSError(domain: "xml", code: 1, userInfo: [NSLocalizedDescriptionKey:
                "not well-formed at line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "?")"])
        }
        return collector.elements
    }

    /// The text content of every `<text>` element.
    static func texts(_ xml: String) throws -> [String] {
        let collector = ElementCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        _ = parser.parse()
        return collector.texts
    }
}

/// Collects elements and `<text>` contents from an `XMLParser`.
final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var texts: [String] = []
    private var inText = 0
    private var inTitle = 0
    private var current = ""

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append((elementName, attributeDict))
        if elementName == "text" { inText += 1; current = "" }
        if elementName == "title" { inTitle += 1 }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if elementName == "text" { inText -= 1; texts.append(current) }
        if elementName == "title" { inTitle -= 1 }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText > 0 && inTitle == 0 { current += string }
    }
}

/// The SVG timeline: well-formed, one lane per node, violation markers exactly when the
/// run broke an invariant, a legend, real text, fixed-point numbers, and bounded output for
/// runs denser than pixels.
final class PictureTests: XCTestCase {
    private func attribute(_ name: String, of elements: [(name: String, attributes: [String: String])], class cssClass: String) -> [String] {
        elements.filter { $0.attributes["class"] == cssClass }.compactMap { $0.attributes[name] }
    }

    func testTheTimelineOfACrashIsWellFormedXMLWithOneLanePerNodeInNodeOrder() throws {
        let run = try PictureFixtures.run("lab4-failover-crash")
        let svg = TimelinePicture.render([run])
        XCTAssertTrue(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        let elements = try PictureFixtures.elements(svg)
        XCTAssertEqual(attribute("data-node", of: elements, class: "lane node-lane"), ["patroni1", "patroni2", "patroni3"])
        XCTAssertEqual(elements.filter { $0.attributes["class"] == "lane leader-lane" }.count, 1)
        XCTAssertEqual(attribute("data-member", of: elements, class: "lane etcd-lane"), ["etcd"])
        XCTAssertEqual(elements.filter { $0.attributes["class"] == "lane writes-lane" }.count, 1)
        XCTAssertEqual(elements.filter { $0.attributes["class"] == "panel" }.count, 1)
    }

    func testARunWithoutViolationsHasNoViolationMarkerButHasItsFailoverPhases() throws {
        let run = try PictureFixtures.run("lab4-failover-crash")
        XCTAssertTrue(run.report.violations.isEmpty)
        let elements = try PictureFixtures.elements(TimelinePicture.render([run]))
        XCTAssertEqual(elements.filter { $0.attributes["class"] == "violation-marker" }.count, 0)
        XCTAssertEqual(elements.filter { $0.attributes["class"] == "phase-marker" }.count, 4, "key gone, lock, promoted, first write")
        XCTAssertGreaterThan(elements.filter { $0.attributes["class"] == "fault-marker" }.count, 0)
        let texts = try PictureFixtures.texts(TimelinePicture.render([run]))
        for phase in ["key expired +27.7s", "lock patroni3 +27.7s", "promoted +28.0s", "first write +33.6s"] {
            XCTAssertTrue(texts.contains(phase), "missing phase label \(phase) in \(texts)")
        }
    }

    func testEveryViolationGetsARedMarkerNamedAfterItsInvariant() throws {
        let run = try PictureFixtures.run("lab4-no-fencing")
        XCTAssertFalse(run.report.violations.isEmpty)
        let svg = TimelinePicture.render([run])
        let elements = try PictureFixtures.elements(svg)
        let markers = attribute("data-invariant", of: elements, class: "violation-marker")
        XCTAssertEqual(markers, run.report.violations.map(\.invariant.rawValue))
        XCTAssertTrue(markers.contains("single-writable-primary"))
        let texts = try PictureFixtures.texts(svg)
        XCTAssertTrue(texts.contains("\u{2716} single-writable-primary"))
        XCTAssertTrue(svg.contains("stroke=\"\(StatePalette.violation)\""))
    }

    func testTheLegendNamesTheEightStatesAndTheMarks() throws {
        let texts = try PictureFixtures.texts(TimelinePicture.render([try PictureFixtures.run("lab4-failover-stop")]))
        for label in ["primary", "replica", "promoting", "demoting", "stopped", "crashed", "frozen", "rewinding",
                      "leader key held", "lease TTL left", "writes acked", "writes failed", "fault window", "invariant violation"] {
            XCTAssertTrue(texts.contains(label), "the legend lacks \(label)")
        }
    }

    func testLabelsAreRealTextAndTheAxisIsInSecondsFromTheFirstFault() throws {
        let run = try PictureFixtures.run("lab4-failover-crash")
        let texts = try PictureFixtures.texts(TimelinePicture.render([run]))
        for label in ["patroni1", "patroni2", "patroni3", "leader key", "etcd", "client writes", "0", "+10s", "\u{2212}10s"] {
            XCTAssertTrue(texts.contains(label), "no <text> reads \(label)")
        }
        XCTAssertTrue(texts.contains { $0.hasPrefix("write outage ") })
    }

    func testTheSameRunDrawsTheSameBytesWithFixedPointNumbers() throws {
        let first = TimelinePicture.render([try PictureFixtures.run("lab4-split-brain-partition")])
        let second = TimelinePicture.render([try PictureFixtures.run("lab4-split-brain-partition")])
        XCTAssertEqual(first, second)
        for element in try PictureFixtures.elements(first) {
            for key in ["x", "y", "width", "height", "x1", "x2", "y1", "y2"] {
                guard let value = element.attributes[key], value != "100%" else { continue }
                XCTAssertNotNil(value.wholeMatch(of: /-?[0-9]+(\.[0-9])?/), "\(element.name) \(key)=\(value) is not fixed-point")
            }
        }
        XCTAssertFalse(first.contains("e+") || first.contains("e-0"), "no exponent notation")
    }

    func testTextIsEscapedForXML() throws {
        var run = try PictureFixtures.run("lab4-failover-stop")
        run.label = "A & B <\"quoted\"> 'x'"
        let svg = TimelinePicture.render([run])
        XCTAssertTrue(try PictureFixtures.texts(svg).contains("A & B <\"quoted\"> 'x'"))
        XCTAssertEqual(XMLText.escaped("a<b>&\"'\u{1}"), "a&lt;b&gt;&amp;&quot;&apos;?")
    }

    func testTwoRunsAreDrawnOneAboveTheOtherOnOneAxis() throws {
        let a = try PictureFixtures.run("lab4-failover-crash")
        let b = try PictureFixtures.run("lab4-failover-crash", overrides: ["patroni.ttl=20"])
        let elements = try PictureFixtures.elements(TimelinePicture.render([a, b]))
        XCTAssertEqual(elements.filter { $0.attributes["class"] == "panel" }.count, 2)
        XCTAssertEqual(elements.filter { $0.attributes["class"] == "lane node-lane" }.count, 6)
        let axis = TimelinePicture.sharedAxis([a, b], metrics: TimelinePicture.Metrics(width: 14_000))
        XCTAssertEqual(axis.start, -max(a.origin.microseconds, b.origin.microseconds))
        XCTAssertEqual(axis.end, max(a.endOffset, b.endOffset))
    }

    func testARunDenserThanPixelsStaysSmall() throws {
        var report = RenderFixtures.fullReport()
        var history = RunHistory(nodeCount: 4)
        let states = ["primary", "replica", "stopped", "crashed"]
        for step in 0..<20_000 {
            let at = SimInstant(microseconds: Int64(step) * 9_000)
            history.record(node: step % 4, state: states[(step / 4) % 4], timeline: 1, at: at)
            history.record(holder: step % 2 == 0 ? "patroni1" : nil, at: at)
            history.record(renewal: RunHistory.LeaseRenewal(at: at, holder: "patroni1", expiresAt: at + .seconds(30)))
            history.recordWrite(acked: step % 3 != 0, at: at)
        }
        report.history = history
        let run = PictureRun(summary: RenderFixtures.summary(report), layout: HostLayout(nodeNames: ["patroni1", "patroni2", "patroni3", "patroni4"], etcdMembers: 1))
        let svg = TimelinePicture.render([run], width: 1000)
        let elements = try PictureFixtures.elements(svg)
        let plotPixels = 1000 - 150 - 30
        let stateRects = elements.filter { $0.attributes["class"] == "state" }.count
        XCTAssertLessThanOrEqual(stateRects, 4 * plotPixels, "one rect per pixel at most per lane")
        XCTAssertLessThan(svg.utf8.count, 2_000_000)
    }

    func testTheAxisPutsATickOnTheFaultAndLabelsInSeconds() {
        let axis = TimeAxis(start: -66_600_000, end: 53_400_000, left: 1500, width: 12_200, relativeToFault: true)
        let labels = axis.ticks().map(\.label)
        XCTAssertTrue(labels.contains("0"))
        XCTAssertTrue(labels.contains("+50s"))
        XCTAssertTrue(labels.contains("\u{2212}60s"))
        XCTAssertEqual(axis.x(-66_600_000), 1500)
        XCTAssertEqual(axis.x(53_400_000), 13_700)
        let long = TimeAxis(start: 0, end: 86_400_000_000, left: 0, width: 10_000, relativeToFault: false)
        XCTAssertEqual(long.ticks().first?.label, "0h")
    }

    func testFixedPointNumbersHaveOneDecimalAtMost() {
        XCTAssertEqual(FixedPoint.tenths(1234), "123.4")
        XCTAssertEqual(FixedPoint.tenths(120), "12")
        XCTAssertEqual(FixedPoint.tenths(-5), "-0.5")
        XCTAssertEqual(FixedPoint.tenths(0), "0")
        XCTAssertEqual(FixedPoint.signedSeconds(27_650_000), "+27.7s")
        XCTAssertEqual(FixedPoint.signedSeconds(-5_000_000), "\u{2212}5.0s")
        XCTAssertEqual(FixedPoint.grouped(38_765), "38,765")
        XCTAssertEqual(FixedPoint.grouped(-1_234_567), "-1,234,567")
    }

    func testTinySegmentsMergeIntoTheStateThatLastedLongest() {
        let axis = TimeAxis(start: 0, end: 1_000_000, left: 0, width: 100, relativeToFault: false)
        let changes: [(at: Int64, value: String)] = [(0, "a"), (10_000, "b"), (15_000, "a"), (20_000, "b"), (500_000, "c")]
        let spans = LaneSpan.cut(changes, end: 1_000_000, axis: axis)
        XCTAssertEqual(spans.map(\.value), ["a", "b", "c"])
        XCTAssertEqual(spans[0].changes, 3)
        XCTAssertEqual(spans.map(\.x0), [0, 2, 50])
    }
}
