// experiment-mnist: notebook 004 reproduced — a single Linear + Sigmoid layer trained with
// MSE on MNIST, its softmax/cross-entropy variant, and an MLP that answers the notebook's
// "more sophisticated network" task.
import ArgumentParser
import Backprop
import Datasets
import ExperimentKit
import Foundation
import Plot

extension MNISTDataset: ExpressibleByArgument {}

struct MNISTExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment-mnist",
        abstract: "Train notebook 004's MNIST classifiers and an MLP; draw curves, confusion matrix, errors and weights.",
        discussion: """
        Configurations (all by default, all in Float32):
          sigmoid-mse  Linear(784→10) + Sigmoid, MSE, SGD lr 1e-4, batch 600, 100 epochs (the notebook)
          softmax-ce   Linear(784→10) + Softmax, cross-entropy, SGD lr 1e-5, batch 600, 100 epochs (its extra task)
          mlp          784-256-128-10 ReLU (He init), softmax cross-entropy, Adam lr 1e-3, batch 128, 20 epochs
        As in the notebook the SGD gradients are summed over the batch, not averaged, which is
        why those learning rates are so small. Pixels are scaled to [0, 1]. The 60,000 training
        images are split by a seeded permutation into 50,000 for training and 10,000 for
        validation; the 10,000 test images are only used for the final numbers.
        Needs the data: `make data` fetches MNIST into data/mnist.
        """
    )

    @OptionGroup var common: ExperimentOptions

    @Option(name: .customLong("config"), help: ArgumentHelp(
        "Configuration(s) to run: sigmoid-mse, softmax-ce, mlp; repeat the option or give a comma list (default: all).",
        valueName: "name"))
    var configs: [String] = []

    @Option(help: "Epochs for every configuration (default: 100 for the single-layer models, 20 for the MLP; 3 with --quick).")
    var epochs: Int?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "Directory with the four IDX files (default: $BACKPROP_DATA_DIR, else data/mnist or the Fashion-MNIST package's directory).",
        valueName: "dir"))
    var dataDirectory: String?

    @Option(help: "mnist or fashion (Fashion-MNIST from the Debian package dataset-fashion-mnist).")
    var dataset: MNISTDataset = .mnist

    func validate() throws {
        _ = try Configuration.parse(configs)
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
    }

    func run() throws {
        let chosen = try Configuration.parse(configs)
        let experimentName = dataset == .mnist ? "mnist" : "mnist-\(dataset.rawValue)"
        let datasetName = dataset == .mnist ? "MNIST" : "Fashion-MNIST"
        // Before any work: an unusable output location is reported before the training.
        let output = try common.outputDirectory(for: experimentName)
        var generator = SeededGenerator(seed: common.seed)

        // Data: the real files, or (only for --quick, only when they are missing) a synthetic stand-in.
        var synthetic = false
        let data: MNISTData
        do {
            data = try MNISTData.load(dataset, explicitDirectory: dataDirectory)
        } catch let error as IDXError {
            guard common.quick, case .dataSetFileMissing = error else {
                throw ValidationError("\(datasetName) data not found.\n\(error)")
            }
            print("NOTE: \(error)\nNOTE: --quick without the data: training on a small SYNTHETIC data set (bars at ten angles), not \(datasetName); the numbers mean nothing about \(datasetName).")
            var dataGenerator = generator.split()
            data = try SyntheticDigits.make(trainCount: 1_000, testCount: 300, using: &dataGenerator)
            synthetic = true
        }
        let split = MNISTSplit<Float>(data, trainCount: common.quick ? 500 : nil,
                                      validationCount: common.quick ? 200 : 10_000,
                                      testCount: common.quick ? 300 : nil, using: &generator)
        // One generator per configuration, drawn in a fixed order, so a configuration gives the
        // same numbers whether it runs alone or with the others.
        var configurationGenerators = Dictionary(uniqueKeysWithValues: Configuration.allCases.map { ($0, generator.split()) })
        let classNames = dataset == .fashion
            ? ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
            : (0..<10).map(String.init)

        print("\(synthetic ? "synthetic stand-in for " : "")\(datasetName): \(split.train.count) training, \(split.validation.count) validation, "
              + "\(split.test.count) test images of \(split.train.inputs.columns) pixels, scaled to [0, 1]; Float32; seed \(common.seed)")

        var results: [RunResult] = []
        for configuration in chosen {
            let epochs = self.epochs ?? (common.quick ? 3 : configuration.epochs)
            print("\n== \(configuration.rawValue): \(configuration.title)")
            print("   \(configuration.optimizerDescription), \(epochs) epochs")
            print("   gradient scaling: \(configuration.gradientScaling)")
            var configurationGenerator = configurationGenerators[configuration]!
            results.append(train(configuration, on: split, epochs: epochs, using: &configurationGenerator))
            configurationGenerators[configuration] = configurationGenerator
        }

        var table = TextTable("configuration", "epochs", "best val. epoch", "validation acc.", "test acc.", "s/epoch (train)")
        for result in results {
            table.append(result.configuration.rawValue, "\(result.validationAccuracy.count)", "\(result.bestEpoch + 1)",
                         formatFixed(100 * result.bestValidationAccuracy, decimals: 2) + "%",
                         formatFixed(100 * result.testAccuracy, decimals: 2) + "%",
                         formatFixed(result.meanTrainingSeconds, decimals: 3))
        }
        print("\n" + table.rendered)
        print("test accuracy uses the weights of the epoch with the best validation accuracy; the test set chose nothing.")

        // Figures and metrics.
        var metrics = Metrics(
            experiment: experimentName,
            title: "\(datasetName): notebook 004's single-layer classifiers and an MLP",
            description: "Linear + Sigmoid with MSE and Linear + Softmax with cross-entropy trained by SGD with the notebook's batch-summed gradients, and a 784-256-128-10 ReLU MLP trained by Adam; 50,000/10,000 seeded train/validation split of the training images, test images used only for the final accuracy.")
        guard let best = results.max(by: { $0.bestValidationAccuracy < $1.bestValidationAccuracy }) else { return }
        metrics.figures.append(try Figures.curves(results, datasetName: datasetName, to: output))
        let testLabels = split.test.classLabels
        metrics.figures.append(try Figures.confusion(best, testLabels: testLabels, classNames: classNames, to: output))
        metrics.figures.append(try Figures.misclassified(best, test: split.test, classNames: classNames, to: output))
        for result in results {
            if let figure = try Figures.weights(result, classNames: classNames, to: output) { metrics.figures.append(figure) }
        }

        // The best network, for predict-digit and for PyTorch (safetensors, nn.Sequential names).
        let model = output.file("model.safetensors")
        try best.network.save(to: model, metadata: [
            "configuration": best.configuration.rawValue,
            "dataset": synthetic ? "synthetic" : dataset.rawValue,
            "input": "28×28 pixels / 255, row-major, light digit on dark background",
            "test_accuracy": String(best.testAccuracy),
        ])
        metrics["model"] = ["file": "model.safetensors", "configuration": .string(best.configuration.rawValue)]

        metrics["dataset"] = .string(synthetic ? "synthetic (quick run without data)" : dataset.rawValue)
        metrics["synthetic_data"] = .bool(synthetic)
        metrics["seed"] = .integer(Int(common.seed))
        metrics["quick"] = .bool(common.quick)
        metrics["precision"] = .string("Float32")
        metrics["input_scaling"] = .string("pixels divided by 255, in [0, 1]. The notebook's load_mnist is not shown, so its scaling is unknown; with raw 0–255 pixels its lr would give 255× larger steps and pre-activations in the hundreds, saturating the sigmoid from the first step.")
        metrics["split"] = ["train": .integer(split.train.count), "validation": .integer(split.validation.count),
                            "test": .integer(split.test.count)]
        metrics["best_configuration"] = .string(best.configuration.rawValue)
        metrics["configs"] = .object(Dictionary(uniqueKeysWithValues: results.map { result in
            let c = result.configuration
            var entry: [String: JSONValue] = [
                "title": .string(c.title),
                "optimizer": .string(c.optimizerDescription),
                "learning_rate": .number(c.learningRate),
                "batch_size": .integer(c.batchSize),
                "epochs": .integer(result.validationAccuracy.count),
                "gradient_scaling": .string(c.gradientScaling),
                "validation_accuracy": .array(result.validationAccuracy.map(JSONValue.number)),
                "training_cost": .array(result.trainingCost.map(JSONValue.number)),
                "training_seconds_per_epoch": .array(result.trainingSeconds.map(JSONValue.number)),
                "validation_seconds_per_epoch": .array(result.validationSeconds.map(JSONValue.number)),
                "mean_training_seconds_per_epoch": .number(result.meanTrainingSeconds),
                "best_epoch": .integer(result.bestEpoch + 1),
                "best_validation_accuracy": .number(result.bestValidationAccuracy),
                "test_accuracy": .number(result.testAccuracy),
                "diverged": .bool(result.diverged != .completed),
            ]
            if case .diverged(let step, let loss) = result.diverged {
                entry["diverged_at"] = ["step": .integer(step), "loss": .number(loss)]
            }
            return (c.rawValue, JSONValue.object(entry))
        }))
        let written = try metrics.write(to: output)
        try output.commit()
        print("\nwrote \(written.path), \(metrics.figures.map(\.file).joined(separator: ", ")) and model.safetensors (\(best.configuration.rawValue))")
        print("classify an image with it: swift run predict-digit --model \(output.final("model.safetensors").path) digit.png")
    }
}

MNISTExperiment.main()
