import Backprop
import Foundation
import XCTest
import Report

/// experiment-mnist end to end, on synthetic digits (`--quick --synthetic`), so the tests give
/// the same results on machines with and without `make data`, and on small IDX files the
/// tests write themselves.
final class MNISTExperimentTests: XCTestCase {
    private let missingDirectory = "/nonexistent/mnist-for-tests"

    func testQuickRunWritesEveryConfigurationAndEveryFigure() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("experiment-mnist", ["--quick", "--synthetic", "--output", output.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("synthetic stand-in for MNIST"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains("mlp seed 0  epoch 3/3  cost="), "the notebook's per-epoch line:\n\(result.standardOutput)")

        let metrics = try ExecutableRunner.metrics(in: output)
        XCTAssertEqual(metrics["synthetic_data"]?.boolValue, true)
        for name in ["sigmoid-mse", "softmax-ce", "mlp"] {
            let config = try XCTUnwrap(metrics["configs"]?[name], name)
            let runs = try XCTUnwrap(config["runs"]?.arrayValue, name)
            XCTAssertEqual(runs.count, 1, name)
            let accuracies = try XCTUnwrap(runs[0]["validation_accuracy"]?.arrayValue, name)
            XCTAssertEqual(accuracies.count, 3, name)
            XCTAssertEqual(runs[0]["training_cost"]?.arrayValue?.count, 3, name)
            for value in accuracies.compactMap(\.doubleValue) { XCTAssertTrue((0...1).contains(value), name) }
            XCTAssertEqual(config["test_accuracy"]?["mean"]?.doubleValue, runs[0]["test_accuracy"]?.doubleValue, name)
            XCTAssertEqual(config["test_accuracy"]?["standard_deviation"], .null, "one seed has no spread: \(name)")
        }
        // The MLP learns the synthetic bars within three epochs; far above chance (10 %).
        let mlpRun = try XCTUnwrap(metrics["configs"]?["mlp"]?["runs"]?.arrayValue?.first)
        XCTAssertGreaterThan(try XCTUnwrap(mlpRun["best_validation_accuracy"]?.doubleValue), 0.3)

        let document = try ExecutableRunner.document(in: output)
        let expected = ["curves.png", "confusion.png", "misclassified.png", "weights-sigmoid-mse.png", "weights-softmax-ce.png"]
        XCTAssertEqual(Set(document.figures.map(\.file)), Set(expected), "one seed: no per-seed figure")
        for file in expected {
            let data = try Data(contentsOf: output.appendingPathComponent(file))
            XCTAssertEqual(Array(data.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "\(file) is a PNG")
        }
        // The page reads like the notebook: its question, the set-up as printed, tables, a conclusion.
        XCTAssertNotNil(document.notebook)
        XCTAssertNotNil(document.question)
        XCTAssertTrue(try XCTUnwrap(document.setup.architecture).contains("Linear(784 → 256)"), document.setup.architecture ?? "")
        XCTAssertTrue(document.setup.hyperparameters.contains { $0.name == "sigmoid-mse: learning rate η" && $0.value == .text("1e-4") })
        XCTAssertEqual(document.results.first?.title, "Test accuracy, seed 0")
        let conclusion = try XCTUnwrap(document.conclusion?.source)
        XCTAssertTrue(conclusion.contains("synthetic digits"), conclusion)
        XCTAssertTrue(try XCTUnwrap(document.headline).contains("% test accuracy"), document.headline ?? "")

        // The best configuration is saved for predict-digit, rebuilds itself, and says its data were synthetic.
        let modelURL = output.appendingPathComponent("model.safetensors")
        let saved = try Sequential<Float>.load(from: modelURL)
        let bestName = try XCTUnwrap(metrics["best_configuration"]?.stringValue)
        XCTAssertEqual(metrics["model"]?["configuration"]?.stringValue, bestName)
        XCTAssertEqual(try saved.outputShape(forInput: Shape(5, 784)), Shape(5, 10))
        XCTAssertEqual(saved.layers.count, bestName == "mlp" ? 5 : 2)
        let metadata = try SafetensorsFile(contentsOf: modelURL).metadata
        XCTAssertEqual(metadata["dataset"], "synthetic")
        // It carries two test images and its prediction of them (what make check-torch compares
        // PyTorch with): the reloaded network predicts exactly that.
        let decode = { (key: String) in Matrix<Float>(Matrix(try JSONDecoder().decode([[Double]].self, from: Data(try XCTUnwrap(metadata[key]).utf8)))) }
        let exampleInput = try decode("example_input"), exampleOutput = try decode("example_output")
        XCTAssertEqual(exampleInput.shape, Shape(2, 784))
        XCTAssertEqual(exampleOutput.shape, Shape(2, 10))
        XCTAssertEqual(saved.forward(exampleInput), exampleOutput)
    }

    /// `--seeds 2` reports mean ± spread per configuration; the same seeds give the same
    /// document (the time table and timings aside), and each run equals the run of its seed
    /// alone: the numbers depend on the seed only, not on scheduling or on the other runs.
    func testSeedSweepReportsSpreadAndDependsOnTheSeedOnly() throws {
        let arguments = ["--quick", "--synthetic", "--seeds", "2", "--config", "mlp,sigmoid-mse"]
        let first = try ExecutableRunner.temporaryDirectory(self), second = try ExecutableRunner.temporaryDirectory(self)
        for output in [first, second] {
            let result = try ExecutableRunner.run("experiment-mnist", arguments + ["--output", output.path])
            XCTAssertEqual(result.status, 0, result.standardError)
        }
        let document = try ExecutableRunner.document(in: first)
        XCTAssertEqual(Self.withoutTimes(document), Self.withoutTimes(try ExecutableRunner.document(in: second)))
        XCTAssertTrue(document.figures.contains { $0.file == "test-accuracy.png" })

        let table = try XCTUnwrap(document.results.first)
        XCTAssertEqual(table.title, "Test accuracy over 2 seeds")
        XCTAssertEqual(table.rows.map { $0[0] }, [.text("mlp"), .text("sigmoid-mse")], "in the order asked for")
        let metrics = try ExecutableRunner.metrics(in: first)
        let mlp = try XCTUnwrap(metrics["configs"]?["mlp"])
        let runs = try XCTUnwrap(mlp["runs"]?.arrayValue)
        XCTAssertEqual(runs.compactMap { $0["seed"]?.stringValue }, ["0", "1"])
        let accuracies = runs.compactMap { $0["test_accuracy"]?.doubleValue }
        let mean = accuracies.reduce(0, +) / 2
        let deviation = ((accuracies[0] - mean) * (accuracies[0] - mean) + (accuracies[1] - mean) * (accuracies[1] - mean)).squareRoot()
        XCTAssertEqual(try XCTUnwrap(mlp["test_accuracy"]?["mean"]?.doubleValue), mean, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(mlp["test_accuracy"]?["standard_deviation"]?.doubleValue), deviation, accuracy: 1e-12,
                       "sample standard deviation of two values: |a − b|/√2")
        XCTAssertEqual(mlp["test_accuracy"]?["minimum"]?.doubleValue, accuracies.min())
        XCTAssertEqual(mlp["test_accuracy"]?["maximum"]?.doubleValue, accuracies.max())

        // Seed 1 alone, and with the other configuration left out, trains exactly the sweep's second run.
        let alone = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("experiment-mnist", ["--quick", "--synthetic", "--seed", "1", "--config", "mlp", "--output", alone.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let single = try XCTUnwrap(try ExecutableRunner.metrics(in: alone)["configs"]?["mlp"]?["runs"]?.arrayValue?.first)
        XCTAssertEqual(single["validation_accuracy"], runs[1]["validation_accuracy"])
        XCTAssertEqual(single["training_cost"], runs[1]["training_cost"])
        XCTAssertEqual(single["test_accuracy"], runs[1]["test_accuracy"])
    }

    func testUnknownConfigurationIsRejectedWithTheValidNames() throws {
        let result = try ExecutableRunner.run("experiment-mnist", ["--config", "sigmoid-mse,nope", "--quick", "--synthetic"])
        XCTAssertEqual(result.status, 64, "a usage error")
        XCTAssertTrue(result.standardError.contains("unknown configuration 'nope'"), result.standardError)
        XCTAssertTrue(result.standardError.contains("sigmoid-mse, softmax-ce, mlp"), result.standardError)
    }

    /// Issue 16, finding 10 for this executable: absurd values are usage errors, not allocation aborts.
    func testOptionValuesOutsideTheirRangeAreUsageErrors() throws {
        let cases: [([String], String)] = [
            (["--epochs", "1000000000000"], "--epochs must be between 1 and 10000, got 1000000000000"),
            (["--epochs", "0"], "--epochs must be between 1 and 10000, got 0"),
            (["--seeds", "0"], "--seeds must be between 1 and 1000, got 0"),
            (["--seeds", "1000000000000"], "--seeds must be between 1 and 1000"),
            (["--synthetic"], "--synthetic is for quick runs"),
        ]
        for (arguments, message) in cases {
            let output = try ExecutableRunner.temporaryDirectory(self)
            let result = try ExecutableRunner.run("experiment-mnist", arguments + ["--output", output.path])
            XCTAssertEqual(result.status, 64, "\(arguments)")
            XCTAssertTrue(result.standardError.contains(message), "\(arguments): \(result.standardError)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output.path), [], "\(arguments): nothing written")
        }
    }

    func testMissingDataTellsTheUserToRunMakeData() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("experiment-mnist",
                                              ["--config", "mlp", "--output", output.path, "--data-dir", missingDirectory])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("make data"), result.standardError)
        XCTAssertTrue(result.standardError.contains(missingDirectory), result.standardError)
    }

    /// Issue 16, finding 9: a data directory the user typed must hold the data, even with
    /// `--quick`; before, the run went on with synthetic digits and exited 0.
    func testQuickRunWithAWrongDataDirectoryFailsNamingIt() throws {
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("experiment-mnist", ["--quick", "--output", output.path, "--data-dir", missingDirectory])
        XCTAssertEqual(result.status, 1, result.standardOutput)
        XCTAssertTrue(result.standardError.contains(missingDirectory + "/train-images-idx3-ubyte"), result.standardError)
        XCTAssertFalse(result.standardOutput.contains("SYNTHETIC"), result.standardOutput)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("metrics.json").path))
    }

    /// Issue 16, finding 9: synthetic digits stand in only for a quick run that named no data
    /// directory and found none at the default, it says so, and the model records it.
    func testQuickRunWithoutDataAndWithoutADirectoryTrainsOnSyntheticDigitsAndSaysSo() throws {
        let workingDirectory = try ExecutableRunner.temporaryDirectory(self)   // no data/mnist here
        let output = workingDirectory.appendingPathComponent("out")
        let result = try Self.run(["--quick", "--config", "sigmoid-mse", "--output", output.path], in: workingDirectory)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("training on SYNTHETIC digits"), result.standardOutput)
        XCTAssertTrue(result.standardOutput.contains(workingDirectory.appendingPathComponent("data/mnist").standardizedFileURL.path),
                      "names where it looked:\n\(result.standardOutput)")
        XCTAssertEqual(try SafetensorsFile(contentsOf: output.appendingPathComponent("model.safetensors")).metadata["dataset"], "synthetic")
        XCTAssertEqual(try ExecutableRunner.metrics(in: output)["synthetic_data"]?.boolValue, true)

        // BACKPROP_DATA_DIR names a directory as much as --data-dir does.
        let named = try Self.run(["--quick", "--config", "sigmoid-mse", "--output", output.path], in: workingDirectory,
                                 environment: ["BACKPROP_DATA_DIR": missingDirectory])
        XCTAssertEqual(named.status, 1, named.standardOutput)
        XCTAssertTrue(named.standardError.contains(missingDirectory), named.standardError)
    }

    /// Issue 16, finding 2: a training file too small for the split stops with the file and the
    /// count it needs, before any training; before, `MNISTSplit` stopped the process with a
    /// precondition failure.
    func testTooFewImagesAreReportedWithTheFileAndTheCountNeeded() throws {
        let cases: [(train: Int, test: Int, quick: Bool, file: String, message: String)] = [
            (50, 10, true, "train-images-idx3-ubyte", "holds 50 images, but --quick trains on 500 and validates on 200 images: it needs at least 700"),
            (0, 10, true, "train-images-idx3-ubyte", "holds 0 images"),
            (800, 10, false, "train-images-idx3-ubyte", "holds 800 images, but the notebook's split validates on 10,000 images and trains on the rest (50,000 in MNIST): it needs at least 10,001 (or try --quick, which needs 700)"),
            (10_000, 10, false, "train-images-idx3-ubyte", "holds 10,000 images, but the notebook's split"),
            (700, 0, true, "t10k-images-idx3-ubyte", "holds no images; the test accuracy needs at least one"),
        ]
        for c in cases {
            let directory = try ExecutableRunner.temporaryDirectory(self)
            try Self.writeMNISTFiles(train: c.train, test: c.test, to: directory)
            let output = try ExecutableRunner.temporaryDirectory(self)
            let result = try ExecutableRunner.run("experiment-mnist", (c.quick ? ["--quick"] : []) + [
                "--config", "sigmoid-mse", "--data-dir", directory.path, "--output", output.path])
            let label = "\(c.train) training, \(c.test) test images\(c.quick ? ", --quick" : "")"
            XCTAssertEqual(result.status, 1, "\(label): an error, not a crash\n\(result.standardError)")
            XCTAssertTrue(result.standardError.contains(directory.appendingPathComponent(c.file).path + ": " ), "\(label): \(result.standardError)")
            XCTAssertTrue(result.standardError.contains(c.message), "\(label): \(result.standardError)")
            XCTAssertFalse(result.standardOutput.contains("epoch"), "\(label): no training\n\(result.standardOutput)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output.path), [], "\(label): nothing written")
        }
        // Enough images: the same files train (the check is not too strict).
        let directory = try ExecutableRunner.temporaryDirectory(self)
        try Self.writeMNISTFiles(train: 700, test: 1, to: directory)
        let output = try ExecutableRunner.temporaryDirectory(self)
        let result = try ExecutableRunner.run("experiment-mnist", ["--quick", "--config", "sigmoid-mse", "--epochs", "1",
                                                                  "--data-dir", directory.path, "--output", output.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(try ExecutableRunner.metrics(in: output)["split"], ["train": 500, "validation": 200, "test": 1])
    }

    /// Issue 16, finding 5: the output location and the data files are checked before any
    /// training, so a mistake costs seconds, not a whole run.
    func testUnusableOutputAndMalformedDataStopBeforeTraining() throws {
        let folder = try ExecutableRunner.temporaryDirectory(self)
        let file = folder.appendingPathComponent("a-file")
        try Data("keep me".utf8).write(to: file)
        let result = try ExecutableRunner.run("experiment-mnist", ["--quick", "--synthetic", "--output", file.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.standardError.contains("\(file.path): the output location exists and is not a directory"), result.standardError)
        XCTAssertFalse(result.standardOutput.contains("epoch"), result.standardOutput)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "keep me")

        let directory = try ExecutableRunner.temporaryDirectory(self)
        try Self.writeMNISTFiles(train: 700, test: 10, to: directory)
        let images = directory.appendingPathComponent("train-images-idx3-ubyte")
        let bytes = try Data(contentsOf: images)
        try bytes.prefix(bytes.count - 100).write(to: images)      // truncated
        let output = try ExecutableRunner.temporaryDirectory(self)
        let truncated = try ExecutableRunner.run("experiment-mnist", ["--quick", "--data-dir", directory.path, "--output", output.path])
        XCTAssertEqual(truncated.status, 1)
        XCTAssertTrue(truncated.standardError.contains("\(images.path): truncated"), truncated.standardError)
        XCTAssertFalse(truncated.standardError.contains("not found"), "a corrupt file is not a missing one:\n\(truncated.standardError)")
        XCTAssertFalse(truncated.standardOutput.contains("epoch"), truncated.standardOutput)
    }

    // MARK: Helpers

    /// The document without what differs between two runs of the same seeds: the time table
    /// and the timings.
    private static func withoutTimes(_ document: ExperimentDocument) -> ExperimentDocument {
        var copy = document
        copy.results.removeAll { $0.title == "Time per epoch" }
        copy.values["timing"] = nil
        return copy
    }

    /// Runs experiment-mnist from `directory` with `environment` in place of the inherited
    /// `BACKPROP_DATA_DIR` (removed unless given).
    private static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> ExecutableRunner.Result {
        try ExecutableRunner.run("experiment-mnist", arguments, in: directory,
                                 environment: ["BACKPROP_DATA_DIR": nil].merging(environment.mapValues { $0 }) { $1 })
    }

    /// Valid IDX files of 28 × 28 images under MNIST's four names: `train` and `test` images,
    /// grey blobs labelled 0…9 in turn.
    private static func writeMNISTFiles(train: Int, test: Int, to directory: URL) throws {
        func bigEndian(_ values: [UInt32]) -> [UInt8] { values.flatMap { v in [24, 16, 8, 0].map { UInt8((v >> $0) & 0xFF) } } }
        for (prefix, count) in [("train", train), ("t10k", test)] {
            var images = bigEndian([0x0803, UInt32(count), 28, 28])
            var labels = bigEndian([0x0801, UInt32(count)])
            for index in 0..<count {
                images += (0..<784).map { pixel in UInt8((pixel * 7 + index * 13) % 256) }
                labels.append(UInt8(index % 10))
            }
            try Data(images).write(to: directory.appendingPathComponent("\(prefix)-images-idx3-ubyte"))
            try Data(labels).write(to: directory.appendingPathComponent("\(prefix)-labels-idx1-ubyte"))
        }
    }
}
