import Foundation
import XCTest
@testable import Report

final class ReportSiteTests: XCTestCase {
    private func outputs() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func put(_ text: String, _ path: String, in outputs: URL) throws {
        let url = outputs.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func testCompleteDocumentPageReadsInNotebookOrder() throws {
        let html = ExperimentPage(document: completeDocument()).html()
        let order = ["class=\"kicker\"", "<h1>", "id=\"question\"", "id=\"setup\"", "id=\"results\"", "id=\"figures\"",
                     "id=\"films\"", "id=\"conclusion\"", "<details class=\"raw\""]
        let positions = try order.map { try XCTUnwrap(html.range(of: $0), $0).lowerBound }
        XCTAssertEqual(positions, positions.sorted(), "sections in notebook order")
        XCTAssertTrue(html.contains("ran on OpenBLAS 0.3.21 (SkylakeX kernels), 2 threads"))
        XCTAssertTrue(html.contains("<strong>Adam</strong>"), "Markdown rendered")
        XCTAssertTrue(html.contains("<th scope=\"col\" class=\"num\">½·MSE</th>"))
        XCTAssertTrue(html.contains("<td class=\"num\">5.60e-4</td><td class=\"num\">65.0</td>"), "cells in their column's format")
        XCTAssertTrue(html.contains("<td class=\"num\">–</td>"), "a missing cell shows a dash")
        XCTAssertTrue(html.contains("<span class=\"unit\">(%)</span>"))
        XCTAssertTrue(html.contains("data-src=\"films/adam/1.png\" data-step=\"100\" data-loss=\"NaN\""))
        XCTAssertTrue(html.contains("<img class=\"filmstrip\" src=\"films/adam/strip.png\""))
        XCTAssertTrue(html.contains("<code>optimizer.lr</code></td><td class=\"value\">0.01</td>"))
        XCTAssertFalse(html.contains("http"), "nothing is fetched from the network")
    }

    func testDocumentWithOnlyItsNameStillRenders() throws {
        let html = ExperimentPage(document: ExperimentDocument(experiment: "bare", title: "Bare run")).html()
        XCTAssertTrue(html.contains("<h1>Bare run</h1>"))
        for absent in ["id=\"question\"", "id=\"setup\"", "id=\"results\"", "id=\"figures\"", "id=\"films\"", "id=\"conclusion\"", "<script>", "<nav class=\"page-nav\""] {
            XCTAssertFalse(html.contains(absent), absent)
        }
        XCTAssertTrue(html.contains("This run recorded no raw numbers."))
        let index = IndexPage.html([.init(folder: "bare", content: .document(ExperimentDocument(experiment: "bare", title: "Bare run")))])
        XCTAssertTrue(index.contains("<a href=\"bare/index.html\">Bare run</a>"))
    }

    func testTableOfContentsFollowsTheCourseNotebooksThenFolderNames() {
        func entry(_ folder: String, notebook: String?) -> ReportSite.Entry {
            var document = ExperimentDocument(experiment: folder, title: folder)
            document.notebook = notebook.map { Markdown($0) }
            return .init(folder: folder, content: .document(document))
        }
        let entries = [entry("and-gate", notebook: "Notebook 003 · the AND gate"), entry("benchmark", notebook: nil),
                       entry("gradient-check", notebook: "Notebooks 000–002"), entry("mnist", notebook: "Notebook 004"),
                       entry("sine-fit", notebook: "Notebook 001"), entry("optimizers", notebook: "After notebook 001"),
                       entry("zeta", notebook: "no number here")]
        XCTAssertEqual(IndexPage.courseOrder(entries).map(\.folder),
                       ["gradient-check", "optimizers", "sine-fit", "and-gate", "mnist", "benchmark", "zeta"])
    }

    func testUnreadableMetricsGetsAVisibleErrorAndTheRestIsStillWritten() throws {
        let outputs = try outputs()
        try put(String(decoding: try completeDocument().encoded(), as: UTF8.self), "sine-fit/metrics.json", in: outputs)
        for file in ["fit.png", "films/adam/strip.png", "films/adam/0.png", "films/adam/1.png"] { try put("png", "sine-fit/\(file)", in: outputs) }
        try put("{\"experiment\": ", "broken-run/metrics.json", in: outputs)
        try FileManager.default.createDirectory(at: outputs.appendingPathComponent("no-metrics"), withIntermediateDirectories: true)

        let summary = try ReportSite.write(outputs: outputs)
        XCTAssertEqual(summary.problems.map(\.folder), ["broken-run"])
        XCTAssertTrue(summary.problems[0].message.contains("not valid JSON"), summary.problems[0].message)
        XCTAssertEqual(summary.pages.map { $0.deletingLastPathComponent().lastPathComponent }, ["broken-run", "sine-fit"])

        let broken = try String(contentsOf: outputs.appendingPathComponent("broken-run/index.html"), encoding: .utf8)
        XCTAssertTrue(broken.contains("class=\"error\" role=\"alert\""))
        XCTAssertTrue(broken.contains("could not be read"))
        let index = try String(contentsOf: summary.index, encoding: .utf8)
        XCTAssertTrue(index.contains("<tr class=\"broken\"><th scope=\"row\"><a href=\"broken-run/index.html\">broken-run</a>"))
        XCTAssertTrue(index.contains("<a href=\"sine-fit/index.html\">Sine fit: gradient descent vs Adam</a>"))
        XCTAssertTrue(index.contains("<td class=\"toc-headline\">Adam ½·MSE 5.6e-4</td>"), "the headline number in the table of contents")
        XCTAssertFalse(index.contains("no-metrics"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: outputs.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "pages are written through renamed temporary files")
    }

    func testMissingFigureFileIsShownAndReported() throws {
        let outputs = try outputs()
        var d = ExperimentDocument(experiment: "x", title: "X")
        d.addFigure("gone.png", caption: "A figure that was never drawn.")
        try put(String(decoding: try d.encoded(), as: UTF8.self), "x/metrics.json", in: outputs)
        let summary = try ReportSite.write(outputs: outputs)
        XCTAssertEqual(summary.problems.count, 1)
        XCTAssertTrue(summary.problems[0].message.contains("gone.png"))
        let page = try String(contentsOf: outputs.appendingPathComponent("x/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("Missing figure file gone.png."))
        XCTAssertFalse(page.contains("<img src=\"gone.png\""))
    }
}
