import Foundation
import XCTest
import Report

final class TrainingExperimentTests: XCTestCase {
    func testAndGateQuickRunLearnsAndAndDrawsBorders() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("experiment-and-gate", ["--quick", "--output", output.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let metrics = try ExecutableRunner.metrics(in: output)
        let after = try XCTUnwrap(metrics["and_predictions_after"]?.arrayValue?.compactMap(\.doubleValue))
        XCTAssertEqual(after.map { $0.rounded() }, [1, 0, 0, 0])
        XCTAssertEqual(metrics["xor_linear_accuracy"]?.doubleValue, 0.5, "one neuron cannot do XOR")
        XCTAssertEqual(metrics["xor_2_2_1_accuracy"]?.doubleValue, 1, "2-2-1 learns XOR")
        // Noise of σ = 0.15 can carry a point across the best line, so not every point must be right.
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(metrics["float_and_accuracy"]?.doubleValue), 0.97)
        XCTAssertTrue(result.standardOutput.contains("Decision border (p = 0.5):"))
        for file in ["borders.png", "loss.png"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path), file)
        }
    }

    func testSameSeedGivesByteIdenticalMetrics() throws {
        let first = try ExecutableRunner.temporaryDirectory(self), second = try ExecutableRunner.temporaryDirectory(self)
        for directory in [first, second] {
            let result = try ExecutableRunner.run("experiment-and-gate", ["--quick", "--steps", "2000", "--seed", "11", "--output", directory.path])
            XCTAssertEqual(result.status, 0, result.standardError)
        }
        let a = try Data(contentsOf: first.appendingPathComponent("metrics.json"))
        let b = try Data(contentsOf: second.appendingPathComponent("metrics.json"))
        XCTAssertEqual(a, b)
        XCTAssertGreaterThan(a.count, 500)
    }

    func testInvalidLearningRateIsRejectedWithAMessage() throws {
        let result = try ExecutableRunner.run("experiment-and-gate", ["--lr=-1"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains("--lr must be in 1e-9 … 1e6, got -1"), result.standardError)
    }
}
