import Foundation
import XCTest
import Report

final class SweepLearningRateTests: XCTestCase {
    private let divergingSweep = ["--problem", "circles", "--lrs", "0.01,0.1,1,1000", "--steps", "200"]

    func testDivergedRateIsReportedWhileTheOthersFinishAndBothFiguresAreWritten() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("sweep-lr", divergingSweep + ["--output", output.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let runs = try XCTUnwrap(ExecutableRunner.metrics(in: output)["runs"]?.arrayValue)
        let divergedByRate = Dictionary(uniqueKeysWithValues: runs.compactMap { run in
            run["learning_rate"]?.doubleValue.map { ($0, run["diverged"]?.boolValue) }
        })
        XCTAssertEqual(divergedByRate, [0.01: false, 0.1: false, 1: false, 1000: true])
        for figure in ["curves.png", "final-loss.png"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(figure).path), figure)
        }
    }

    func testSameSeedGivesByteIdenticalMetrics() throws {
        let first = try ExecutableRunner.temporaryDirectory(self)
        let second = try ExecutableRunner.temporaryDirectory(self)
        for output in [first, second] {
            let result = try ExecutableRunner.run("sweep-lr", divergingSweep + ["--seed", "7", "--output", output.path])
            XCTAssertEqual(result.status, 0, result.standardError)
        }
        // Byte equality, not numeric closeness: the runs share the cores in whatever order
        // the scheduler picks, and that must not change a single digit.
        XCTAssertEqual(try Data(contentsOf: first.appendingPathComponent("metrics.json")),
                       try Data(contentsOf: second.appendingPathComponent("metrics.json")))
    }

    func testHelpExplainsTheOptions() throws {
        let result = try ExecutableRunner.run("sweep-lr", ["--help"])
        XCTAssertEqual(result.status, 0)
        for option in ["--problem", "--optimizer", "--lrs", "--steps", "--seed", "--output", "--quick"] {
            XCTAssertTrue(result.standardOutput.contains(option), option)
        }
    }
}

final class SweepMNISTTests: XCTestCase {
    func testMNISTSweepWithoutDataSaysHowToGetIt() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("sweep-lr", ["--problem", "mnist", "--data-dir", "/nonexistent/mnist-data",
                                                           "--output", output.path])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains("make data"), result.standardError)
        XCTAssertTrue(result.standardError.contains("/nonexistent/mnist-data"), result.standardError)
    }
}
