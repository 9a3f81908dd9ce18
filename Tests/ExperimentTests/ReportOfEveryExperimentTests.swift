import BrowserTesting
import Foundation
import XCTest

/// The report a user opens after `make report`, made from real runs (`--quick`) of every
/// experiment and checked in headless Chromium: every page loads with no console message
/// and every image (figures, filmstrips, the players' frames) loads.
final class ReportOfEveryExperimentTests: XCTestCase {
    /// Every experiment `make report` runs, as (executable, folder, extra arguments).
    private static let experiments: [(executable: String, folder: String, arguments: [String])] = [
        ("experiment-gradient-check", "gradient-check", []),
        ("experiment-sine-fit", "sine-fit", []),
        ("experiment-gradient-flow", "gradient-flow", []),
        ("experiment-and-gate", "and-gate", []),
        ("experiment-optimizers", "optimizers", []),
        ("sweep-lr", "sweep-lr", []),
        // Synthetic digits, so the test is the same with or without `make data`.
        ("experiment-mnist", "mnist", ["--synthetic"]),
    ]

    func testEveryExperimentPageLoadsInChromiumWithEveryImageAndNoConsoleMessage() throws {
        let chromium = try Chromium.find()
        let outputs = try ExecutableRunner.temporaryDirectory(self)
        for experiment in Self.experiments {
            let run = try ExecutableRunner.run(experiment.executable,
                                               ["--quick", "--output", outputs.appendingPathComponent(experiment.folder).path] + experiment.arguments)
            XCTAssertEqual(run.status, 0, "\(experiment.executable) failed: \(run.standardError.suffix(1000))")
        }
        let report = try ExecutableRunner.run("report", ["--outputs", outputs.path])
        XCTAssertEqual(report.status, 0, report.standardError)
        XCTAssertEqual(report.standardError, "", "report warned")

        let index = try String(contentsOf: outputs.appendingPathComponent("index.html"), encoding: .utf8)
        for experiment in Self.experiments {
            XCTAssertTrue(index.contains("href=\"\(experiment.folder)/index.html\""), "the index links \(experiment.folder)")
        }
        for page in ["index.html"] + Self.experiments.map({ "\($0.folder)/index.html" }) {
            let run = try chromium.load(try Chromium.probed(outputs.appendingPathComponent(page)))
            let images = try XCTUnwrap(Chromium.imageReport(run), "\(page): the image probe did not report; console: \(run.console)")
            XCTAssertEqual(images.broken, "[]", "\(page): images that did not load")
            if page != "index.html" { XCTAssertGreaterThan(images.checked, 0, "\(page) shows figures") }
            XCTAssertEqual(run.console.filter { !$0.contains("IMAGE-PROBE") }, [], "\(page) logged to the console")
        }
    }
}
