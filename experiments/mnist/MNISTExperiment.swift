// experiment-mnist: notebook 004 reproduced — a single Linear + Sigmoid layer trained with
// MSE on MNIST, its softmax/cross-entropy variant, and an MLP that answers the notebook's
// "more sophisticated network" task — each from several seeds.
import ArgumentParser
import Backprop
import Datasets
import ExperimentKit
import Foundation

extension MNISTDataset: ExpressibleByArgument {}

@main
struct MNISTExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment-mnist",
        abstract: "Train notebook 004's MNIST classifiers and an MLP from one or more seeds; draw curves, accuracies per seed, confusion matrix, errors and weights.",
        discussion: """
        Configurations (all by default; Float32):
          sigmoid-mse  Linear(784→10) + Sigmoid, ½(ŷ−y)², SGD η 1e-4,
                       batch 600, 100 epochs (the notebook)
          softmax-ce   Linear(784→10) + Softmax, cross-entropy, SGD η 1e-5,
                       batch 600, 100 epochs (its extra task)
          mlp          784-256-128-10 ReLU, cross-entropy, Adam η 2e-3 with
                       cosine decay, batch 128, 20 epochs (its task 5)

        As in the notebook the SGD gradients are summed over the batch, not averaged, which is why those learning rates are so small. Pixels are scaled to [0, 1]. A seeded permutation of the 60,000 training images gives 50,000 for training and 10,000 for validation; each run keeps the weights of its best validation epoch, and the 10,000 test images only give the final numbers.

        Every configuration runs from seeds seed, seed+1, …, seed+N−1 (--seeds N, 5 by default), each seed with its own split, initial weights and shuffles. Runs share the cores, as many at a time as there are cores, one BLAS thread each, so every number depends on the seed only. The report gives mean ± spread over the seeds and draws the figures of the run with the median test accuracy.

        Needs the data: `make data` fetches MNIST into data/mnist. A --quick run that finds no data, where no --data-dir was given, trains on synthetic digits instead and says so.
        """
    )

    /// What `--quick` and the notebook's split hold at least, and how long a run may be asked to be.
    static let seedLimit = 1_000, epochLimit = 10_000

    @OptionGroup var common: ExperimentOptions

    @Option(name: .customLong("config"), parsing: .singleValue, help: ArgumentHelp(
        "Configuration(s) to run: sigmoid-mse, softmax-ce, mlp; repeat the option or give a comma list (default: all).",
        valueName: "name"), transform: Configuration.list)
    var configurationLists: [[Configuration]] = []

    @Option(name: .customLong("seeds"), help: ArgumentHelp(
        "Runs of each configuration, from seeds seed, seed+1, … (1 to \(seedLimit); default: 5, or 1 with --quick).", valueName: "n"))
    var seedCount: Int?

    /// Five seeds by default: the report's claims hold over five initialisations and splits, not one.
    var seeds: Int { seedCount ?? (common.quick ? 1 : 5) }

    @Option(help: ArgumentHelp("Epochs for every configuration, 1 to \(epochLimit) (default: 100 for the single-layer models, 20 for the MLP; 3 with --quick).",
                               valueName: "n"))
    var epochs: Int?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "Directory with the four IDX files (default: $BACKPROP_DATA_DIR, else data/mnist or the Fashion-MNIST package's directory).",
        valueName: "dir"))
    var dataDirectory: String?

    @Option(help: "mnist or fashion (Fashion-MNIST from the Debian package dataset-fashion-mnist).")
    var dataset: MNISTDataset = .mnist

    @Flag(help: "With --quick: train on synthetic digits (bars at ten angles) instead of looking for data; for tests.")
    var synthetic = false

    func validate() throws {
        if let seedCount, !(1...Self.seedLimit).contains(seedCount) {
            throw ValidationError("--seeds must be between 1 and \(Self.seedLimit), got \(seedCount)")
        }
        if let epochs, !(1...Self.epochLimit).contains(epochs) {
            throw ValidationError("--epochs must be between 1 and \(Self.epochLimit), got \(epochs)")
        }
        if synthetic && !common.quick { throw ValidationError("--synthetic is for quick runs: add --quick") }
        if synthetic && dataDirectory != nil { throw ValidationError("--synthetic reads no data: leave out --data-dir") }
    }

    /// The chosen configurations, each once, in the order given; all when none was named.
    var chosen: [Configuration] {
        var chosen: [Configuration] = []
        for configuration in configurationLists.joined() where !chosen.contains(where: { $0.name == configuration.name }) {
            chosen.append(configuration)
        }
        return chosen.isEmpty ? Configuration.all : chosen
    }

    func run() throws {
        let experimentName = dataset == .mnist ? "mnist" : "mnist-\(dataset.rawValue)"
        // Before any work: an unusable output location, then missing, malformed or too small
        // data files are reported before the training.
        let output = try common.outputDirectory(for: experimentName)
        let sizes = common.quick ? Sweep.Sizes.quick : .notebook
        let source = try DataSource.load(dataset, directory: dataDirectory, synthetic: synthetic, quick: common.quick, needs: sizes)
        let seedList = SeedSweep.seeds(from: common.seed, count: seeds)
        let chosen = self.chosen
        let epochs: @Sendable (Configuration) -> Int = { [override = self.epochs, quick = common.quick] configuration in
            override ?? (quick ? 3 : configuration.epochs)
        }

        // The test images are the first ones of the test file (all of them but in quick runs), whatever the seed.
        let test = Dataset<Float>(name: "test", images: source.data.test,
                                  indices: 0..<min(sizes.test ?? source.data.test.count, source.data.test.count))
        let trainCount = sizes.train ?? (source.data.train.count - sizes.validation)
        print("\(source.name): \(trainCount) training, \(sizes.validation) validation, \(test.count) test images of "
              + "\(test.inputs.columns) pixels, scaled to [0, 1]; Float32; seed\(seeds > 1 ? "s \(seedList.first!)–\(seedList.last!)" : " \(common.seed)")")
        for configuration in chosen {
            print("  \(configuration.name): \(configuration.title); \(configuration.optimizerDescription), \(epochs(configuration)) epochs")
        }

        let clock = ContinuousClock()
        let start = clock.now
        let sweep = Sweep.run(chosen, seeds: seedList, data: source.data, sizes: sizes, epochs: epochs, printsEpochs: seeds == 1)
        let trainingWallSeconds = seconds(clock.now - start)

        print("\n" + Summary.terminalTable(sweep))
        print("test accuracy uses each run's weights of its best validation epoch; the test images chose nothing.")
        if seeds > 1 {
            print("figures: the run with the median test accuracy of each configuration ("
                  + chosen.map { "\($0.name) seed \(sweep.representative(of: $0).seed)" }.joined(separator: ", ") + ")")
        }

        var report = Summary.document(sweep, source: source, experiment: experimentName, sizes: (trainCount, sizes.validation, test.count),
                                      epochs: epochs, quick: common.quick, trainingWallSeconds: trainingWallSeconds)
        let classNames = dataset == .fashion && !source.isSynthetic
            ? ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
            : (0..<10).map(String.init)
        let best = sweep.representative(of: sweep.best)
        try Figures.curves(sweep, datasetName: source.name, validationImages: sizes.validation, to: output, report: &report)
        if seeds > 1 { try Figures.testAccuracyBySeed(sweep, target: Summary.target, to: output, report: &report) }
        try Figures.confusion(best, testLabels: test.classLabels, classNames: classNames, to: output, report: &report)
        try Figures.misclassified(best, test: test, classNames: classNames, to: output, report: &report)
        for configuration in chosen where configuration.isSingleLayer {
            try Figures.weights(sweep.representative(of: configuration), classNames: classNames, to: output, report: &report)
        }

        // The representative run of the best configuration, for predict-digit and for PyTorch,
        // with two test images and its own prediction of them, so that a reader can check a load.
        let exampleInput = test.inputs.rows(0..<min(2, test.count))
        let json = { (m: Matrix<Float>) in String(decoding: try JSONEncoder().encode(Matrix<Double>(m).nestedRows), as: UTF8.self) }
        try best.network.save(to: output.file("model.safetensors"), metadata: [
            "example_input": try json(exampleInput),
            "example_output": try json(best.network.forward(exampleInput)),
            "configuration": best.configuration.name,
            "seed": String(best.seed),
            "dataset": source.isSynthetic ? "synthetic" : dataset.rawValue,
            "input": "28×28 pixels / 255, row-major, light digit on dark background",
            "test_accuracy": String(best.testAccuracy),
        ])
        report["model"] = ["file": "model.safetensors", "configuration": .string(best.configuration.name),
                           "seed": .string(String(best.seed))]
        let written = try report.write(to: output)
        try output.commit()
        print("\nwrote \(written.path), \(report.figures.map(\.file).joined(separator: ", ")) and model.safetensors "
              + "(\(best.configuration.name), seed \(best.seed))")
        print("classify an image with it: swift run predict-digit --model \(output.final("model.safetensors").path) digit.png")
    }
}
