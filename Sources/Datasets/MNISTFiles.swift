import Backprop
import Foundation

/// The four files of an MNIST-format data set, found in one directory.
///
/// Each file is accepted under its standard name or with a `.gz` suffix (the Debian
/// Fashion-MNIST package ships only the `.gz` ones; `make data` writes only raw ones).
/// When both exist the raw one is used, as it needs no decompression.
public struct MNISTFiles: Sendable, Equatable {
    /// Standard name of the training images (`60000 × 28 × 28`), without the optional `.gz`.
    public static let trainImagesName = "train-images-idx3-ubyte"
    /// Standard name of the training labels (`60000`), without the optional `.gz`.
    public static let trainLabelsName = "train-labels-idx1-ubyte"
    /// Standard name of the test images (`10000 × 28 × 28`), without the optional `.gz`.
    public static let testImagesName = "t10k-images-idx3-ubyte"
    /// Standard name of the test labels (`10000`), without the optional `.gz`.
    public static let testLabelsName = "t10k-labels-idx1-ubyte"

    /// The data set the files belong to (decides the remedy in error messages).
    public let dataset: MNISTDataset
    /// The directory searched and why it was chosen.
    public let directory: MNISTDataDirectory
    /// Training images, `60000 × 28 × 28` for the standard sets.
    public let trainImages: URL
    /// Training labels, `60000`.
    public let trainLabels: URL
    /// Test images, `10000 × 28 × 28`.
    public let testImages: URL
    /// Test labels, `10000`.
    public let testLabels: URL

    /// Finds the four files in `directory`, raw or `.gz`.
    ///
    /// - Throws: `IDXError.dataSetFileMissing` for the first file found in neither form,
    ///   naming the file, the directory, why that directory, and how to get the data;
    ///   `IDXError.unreadable` when a directory stands where the file should be.
    public static func locate(_ dataset: MNISTDataset, in directory: MNISTDataDirectory) throws -> MNISTFiles {
        func find(_ name: String) throws -> URL {
            let base = URL(fileURLWithPath: directory.path, isDirectory: true)
            var directoryInstead: URL?
            for candidate in [name, name + ".gz"] {
                let url = base.appendingPathComponent(candidate)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
                    if !isDirectory.boolValue { return url }
                    directoryInstead = directoryInstead ?? url
                }
            }
            // Something is there, so fetching the data again would not help.
            if let directoryInstead {
                throw IDXError.unreadable(path: directoryInstead.path, reason: "is a directory, not an IDX file")
            }
            // The absolute path: a relative default means nothing if the tool ran elsewhere.
            throw IDXError.dataSetFileMissing(file: name, directory: base.path,
                                              directorySource: directory.sourceDescription,
                                              remedy: dataset.remedy)
        }
        return MNISTFiles(dataset: dataset, directory: directory,
                          trainImages: try find(trainImagesName), trainLabels: try find(trainLabelsName),
                          testImages: try find(testImagesName), testLabels: try find(testLabelsName))
    }

    /// Resolves the directory (`explicitDirectory`, then `BACKPROP_DATA_DIR` in
    /// `environment`, then the default) and finds the four files there.
    public static func locate(_ dataset: MNISTDataset, explicitDirectory: String? = nil,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MNISTFiles {
        try locate(dataset, in: MNISTDataDirectory.resolve(explicit: explicitDirectory,
                                                           environment: environment, dataset: dataset))
    }

    /// Reads all four files and checks them: labels within 0...9, image and label counts
    /// equal within each split, and training and test images of the same size.
    public func load() throws -> MNISTData {
        let train = try IDXLabeledImages.read(images: trainImages, labels: trainLabels,
                                              maximumLabel: dataset.maximumLabel)
        let test = try IDXLabeledImages.read(images: testImages, labels: testLabels,
                                             maximumLabel: dataset.maximumLabel)
        guard train.images.rows == test.images.rows, train.images.columns == test.images.columns else {
            throw IDXError.imageSizeMismatch(
                trainPath: trainImages.path, trainSize: "\(train.images.rows)×\(train.images.columns)",
                testPath: testImages.path, testSize: "\(test.images.rows)×\(test.images.columns)")
        }
        return MNISTData(dataset: dataset, train: train, test: test)
    }
}
