import Backprop
import Foundation

/// A whole MNIST-format data set as raw bytes: a training and a test split.
///
/// Shapes for the standard sets: `train` 60,000 and `test` 10,000 images of 28 × 28,
/// labels 0...9. Splitting off a validation set and converting to matrices happen
/// elsewhere; this stays at the bytes the files hold.
public struct MNISTData: Sendable, Equatable {
    /// Which data set this is.
    public let dataset: MNISTDataset
    /// Training images and labels.
    public let train: IDXLabeledImages
    /// Test images and labels.
    public let test: IDXLabeledImages

    /// Wraps two already-checked splits.
    public init(dataset: MNISTDataset, train: IDXLabeledImages, test: IDXLabeledImages) {
        self.dataset = dataset
        self.train = train
        self.test = test
    }

    /// Finds and reads `dataset`: the directory is `explicitDirectory` (e.g. `--data-dir`),
    /// else `BACKPROP_DATA_DIR` from `environment`, else the data set's default.
    ///
    /// - Throws: `IDXError`, naming the file and, for a missing one, how to get it.
    public static func load(_ dataset: MNISTDataset, explicitDirectory: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MNISTData {
        try MNISTFiles.locate(dataset, explicitDirectory: explicitDirectory, environment: environment).load()
    }
}
