import Backprop
import Foundation

/// The MNIST-format data sets the library knows where to find.
///
/// Both have 60,000 training and 10,000 test images of 28 × 28 pixels, labels 0...9,
/// under the same four file names, so one loader serves both.
public enum MNISTDataset: String, Sendable, CaseIterable {
    /// Handwritten digits (LeCun, Cortes & Burges), fetched by `make data`.
    case mnist
    /// Zalando's clothing images, from the Debian package `dataset-fashion-mnist`.
    case fashion

    /// The environment variable that overrides the default directory.
    public static let environmentVariable = "BACKPROP_DATA_DIR"

    /// Where the files are when nothing else is said: `data/mnist` relative to the
    /// working directory (what `make data` writes), or the Debian package's directory.
    public var defaultDirectory: String {
        switch self {
        case .mnist: return "data/mnist"
        case .fashion: return "/usr/share/datasets/fashion-mnist"
        }
    }

    /// What to do when a file is missing.
    public var remedy: String {
        switch self {
        case .mnist:
            return "Run `make data` (python3 tools/fetch_mnist.py) to fetch MNIST into data/mnist."
        case .fashion:
            return "Install it with `apt-get install dataset-fashion-mnist` "
                + "(files land in /usr/share/datasets/fashion-mnist)."
        }
    }

    /// The largest label value (ten classes).
    public var maximumLabel: UInt8 { 9 }
}

/// A data directory and which rule chose it, so errors can say why they looked there.
public struct MNISTDataDirectory: Sendable, Equatable {
    /// Which of the three rules gave the directory.
    public enum Source: Sendable, Equatable {
        /// Given on the command line (`--data-dir`) or by the caller.
        case explicit
        /// Taken from `BACKPROP_DATA_DIR`.
        case environment
        /// The data set's default.
        case defaultForDataset(MNISTDataset)
    }

    /// The directory as given (possibly relative to the working directory).
    public let path: String
    /// The rule that chose `path`.
    public let source: Source

    /// Creates a directory record; resolution normally goes through `resolve`.
    public init(path: String, source: Source) {
        self.path = path
        self.source = source
    }

    /// Chooses the data directory: `explicit` (a `--data-dir` option) wins, then the
    /// environment's `BACKPROP_DATA_DIR`, then the data set's default. Empty strings count
    /// as absent. Pure: reads neither the real environment nor the file system.
    public static func resolve(explicit: String?, environment: [String: String],
                               dataset: MNISTDataset) -> MNISTDataDirectory {
        if let explicit, !explicit.isEmpty {
            return MNISTDataDirectory(path: explicit, source: .explicit)
        }
        if let fromEnvironment = environment[MNISTDataset.environmentVariable], !fromEnvironment.isEmpty {
            return MNISTDataDirectory(path: fromEnvironment, source: .environment)
        }
        return MNISTDataDirectory(path: dataset.defaultDirectory, source: .defaultForDataset(dataset))
    }

    /// Says where `path` came from, for error messages.
    public var sourceDescription: String {
        switch source {
        case .explicit:
            return "given explicitly (--data-dir)"
        case .environment:
            return "from \(MNISTDataset.environmentVariable)"
        case .defaultForDataset(let dataset):
            return "the default for \(dataset.rawValue); set --data-dir or \(MNISTDataset.environmentVariable) to look elsewhere"
        }
    }
}
