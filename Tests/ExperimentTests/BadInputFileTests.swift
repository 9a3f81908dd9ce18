import Backprop
import Foundation
import XCTest

/// Malformed, blank and misplaced input files (issue 16, findings 6, 7 and 8): each gets an
/// error naming the file and the cause, the good inputs beside it still get their results,
/// and nothing is written for a run that cannot start.
final class BadInputFileTests: XCTestCase {
    /// A 784 → 10 network saved with `dataset` in its metadata.
    private func model(in directory: URL, dataset: String = "mnist") throws -> URL {
        var generator = SeededGenerator(seed: 4)
        let network = Sequential<Float>([Linear(784, 10, using: &generator)])
        let url = directory.appendingPathComponent("model-\(dataset).safetensors")
        try network.save(to: url, metadata: ["dataset": dataset])
        return url
    }

    private func write(_ bytes: [UInt8], _ name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func testBlankImagesSayNoDigitWasFound() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let model = try model(in: directory)
        let blanks = [
            try write(BadFiles.uniformPNG(size: 28, level: 255), "white.png", in: directory),
            try write(BadFiles.uniformPNG(size: 28, level: 0), "black.png", in: directory),
            try write(BadFiles.uniformPNG(size: 50, level: 128), "grey.png", in: directory),
            try write(BadFiles.uniformPNG(size: 1, level: 0), "one-pixel.png", in: directory),
        ]
        for blank in blanks {
            let outcome = try BadInput.run("predict-digit", ["--model", model.path, blank])
            BadInput.assertRefused(outcome, status: 1...1, mentions: ["no digit found in \(blank)"])
            XCTAssertEqual(outcome.standardOutput, "", "no confident answer for a blank image")
        }
    }

    func testUnreadableImagesNameTheFileAndTheCause() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let model = try model(in: directory)
        let digit = BadFiles.digitPNG()
        let folder = directory.appendingPathComponent("folder.png")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cases: [(path: String, cause: String)] = [
            (try write(BadFiles.jpeg, "photo.png", in: directory), "not a PNG file: it is a JPEG image"),
            (try write(Array("this is not an image\n".utf8), "garbage.png", in: directory), "not a PNG file: it starts with 74 68 69 73"),
            (try write(BadFiles.withBadCRC(digit), "bad-crc.png", in: directory), "corrupt PNG (IHDR: CRC error)"),
            (try write([], "empty.png", in: directory), "the file is empty (0 bytes)"),
            (try write(Array(digit.prefix(digit.count / 2)), "truncated.png", in: directory), "truncated: the file ends after"),
            (try write(Array(digit.prefix(5)), "stub.png", in: directory), "truncated: only 5 bytes"),
            (try write(BadFiles.pngAnnouncing(width: 1 << 20, height: 1 << 20), "huge.png", in: directory), "the image is 1048576×1048576 pixels; this reader holds at most 64 Mi pixels"),
            (folder.path, "is a directory"),
            (directory.appendingPathComponent("missing.png").path, "No such file or directory"),
        ]
        for (path, cause) in cases {
            let outcome = try BadInput.run("predict-digit", ["--model", model.path, path])
            BadInput.assertRefused(outcome, status: 1...1, mentions: ["\(path): \(cause)"])
            XCTAssertFalse(outcome.standardError.contains("out of memory"), outcome.standardError)
        }
    }

    /// One bad file among good ones: every good file gets its answer, in order, every bad
    /// one its error, and the exit status says that something failed.
    func testGoodFilesAreClassifiedBesideBadOnes() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let model = try model(in: directory)
        let first = try write(BadFiles.digitPNG(), "first.png", in: directory)
        let blank = try write(BadFiles.uniformPNG(size: 10, level: 255), "blank.png", in: directory)
        let broken = try write(BadFiles.jpeg, "broken.png", in: directory)
        let second = try write(BadFiles.digitPNG(), "second.png", in: directory)
        let outcome = try BadInput.run("predict-digit", ["--model", model.path, first, blank, broken, second])
        BadInput.assertRefused(outcome, status: 1...1, mentions: ["no digit found in \(blank)", "\(broken): not a PNG file", "2 of 4 input(s) could not be classified"])
        let lines = outcome.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, outcome.standardOutput)
        XCTAssertTrue(lines.first?.hasPrefix("\(first): ") ?? false, outcome.standardOutput)
        XCTAssertTrue(lines.last?.hasPrefix("\(second): ") ?? false, outcome.standardOutput)
        XCTAssertEqual(lines.first?.dropFirst(first.count), lines.last?.dropFirst(second.count), "the same image, the same answer")
    }

    func testModelTrainedOnSyntheticDigitsIsAnnouncedWithAWarning() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let digit = try write(BadFiles.digitPNG(), "digit.png", in: directory)
        let synthetic = try BadInput.run("predict-digit", ["--model", try model(in: directory, dataset: "synthetic").path, digit])
        XCTAssertEqual(synthetic.status, 0, synthetic.standardError)
        XCTAssertTrue(synthetic.standardError.contains("warning:") && synthetic.standardError.contains("synthetic digits"), synthetic.standardError)
        XCTAssertTrue(synthetic.standardOutput.hasPrefix("\(digit): "))
        let real = try BadInput.run("predict-digit", ["--model", try model(in: directory).path, digit])
        XCTAssertEqual(real.status, 0, real.standardError)
        XCTAssertFalse(real.standardError.contains("warning"), real.standardError)
    }

    func testUnusableModelsAndIDXFilesNameTheFileAndTheCause() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let digit = try write(BadFiles.digitPNG(), "digit.png", in: directory)
        let valid = try Data(contentsOf: try model(in: directory))
        var generator = SeededGenerator(seed: 1)
        let threeOutputs = directory.appendingPathComponent("three.safetensors")
        try Sequential<Float>([Linear(784, 3, using: &generator)]).save(to: threeOutputs)
        let models: [(path: String, cause: String)] = [
            (try write(Array("garbage".utf8), "garbage.safetensors", in: directory), "cannot load the model"),
            (try write(BadFiles.safetensors(headerLength: 1 << 62, body: Array("{}".utf8)), "huge-header.safetensors", in: directory), "cannot load the model"),
            (try write(Array(valid.prefix(valid.count - 100)), "truncated.safetensors", in: directory), "cannot load the model"),
            (threeOutputs.path, "the model has 3 outputs, not the 10 digits"),
            (directory.path, "is a directory, not a file (--model)"),
            (directory.appendingPathComponent("none.safetensors").path, "no model there"),
        ]
        for (path, cause) in models {
            BadInput.assertRefused(try BadInput.run("predict-digit", ["--model", path, digit]), status: 1...1, mentions: [path, cause])
        }
        let model = try model(in: directory).path
        let idx: [(path: String, cause: String)] = [
            (try write(Array(BadFiles.idxImages(count: 2).dropLast(10)), "truncated-idx3-ubyte", in: directory), "truncated"),
            (try write(BadFiles.idxLabels(count: 2), "labels-idx1-ubyte", in: directory), "labels file given where images expected"),
            (directory.path, "is a directory, not a file (--idx)"),
        ]
        for (path, cause) in idx {
            BadInput.assertRefused(try BadInput.run("predict-digit", ["--model", model, "--idx", path]), status: 1...1, mentions: [path, cause])
        }
    }

    /// sweep-lr on MNIST files that cannot be trained on: an error naming the file before any
    /// work, never a NaN reported as "ok", never "not found" with `make data` for a file that
    /// is there, and no output folder.
    func testMNISTFilesThatCannotBeTrainedOnStopTheSweepBeforeAnyWork() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let images = "train-images-idx3-ubyte"
        let cases: [(data: URL, file: String, cause: String)] = [
            (try BadFiles.mnistDirectory(in: directory, train: 0), images, "holds no images; there is nothing to train on"),
            (try BadFiles.mnistDirectory(in: directory, replacing: images, with: nil), images, "is a directory, not an IDX file"),
            (try BadFiles.mnistDirectory(in: directory, replacing: images, with: Array(BadFiles.idxImages(count: 20).dropLast(7))), images, "truncated"),
            (try BadFiles.mnistDirectory(in: directory, replacing: "train-labels-idx1-ubyte", with: [0, 0, 8, 1, 0, 0, 0, 20] + [UInt8](repeating: 11, count: 20)),
             "train-labels-idx1-ubyte", "label 11 at index 0 is above the maximum 9"),
            (try BadFiles.mnistDirectory(in: directory, replacing: images, with: [0x1F, 0x8B, 8, 0] + Array("not deflate at all".utf8)), images, "corrupt gzip stream"),
        ]
        for (data, file, cause) in cases {
            let output = directory.appendingPathComponent("sweep-\(data.lastPathComponent)")
            let outcome = try BadInput.run("sweep-lr", ["--problem", "mnist", "--quick", "--data-dir", data.path, "--output", output.path])
            BadInput.assertRefused(outcome, status: 1...1, mentions: [data.appendingPathComponent(file).path, cause])
            XCTAssertFalse(outcome.standardError.contains("make data") || outcome.standardError.contains("not found"), outcome.standardError)
            XCTAssertFalse(outcome.standardOutput.contains(" ok"), "no run reported as ok")
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "nothing written")
        }
    }

    /// A valid file of a few images: the title says how many, not MNIST's usual 10,000.
    func testMNISTSweepTitleStatesTheImagesTheFileHolds() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let data = try BadFiles.mnistDirectory(in: directory, train: 20)
        let output = directory.appendingPathComponent("sweep")
        let outcome = try BadInput.run("sweep-lr", ["--problem", "mnist", "--steps", "3", "--lrs", "0.1,1", "--data-dir", data.path, "--output", output.path])
        XCTAssertEqual(outcome.status, 0, outcome.standardError)
        XCTAssertTrue(outcome.standardOutput.contains("MNIST (20 training images)"), outcome.standardOutput)
        let document = try ExecutableRunner.document(in: output)
        XCTAssertTrue(document.title.contains("20 training images"), document.title)
        XCTAssertEqual(document.values["training_samples"], .integer(20))
    }

    func testReportOutputsThatAreNotAFolderAreNamed() throws {
        let directory = try ExecutableRunner.temporaryDirectory(self)
        let file = try write(Array("x".utf8), "file", in: directory)
        BadInput.assertRefused(try BadInput.run("report", ["--outputs", directory.appendingPathComponent("none").path]), status: 1...1,
                               mentions: ["\(directory.appendingPathComponent("none").path): No such file or directory (--outputs)"])
        BadInput.assertRefused(try BadInput.run("report", ["--outputs", file]), status: 1...1, mentions: ["\(file): is a file, not a directory (--outputs)"])
    }
}
