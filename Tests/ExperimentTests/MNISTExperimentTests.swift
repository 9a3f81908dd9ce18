import Backprop
import Foundation
import XCTest
import Report

final class MNISTExperimentTests: XCTestCase {
    /// A data directory that does not exist, so the quick run takes its synthetic stand-in
    /// and the test gives the same result on machines with and without `make data`.
    private let missingDirectory = "/nonexistent/mnist-for-tests"

    func testQuickRunWritesEveryConfigurationAndEveryFigure() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("experiment-mnist",
                                              ["--quick", "--output", output.path, "--data-dir", missingDirectory])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("SYNTHETIC"), "the fallback must say so:\n\(result.standardOutput)")
        XCTAssertTrue(result.standardError.contains("validation e=1"), "per-epoch validation progress:\n\(result.standardError)")

        let metrics = try ExecutableRunner.metrics(in: output)
        XCTAssertEqual(metrics["synthetic_data"]?.boolValue, true)
        for name in ["sigmoid-mse", "softmax-ce", "mlp"] {
            let config = try XCTUnwrap(metrics["configs"]?[name], name)
            let accuracies = try XCTUnwrap(config["validation_accuracy"]?.arrayValue, name)
            XCTAssertEqual(accuracies.count, 3, name)
            XCTAssertEqual(config["training_cost"]?.arrayValue?.count, 3, name)
            for value in accuracies.compactMap(\.doubleValue) { XCTAssertTrue((0...1).contains(value), name) }
            XCTAssertNotNil(config["test_accuracy"]?.doubleValue, name)
            XCTAssertNotNil(config["gradient_scaling"]?.stringValue, name)
        }
        // The MLP learns the synthetic bars within three epochs; far above chance (10 %).
        XCTAssertGreaterThan(try XCTUnwrap(metrics["configs"]?["mlp"]?["best_validation_accuracy"]?.doubleValue), 0.3)

        let figures = try ExecutableRunner.document(in: output).figures.map(\.file)
        let expected = ["curves.png", "confusion.png", "misclassified.png", "weights-sigmoid-mse.png", "weights-softmax-ce.png"]
        XCTAssertEqual(Set(figures), Set(expected))
        for file in expected {
            let data = try Data(contentsOf: output.appendingPathComponent(file))
            XCTAssertEqual(Array(data.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "\(file) is a PNG")
        }

        // The best configuration is saved for predict-digit, and rebuilds itself from the file.
        let saved = try Sequential<Float>.load(from: output.appendingPathComponent("model.safetensors"))
        let bestName = try XCTUnwrap(metrics["best_configuration"]?.stringValue)
        XCTAssertEqual(metrics["model"]?["configuration"]?.stringValue, bestName)
        XCTAssertEqual(try saved.outputShape(forInput: Shape(5, 784)), Shape(5, 10))
        XCTAssertEqual(saved.layers.count, bestName == "mlp" ? 5 : 2)
    }

    func testMissingDataTellsTheUserToRunMakeData() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("experiment-mnist",
                                              ["--config", "mlp", "--output", output.path, "--data-dir", missingDirectory])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains("make data"), result.standardError)
        XCTAssertTrue(result.standardError.contains(missingDirectory), result.standardError)
    }

    func testUnknownConfigurationIsRejected() throws {
        let result = try ExecutableRunner.run("experiment-mnist", ["--config", "sigmoid-mse,nope"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.standardError.contains("nope"), result.standardError)
    }
}
