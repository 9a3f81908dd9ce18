import Foundation
import XCTest
import Report

final class ReportExecutableTests: XCTestCase {
    private func write(_ document: ExperimentDocument, in outputs: URL) throws {
        try document.write(to: outputs.appendingPathComponent(document.experiment).appendingPathComponent("metrics.json"))
    }

    func testUnreadableMetricsWarnsOnStandardErrorAndExitsNonZeroAfterWritingEveryPage() throws {
        let outputs = try ExecutableRunner.temporaryDirectory(self)
        try write(ExperimentDocument(experiment: "good", title: "Good run"), in: outputs)
        let broken = outputs.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data("{\"experiment\": ".utf8).write(to: broken.appendingPathComponent("metrics.json"))

        let result = try ExecutableRunner.run("report", ["--outputs", outputs.path])
        XCTAssertEqual(result.status, 1, "an unreadable metrics.json must fail the report")
        XCTAssertTrue(result.standardError.contains("warning: broken: metrics.json could not be read"), result.standardError)
        XCTAssertFalse(result.standardError.contains("good"), result.standardError)
        for page in ["index.html", "good/index.html", "broken/index.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: outputs.appendingPathComponent(page).path), page)
        }
    }

    func testCompleteReportExitsZeroAndSaysNothingOnStandardError() throws {
        let outputs = try ExecutableRunner.temporaryDirectory(self)
        try write(ExperimentDocument(experiment: "good", title: "Good run"), in: outputs)
        let result = try ExecutableRunner.run("report", ["--outputs", outputs.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardError, "")
        XCTAssertEqual(result.standardOutput, outputs.appendingPathComponent("index.html").path + "\n")
    }
}
