import Foundation
import XCTest
import Backprop
@testable import Datasets

/// Directory resolution and the four-file loader. Named `IDX…` so `--filter IDX` runs it.
final class IDXMNISTFilesTests: IDXTestCase {
    // MARK: Directory resolution (pure)

    func testExplicitDirectoryWinsOverEnvironmentAndDefault() {
        let resolved = MNISTDataDirectory.resolve(explicit: "/cli", environment: ["BACKPROP_DATA_DIR": "/env"],
                                                  dataset: .mnist)
        XCTAssertEqual(resolved, MNISTDataDirectory(path: "/cli", source: .explicit))
    }

    func testEnvironmentWinsOverDefault() {
        for dataset in MNISTDataset.allCases {
            let resolved = MNISTDataDirectory.resolve(explicit: nil, environment: ["BACKPROP_DATA_DIR": "/env"],
                                                      dataset: dataset)
            XCTAssertEqual(resolved, MNISTDataDirectory(path: "/env", source: .environment))
        }
    }

    func testDefaultsPerDataset() {
        XCTAssertEqual(MNISTDataDirectory.resolve(explicit: nil, environment: [:], dataset: .mnist),
                       MNISTDataDirectory(path: "data/mnist", source: .defaultForDataset(.mnist)))
        XCTAssertEqual(MNISTDataDirectory.resolve(explicit: "", environment: ["BACKPROP_DATA_DIR": ""],
                                                  dataset: .fashion),
                       MNISTDataDirectory(path: "/usr/share/datasets/fashion-mnist",
                                          source: .defaultForDataset(.fashion)),
                       "empty strings count as absent")
    }

    // MARK: Locating and loading

    /// Writes a tiny but complete data set: 3 training and 2 test images of 2×2.
    private func writeTinyDataSet(gzipped: Set<String> = [], trainLabels: [UInt8] = [5, 0, 4]) throws {
        let files: [(String, [UInt8])] = [
            (MNISTFiles.trainImagesName,
             IDXFixtures.images(count: 3, rows: 2, columns: 2, pixels: IDXFixtures.threeImagePixels)),
            (MNISTFiles.trainLabelsName, IDXFixtures.labels(trainLabels)),
            (MNISTFiles.testImagesName, IDXFixtures.images(count: 2, rows: 2, columns: 2, pixels: Array(0..<8))),
            (MNISTFiles.testLabelsName, IDXFixtures.labels([7, 2])),
        ]
        for (name, bytes) in files {
            if gzipped.contains(name) {
                try write(IDXFixtures.gzip(bytes), to: name + ".gz")
            } else {
                try write(bytes, to: name)
            }
        }
    }

    func testLoadsRawAndGzippedFilesMixed() throws {
        try writeTinyDataSet(gzipped: [MNISTFiles.trainImagesName, MNISTFiles.testLabelsName])
        let files = try MNISTFiles.locate(.mnist, explicitDirectory: directory.path, environment: [:])
        XCTAssertEqual(files.trainImages.lastPathComponent, "train-images-idx3-ubyte.gz")
        XCTAssertEqual(files.trainLabels.lastPathComponent, "train-labels-idx1-ubyte")
        let data = try files.load()
        XCTAssertEqual(data.train.images.pixels, IDXFixtures.threeImagePixels)
        XCTAssertEqual(data.train.labels.labels, [5, 0, 4])
        XCTAssertEqual(data.test.count, 2)
        XCTAssertEqual(data.test.labels.labels, [7, 2])
    }

    func testEnvironmentDirectoryIsUsed() throws {
        try writeTinyDataSet()
        let data = try MNISTData.load(.fashion, environment: ["BACKPROP_DATA_DIR": directory.path])
        XCTAssertEqual(data.dataset, .fashion)
        XCTAssertEqual(data.train.count, 3)
    }

    func testMissingFileSaysWhichWhereAndHow() throws {
        try writeTinyDataSet()
        try FileManager.default.removeItem(at: directory.appendingPathComponent(MNISTFiles.testLabelsName))
        assertIDXError(try MNISTFiles.locate(.mnist, explicitDirectory: directory.path, environment: [:]),
                       fragments: ["t10k-labels-idx1-ubyte", directory.path, "make data", "--data-dir"]) {
            if case .dataSetFileMissing(let file, _, _, _) = $0 { return file == MNISTFiles.testLabelsName }
            return false
        }
        assertIDXError(try MNISTFiles.locate(.fashion, explicitDirectory: directory.path, environment: [:]),
                       fragments: ["t10k-labels-idx1-ubyte", "apt-get install dataset-fashion-mnist"]) {
            if case .dataSetFileMissing = $0 { return true } else { return false }
        }
    }

    func testEmptyDirectoryFromEnvironmentNamesTheVariable() {
        let empty = directory.appendingPathComponent("nothing-here").path
        assertIDXError(try MNISTData.load(.mnist, environment: ["BACKPROP_DATA_DIR": empty]),
                       fragments: ["train-images-idx3-ubyte", "nothing-here", "BACKPROP_DATA_DIR"]) {
            if case .dataSetFileMissing = $0 { return true } else { return false }
        }
    }

    func testPairCountMismatchIsReportedWithBothFiles() throws {
        try writeTinyDataSet(trainLabels: [5, 0])
        assertIDXError(try MNISTData.load(.mnist, explicitDirectory: directory.path, environment: [:]),
                       fragments: ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "3 images", "2 labels"]) {
            if case .countMismatch = $0 { return true } else { return false }
        }
    }

    func testLabelAboveNineIsRejectedForMNIST() throws {
        try writeTinyDataSet(trainLabels: [5, 10, 4])
        assertIDXError(try MNISTData.load(.mnist, explicitDirectory: directory.path, environment: [:]),
                       fragments: ["train-labels-idx1-ubyte", "label 10", "maximum 9"]) {
            if case .labelOutOfRange = $0 { return true } else { return false }
        }
    }

    func testTrainAndTestImageSizesMustAgree() throws {
        try writeTinyDataSet()
        try write(IDXFixtures.images(count: 2, rows: 1, columns: 4, pixels: Array(0..<8)), to: MNISTFiles.testImagesName)
        assertIDXError(try MNISTData.load(.mnist, explicitDirectory: directory.path, environment: [:]),
                       fragments: ["t10k-images-idx3-ubyte", "2×2", "1×4"]) {
            if case .imageSizeMismatch = $0 { return true } else { return false }
        }
    }
}
