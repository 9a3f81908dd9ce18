import Backprop
import Datasets
import ExperimentKit
import Foundation

/// The images the experiment trains on: the data set's files, or — for quick runs only —
/// synthetic digits.
struct DataSource {
    let data: MNISTData
    /// "MNIST", "Fashion-MNIST", or what stands in for them.
    let name: String
    /// The files read, nil for synthetic digits.
    let files: MNISTFiles?
    var isSynthetic: Bool { files == nil }

    /// Reads the data and checks it holds enough images for the split, before any training.
    ///
    /// Synthetic digits replace the data when asked (`--synthetic`), or for a quick run when
    /// no directory was named (neither `--data-dir` nor `BACKPROP_DATA_DIR`) and the default
    /// one lacks the files: a directory the user named must hold the data.
    ///
    /// - Throws: `ExperimentError` naming the file and the problem: missing, malformed, or
    ///   too few images for `sizes`.
    static func load(_ dataset: MNISTDataset, directory explicit: String?, synthetic: Bool, quick: Bool,
                     needs sizes: Sweep.Sizes,
                     environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DataSource {
        let datasetName = dataset == .mnist ? "MNIST" : "Fashion-MNIST"
        if synthetic { return try syntheticDigits(standingInFor: datasetName) }
        let directory = MNISTDataDirectory.resolve(explicit: explicit, environment: environment, dataset: dataset)
        let files: MNISTFiles
        do {
            files = try MNISTFiles.locate(dataset, in: directory)
        } catch let error as IDXError {
            guard quick, case .defaultForDataset = directory.source, case .dataSetFileMissing = error else {
                throw ExperimentError(error.description)
            }
            print("NOTE: \(error)\nNOTE: --quick without the data: training on SYNTHETIC digits (bars at ten angles), not \(datasetName); the numbers mean nothing about \(datasetName).")
            return try syntheticDigits(standingInFor: datasetName)
        }
        let data: MNISTData
        do {
            data = try files.load()
        } catch let error as IDXError {
            throw ExperimentError(error.description)
        }
        let source = DataSource(data: data, name: datasetName, files: files)
        try source.checkCounts(sizes, quick: quick)
        return source
    }

    /// Enough training images for the split and at least one test image.
    func checkCounts(_ sizes: Sweep.Sizes, quick: Bool) throws {
        guard let files else { return }
        let needed = sizes.trainingImagesNeeded
        if data.train.count < needed {
            let split = sizes.train.map { "--quick trains on \(OptionCheck.grouped($0)) and validates on \(OptionCheck.grouped(sizes.validation)) images" }
                ?? "the notebook's split validates on \(OptionCheck.grouped(sizes.validation)) images and trains on the rest (50,000 in MNIST)"
            let alternative = quick ? "" : " (or try --quick, which needs \(OptionCheck.grouped(Sweep.Sizes.quick.trainingImagesNeeded)))"
            throw ExperimentError(files.trainImages, "holds \(OptionCheck.grouped(data.train.count)) images, but \(split): it needs at least \(OptionCheck.grouped(needed))\(alternative)")
        }
        if data.test.count == 0 {
            throw ExperimentError(files.testImages, "holds no images; the test accuracy needs at least one")
        }
    }

    private static func syntheticDigits(standingInFor name: String) throws -> DataSource {
        // A fixed generator, as a data file is fixed: every seed of a sweep sees the same digits.
        var generator = SeededGenerator(seed: 0xD161_7500)
        return DataSource(data: try SyntheticDigits.make(trainCount: 1_000, testCount: 300, using: &generator),
                          name: "synthetic stand-in for \(name)", files: nil)
    }
}
