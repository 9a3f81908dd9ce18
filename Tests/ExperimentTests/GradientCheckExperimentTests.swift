import Foundation
import XCTest
import Report

final class GradientCheckExperimentTests: XCTestCase {
    func testGradientCheckExperimentReproducesNotebooksAndWritesMetrics() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("experiment-gradient-check", ["--quick", "--output", output.path, "--seed", "3"])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("0.24859614746399733"), result.standardOutput)
        let metrics = try ExecutableRunner.metrics(in: output)
        XCTAssertEqual(metrics["all_passed"]?.boolValue, true)
        XCTAssertEqual(metrics["notebook000_loss"]?.doubleValue, 0.24859614746399733)
        XCTAssertLessThan(try XCTUnwrap(metrics["notebook001"]?["error"]?.doubleValue), 1e-12)
        XCTAssertLessThan(try XCTUnwrap(metrics["notebook002"]?["error"]?.doubleValue), 1e-7)
    }

    func testHelpExplainsTheOptions() throws {
        let result = try ExecutableRunner.run("experiment-gradient-check", ["--help"])
        XCTAssertEqual(result.status, 0)
        for option in ["--seed", "--output", "--quick"] { XCTAssertTrue(result.standardOutput.contains(option), option) }
    }
}
