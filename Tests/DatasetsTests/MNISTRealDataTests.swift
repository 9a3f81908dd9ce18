import Foundation
import XCTest
import Backprop
@testable import Datasets

/// Checks the real data sets when they are on this machine, and skips otherwise, so
/// the suite passes on a fresh clone. `--filter MNISTRealData` runs it alone.
final class MNISTRealDataTests: XCTestCase {
    /// `data/mnist` in the package root, wherever `swift test` was started from.
    private static var packageMNISTDirectory: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/mnist").path
    }

    private func load(_ dataset: MNISTDataset, from directory: String, hint: String) throws -> MNISTData {
        do {
            return try MNISTData.load(dataset, explicitDirectory: directory, environment: [:])
        } catch IDXError.dataSetFileMissing {
            throw XCTSkip("\(dataset.rawValue) not found in \(directory); \(hint)")
        }
    }

    private func assertStandardShape(_ data: MNISTData, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(data.train.count, 60_000, file: file, line: line)
        XCTAssertEqual(data.test.count, 10_000, file: file, line: line)
        for split in [data.train, data.test] {
            XCTAssertEqual(split.images.rows, 28, file: file, line: line)
            XCTAssertEqual(split.images.columns, 28, file: file, line: line)
            XCTAssertEqual(split.images.pixels.count, split.count * 784, file: file, line: line)
            XCTAssertEqual(split.labels.histogram().reduce(0, +), split.count, file: file, line: line)
        }
    }

    func testRealMNIST() throws {
        let data = try load(.mnist, from: Self.packageMNISTDirectory, hint: "run `make data`")
        assertStandardShape(data)
        XCTAssertEqual(data.train.labels.labels.first, 5)
        XCTAssertEqual(data.test.labels.labels.first, 7)
        // The published class counts of MNIST.
        XCTAssertEqual(data.train.labels.histogram(), [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
        XCTAssertEqual(data.test.labels.histogram(), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    }

    func testRealFashionMNISTFromDebianPackage() throws {
        let data = try load(.fashion, from: MNISTDataset.fashion.defaultDirectory,
                            hint: "apt-get install dataset-fashion-mnist")
        assertStandardShape(data)
        // Fashion-MNIST is balanced: every class has 6,000 training and 1,000 test images.
        XCTAssertEqual(data.train.labels.histogram(), Array(repeating: 6000, count: 10))
        XCTAssertEqual(data.test.labels.histogram(), Array(repeating: 1000, count: 10))
    }
}
