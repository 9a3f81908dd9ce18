import XCTest
@testable import Plot

final class ReportTests: XCTestCase {
    func testReportHasSectionsImagesEscapedTextAndAnErrorNote() throws {
        let outputs = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outputs) }
        let good = outputs.appendingPathComponent("sine-fit"), bad = outputs.appendingPathComponent("broken-run")
        try FileManager.default.createDirectory(at: good, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: bad, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outputs.appendingPathComponent("no-metrics"), withIntermediateDirectories: true)
        let metrics = """
        {"experiment": "sine-fit", "title": "Fits sin²(4πx) <fast> & well",
         "description": "Uses \\"quotes\\" and <b>tags</b>.",
         "figures": [{"file": "fit.png", "caption": "Target & fits"}],
         "final_loss": 0.0031234, "steps": 2000, "converged": true,
         "loss": [0.69, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.01, 0.0031, 0.0031],
         "optimizer": {"name": "adam", "lr": 0.001}}
        """
        try metrics.write(to: good.appendingPathComponent("metrics.json"), atomically: true, encoding: .utf8)
        try "{\"experiment\": ".write(to: bad.appendingPathComponent("metrics.json"), atomically: true, encoding: .utf8)

        let url = try Report.write(outputs: outputs)
        XCTAssertEqual(url.lastPathComponent, "index.html")
        let html = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(html.contains("<section id=\"sine-fit\">"))
        XCTAssertTrue(html.contains("<section id=\"broken-run\">"))
        XCTAssertFalse(html.contains("no-metrics"))
        XCTAssertLessThan(html.range(of: "id=\"broken-run\"")!.lowerBound, html.range(of: "id=\"sine-fit\"")!.lowerBound, "sorted by name")
        XCTAssertTrue(html.contains("<img src=\"sine-fit/fit.png\" alt=\"Target &amp; fits\" loading=\"lazy\">"))
        XCTAssertTrue(html.contains("Fits sin²(4πx) &lt;fast&gt; &amp; well"))
        XCTAssertTrue(html.contains("Uses &quot;quotes&quot; and &lt;b&gt;tags&lt;/b&gt;."))
        XCTAssertFalse(html.contains("<b>tags"))
        XCTAssertTrue(html.contains("class=\"error\""))
        XCTAssertTrue(html.contains("could not read metrics.json"))
        XCTAssertTrue(html.contains("<td>optimizer.lr</td><td class=\"v\">0.001</td>"))
        XCTAssertTrue(html.contains("[10 values: first 0.69, last 0.0031]"))
        XCTAssertTrue(html.contains("<td>steps</td><td class=\"v\">2000</td>"))
        XCTAssertFalse(html.contains("<script"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: outputs.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testNumbersAreFormattedReadably() {
        XCTAssertEqual(Report.number(0.0031234), "0.003123")
        XCTAssertEqual(Report.number(2000), "2000")
        XCTAssertEqual(Report.number(0.1 + 0.2), "0.3")
        XCTAssertEqual(Report.number(1.5e-7), "1.500e-07")
    }

    func testJSONValueDecodesNestingEscapesAndRejectsMalformedText() throws {
        let v = try JSONValue.parse(Data(#"{"b": 1, "a": [true, null, "\u00e9\n"], "c": {"d": -2.5e-3}}"#.utf8))
        guard case .object(let values) = v else { return XCTFail("not an object") }
        XCTAssertEqual(values.keys.sorted(), ["a", "b", "c"])
        XCTAssertEqual(v["a"], .array([.bool(true), .null, .string("é\n")]))
        XCTAssertEqual(v["c"]?["d"], .number(-0.0025))
        XCTAssertEqual(v["b"], .integer(1))
        XCTAssertThrowsError(try JSONValue.parse(Data("{\"a\": }".utf8)))
        XCTAssertThrowsError(try JSONValue.parse(Data("[1, 2".utf8)))
    }
}
