import Backprop
import ExperimentKit
import Foundation

/// What the runs add up to: the terminal's table and the report's text, tables and numbers,
/// every sentence computed from the sweep.
enum Summary {
    /// The test accuracy the "more sophisticated network" is to clear from every seed.
    static let target = 0.98

    // MARK: Terminal

    static func terminalTable(_ sweep: Sweep) -> String {
        let several = sweep.seeds.count > 1
        var table = TextTable("configuration", "runs", "epochs", "best val. epoch", "validation acc.",
                              several ? "test acc. mean ± std" : "test acc.", "test min–max", "s/epoch (train)")
        for configuration in sweep.configurations {
            let runs = sweep.runs(of: configuration)
            let test = sweep.testAccuracy(of: configuration)
            table.append(configuration.name, "\(runs.count)", "\(runs.map(\.validationAccuracy.count).max() ?? 0)",
                         median(runs.map { $0.bestEpoch + 1 }),
                         percent(sweep.validationAccuracy(of: configuration).mean) + "%",
                         percent(test.mean) + (several ? " ± " + percent(test.standardDeviation) : "") + "%",
                         percent(test.minimum) + "–" + percent(test.maximum) + "%",
                         formatFixed(meanTrainingSeconds(runs), decimals: 3))
        }
        var text = table.rendered
        if several {
            var bySeed = TextTable()
            bySeed.headers = ["test acc. (%)"] + sweep.seeds.map { "seed \($0)" }
            for configuration in sweep.configurations {
                bySeed.rows.append([configuration.name] + sweep.runs(of: configuration).map { percent($0.testAccuracy) + ($0.diverged ? " (diverged)" : "") })
            }
            text += "\n\n" + bySeed.rendered
        }
        return text
    }

    // MARK: Report

    /// The experiment's page: notebook, question, set-up, results and conclusion (figures are
    /// added by `Figures`).
    static func document(_ sweep: Sweep, source: DataSource, experiment: String, sizes: (train: Int, validation: Int, test: Int),
                         epochs: (Configuration) -> Int, quick: Bool, trainingWallSeconds: Double) -> ExperimentDocument {
        let seeds = sweep.seeds
        let seedsText = seeds.count > 1 ? "seeds \(seeds.first!)–\(seeds.last!)" : "seed \(seeds[0])"
        var report = ExperimentDocument(
            experiment: experiment,
            title: "\(source.name): notebook 004's single-layer classifiers and a more sophisticated network",
            description: "Linear + Sigmoid with MSE and Linear + Softmax with cross-entropy trained by SGD with the notebook's batch-summed gradients, "
                + "and a 784-256-128-10 ReLU network trained by Adam; \(seeds.count) seed\(seeds.count == 1 ? "" : "s") per configuration.")
        report.notebook = "Notebook 004 · *backpropagation by hand on MNIST: Linear + Sigmoid with MSE, SoftMax with cross-entropy, and a more sophisticated network*"
        report.question = "How well does one linear layer with a sigmoid, trained as in the notebook (squared error, SGD, η = 10⁻⁴, batches of 600, 100 epochs), "
            + "classify \(source.data.dataset == .fashion && !source.isSynthetic ? "clothing images" : "handwritten digits")? Does the softmax with cross-entropy do better? And does a more sophisticated network clear "
            + "\(100 * target, format: .fixed(0)) % test accuracy from every seed, not just from a lucky one?"

        var data: Markdown = source.isSynthetic
            ? "**Synthetic digits** (bars at ten angles, a stand-in for a quick run without the data; the numbers say nothing about MNIST): "
            : "\(source.name) (\(source.data.train.count) training and \(source.data.test.count) test images of 28 × 28 pixels): "
        data = data + "for each seed a permutation of the training images gives \(sizes.train) for training and \(sizes.validation) for validation, "
            + "as the notebook's `load_data` does; \(sizes.test) test images give the final numbers and choose nothing. "
            + "Pixels are divided by 255, into [0, 1] (the notebook's `load_mnist` is not shown; raw 0–255 pixels would make its steps 255× larger and saturate the sigmoid). "
            + "Float32 throughout. Each run keeps the weights of its best validation epoch."
        if quick { data = data + " **Quick run**: small subsets and 3 epochs, for tests; not the notebook's set-up." }
        report.setup.data = data
        report.setup.architecture = sweep.configurations.map { configuration in
            var generator = SeededGenerator(seed: 0)
            return "\(configuration.name): \(configuration.title)\n\(configuration.model(&generator))"
        }.joined(separator: "\n\n")
        for configuration in sweep.configurations {
            let name = configuration.name
            report.setup.addHyperparameter("\(name): optimiser", configuration.optimizer == .adam ? "Adam, β = (0.9, 0.999), ε = 10⁻⁸" : "SGD, no momentum")
            // As the notebook writes it, 1e-4, rather than 0.0001 beside 1.000e-5.
            report.setup.addHyperparameter("\(name): learning rate η", compactNumber(configuration.learningRate))
            report.setup.addHyperparameter("\(name): schedule of η", configuration.cosineDecay
                ? "cosine decay to 0 over all steps (LearningRateSchedule.cosine)" : "constant")
            report.setup.addHyperparameter("\(name): batch size", configuration.batchSize, unit: "images")
            report.setup.addHyperparameter("\(name): epochs", epochs(configuration), unit: "passes over the training images")
            report.setup.addHyperparameter("\(name): batch order", configuration.shufflesEveryEpoch
                ? "reshuffled every epoch" : "the seed's permutation, the same every epoch (as the notebook)")
            report.setup.addHyperparameter("\(name): loss", configuration.lossDescription)
        }
        report.setup.addHyperparameter("seeds", seedsText)
        report.setup.addHyperparameter("BLAS threads per run", 1, unit: "runs in parallel, one per core")

        addTables(sweep, to: &report)
        report.conclusion = conclusion(sweep, source: source, epochs: epochs)
        report.headline = headline(sweep)
        report["timing"] = timing(sweep, trainingWallSeconds: trainingWallSeconds)
        report["seeds"] = .array(seeds.map { .string(String($0)) })
        report["dataset"] = .string(source.isSynthetic ? "synthetic" : source.data.dataset.rawValue)
        report["synthetic_data"] = .bool(source.isSynthetic)
        report["quick"] = .bool(quick)
        report["split"] = ["train": .integer(sizes.train), "validation": .integer(sizes.validation), "test": .integer(sizes.test)]
        report["best_configuration"] = .string(sweep.best.name)
        report["configs"] = .object(Dictionary(uniqueKeysWithValues: sweep.configurations.map { ($0.name, values(sweep, $0, epochs: epochs($0))) }))
        return report
    }

    private static func addTables(_ sweep: Sweep, to report: inout ExperimentDocument) {
        let count = sweep.seeds.count
        let several = count > 1
        report.addTable(several ? "Test accuracy over \(count) seeds" : "Test accuracy, seed \(sweep.seeds[0])",
                        columns: [.init("configuration"), .init("model and training"),
                                  .init("mean", unit: "%", format: .percent(2)), .init("standard deviation", unit: "%", format: .percent(2)),
                                  .init("lowest", unit: "%", format: .percent(2)), .init("highest", unit: "%", format: .percent(2)),
                                  .init("runs ≥ \(formatFixed(100 * target, decimals: 1)) %")],
                        caption: "Each run's test accuracy comes from the weights of its best validation epoch. The standard deviation is over seeds (n − 1)\(several ? "" : "; one seed has none")."
        ) { table in
            for configuration in sweep.configurations {
                let test = sweep.testAccuracy(of: configuration)
                table.addRow(configuration.name, configuration.title, test.mean, test.standardDeviation, test.minimum, test.maximum,
                             "\(test.count(atLeast: target)) of \(test.count)")
            }
        }
        report.addTable("Validation", columns: [
            .init("configuration"), .init("best validation accuracy, mean", unit: "%", format: .percent(2)),
            .init("best epoch, median", format: .fixed(0)), .init("epochs", format: .integer), .init("diverged runs", format: .integer),
        ], caption: "The best epoch is the one whose weights each run keeps; when it is the last, the run was still improving.") { table in
            for configuration in sweep.configurations {
                let runs = sweep.runs(of: configuration)
                table.addRow(configuration.name, sweep.validationAccuracy(of: configuration).mean,
                             Distribution(runs.map { Double($0.bestEpoch + 1) }).median,
                             runs.map(\.validationAccuracy.count).max() ?? 0, runs.filter(\.diverged).count)
            }
        }
        if several {
            report.addTable("Every run", columns: [
                .init("configuration"), .init("seed"), .init("best validation accuracy", unit: "%", format: .percent(2)),
                .init("best epoch", format: .integer), .init("test accuracy", unit: "%", format: .percent(2)),
            ]) { table in
                for configuration in sweep.configurations {
                    for run in sweep.runs(of: configuration) {
                        table.addRow(configuration.name, String(run.seed), run.bestValidationAccuracy, run.bestEpoch + 1, run.testAccuracy)
                    }
                }
            }
        }
        report.addTable(timeTableTitle, columns: [
            .init("configuration"), .init("training", unit: "s per epoch", format: .fixed(3)),
            .init("validation", unit: "s per epoch", format: .fixed(3)),
        ], caption: "Wall-clock time of each epoch's training steps (shuffling and batch copies included, validation excluded) and of its validation pass, "
            + "mean over epochs and seeds, one BLAS thread per run, up to \(ProcessInfo.processInfo.activeProcessorCount) runs at a time (one per core). Depends on the machine and its load; every other number depends on the seed only.") { table in
            for configuration in sweep.configurations {
                let runs = sweep.runs(of: configuration)
                table.addRow(configuration.name, meanTrainingSeconds(runs), mean(runs.flatMap(\.validationSeconds)))
            }
        }
    }

    /// The title of the only table that changes from run to run with the same seeds.
    static let timeTableTitle = "Time per epoch"

    private static func conclusion(_ sweep: Sweep, source: DataSource, epochs: (Configuration) -> Int) -> Markdown {
        var sentences: [Markdown] = []
        if source.isSynthetic { sentences.append("**These numbers come from synthetic digits, not \(source.name.replacingOccurrences(of: "synthetic stand-in for ", with: "")).**") }
        let count = sweep.seeds.count
        let over: Markdown = count > 1 ? "over \(count) seeds" : "from seed \(String(sweep.seeds[0]))"
        // Plain text, interpolated as such: a Markdown value starting with "98." would be escaped as a list item.
        func summary(_ configuration: Configuration) -> String {
            let test = sweep.testAccuracy(of: configuration)
            return percent(test.mean) + (count > 1 ? " ± " + percent(test.standardDeviation) : "") + " %"
        }
        if let mlp = sweep.configurations.first(where: { !$0.isSingleLayer }) {
            let test = sweep.testAccuracy(of: mlp)
            let reached = test.count(atLeast: target)
            var sentence: Markdown = "The more sophisticated network (\(code: mlp.name)) reached ≥ \(100 * target, format: .fixed(1)) % test accuracy from \(reached) of \(count) seed\(count == 1 ? "" : "s"), \(summary(mlp)) \(over)"
            sentence = sentence + (count > 1 ? " (lowest \(100 * (test.minimum ?? .nan), format: .fixed(2)) %, seed \(String(lowestSeed(sweep, mlp))))." : ".")
            sentences.append(sentence)
        }
        let singles = sweep.configurations.filter(\.isSingleLayer)
        for configuration in singles {
            let runs = sweep.runs(of: configuration)
            let bestEpoch = Distribution(runs.map { Double($0.bestEpoch + 1) }).median ?? 0
            let lastEpoch = Double(epochs(configuration))
            var sentence: Markdown = "\(code: configuration.name) (\(configuration.title)) reached \(summary(configuration)) \(over)"
            let median: Markdown = count > 1 ? " (median over seeds)" : ""
            sentence = sentence + (bestEpoch >= 0.9 * lastEpoch
                ? "; its best validation epoch was the \(ordinal(Int(bestEpoch))) of \(Int(lastEpoch))\(median): it was still improving when training stopped."
                : "; its validation accuracy peaked at epoch \(bestEpoch, format: .fixed(0)) of \(Int(lastEpoch))\(median).")
            sentences.append(sentence)
        }
        if singles.count == 2, let sigmoid = sweep.testAccuracy(of: singles[0]).mean, let softmax = sweep.testAccuracy(of: singles[1]).mean {
            let difference = 100 * (softmax - sigmoid)
            let a = sweep.testAccuracy(of: singles[0]), b = sweep.testAccuracy(of: singles[1])
            let separated = count > 1 && ((a.maximum ?? 0) < (b.minimum ?? 0) || (b.maximum ?? 0) < (a.minimum ?? 0))
            var sentence: Markdown = abs(difference) < 0.005
                ? "The softmax with cross-entropy and the sigmoid with squared error ended level on average"
                : "The softmax with cross-entropy ended \(abs(difference), format: .fixed(2)) points \(difference > 0 ? "above" : "below") the sigmoid with squared error on average"
            if count > 1 {
                let ranges = "\(percent(b.minimum))–\(percent(b.maximum)) % against \(percent(a.minimum))–\(percent(a.maximum)) %"
                sentence = sentence + (separated ? "; their ranges over seeds do not overlap (\(ranges))." : "; their ranges over seeds overlap (\(ranges)).")
            } else {
                sentence = sentence + "."
            }
            sentences.append(sentence)
        }
        let diverged = sweep.runs.filter(\.diverged)
        if !diverged.isEmpty {
            sentences.append("\(diverged.count) run\(diverged.count == 1 ? "" : "s") diverged (\(diverged.map { "\($0.configuration.name) seed \($0.seed)" }.joined(separator: ", "))); each kept its best epoch before that.")
        }
        return Markdown(sentences.map(\.source).joined(separator: " "))
    }

    /// "mlp 98.31 ± 0.05 % test accuracy over 5 seeds (≥ 98.0 % on 5/5)".
    private static func headline(_ sweep: Sweep) -> String {
        let best = sweep.best
        let test = sweep.testAccuracy(of: best)
        let count = sweep.seeds.count
        var text = "\(best.name) \(percent(test.mean))" + (count > 1 ? " ± \(percent(test.standardDeviation))" : "") + " % test accuracy"
        text += count > 1 ? " over \(count) seeds" : ", seed \(sweep.seeds[0])"
        if !best.isSingleLayer && count > 1 { text += " (≥ \(formatFixed(100 * target, decimals: 1)) % on \(test.count(atLeast: target))/\(count))" }
        return text
    }

    private static func values(_ sweep: Sweep, _ configuration: Configuration, epochs: Int) -> JSONValue {
        let runs = sweep.runs(of: configuration)
        let test = sweep.testAccuracy(of: configuration)
        let representative = sweep.representative(of: configuration)
        func number(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
        return [
            "title": .string(configuration.title),
            "optimizer": .string(configuration.optimizerDescription),
            "learning_rate": .number(configuration.learningRate),
            "cosine_decay": .bool(configuration.cosineDecay),
            "batch_size": .integer(configuration.batchSize),
            "epochs": .integer(epochs),
            "loss": .string(configuration.lossDescription),
            "test_accuracy": ["mean": number(test.mean), "standard_deviation": number(test.standardDeviation),
                              "minimum": number(test.minimum), "maximum": number(test.maximum), "median": number(test.median),
                              "runs_at_least_target": .integer(test.count(atLeast: target)), "target": .number(target)],
            "representative_seed": .string(String(representative.seed)),
            "runs": .array(runs.map { run in
                var entry: [String: JSONValue] = [
                    "seed": .string(String(run.seed)),
                    "validation_accuracy": .array(run.validationAccuracy.map(JSONValue.number)),
                    "training_cost": .array(run.trainingCost.map(JSONValue.number)),
                    "best_epoch": .integer(run.bestEpoch + 1),
                    "best_validation_accuracy": .number(run.bestValidationAccuracy),
                    "test_accuracy": .number(run.testAccuracy),
                    "diverged": .bool(run.diverged),
                ]
                if case .diverged(let step, let loss) = run.status { entry["diverged_at"] = ["step": .integer(step), "loss": .number(loss)] }
                return .object(entry)
            }),
        ]
    }

    /// Everything that depends on the machine and its load, apart from the rest.
    private static func timing(_ sweep: Sweep, trainingWallSeconds: Double) -> JSONValue {
        var configurations: [String: JSONValue] = [:]
        for configuration in sweep.configurations {
            let runs = sweep.runs(of: configuration)
            configurations[configuration.name] = [
                "mean_training_seconds_per_epoch": .number(meanTrainingSeconds(runs)),
                "mean_validation_seconds_per_epoch": .number(mean(runs.flatMap(\.validationSeconds))),
                "training_seconds_per_epoch_by_run": .array(runs.map { .array($0.trainingSeconds.map(JSONValue.number)) }),
            ]
        }
        return ["configs": .object(configurations), "wall_seconds_all_runs": .number(trainingWallSeconds),
                "note": "training excludes validation; one BLAS thread per run, one run per core",
                "cores": .integer(ProcessInfo.processInfo.activeProcessorCount)]
    }

    // MARK: Helpers

    private static func lowestSeed(_ sweep: Sweep, _ configuration: Configuration) -> UInt64 {
        sweep.runs(of: configuration).min { $0.testAccuracy < $1.testAccuracy }!.seed
    }

    /// 1 → "1st", 99 → "99th", 100 → "100th".
    private static func ordinal(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][n % 10] ?? "th"
        return "\(n)\(suffix)"
    }

    static func meanTrainingSeconds(_ runs: [RunResult]) -> Double { mean(runs.flatMap(\.trainingSeconds)) }

    private static func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

    private static func percent(_ fraction: Double?) -> String { fraction.map { formatFixed(100 * $0, decimals: 2) } ?? "–" }

    private static func median(_ values: [Int]) -> String {
        Distribution(values.map(Double.init)).median.map { formatFixed($0, decimals: $0.rounded() == $0 ? 0 : 1) } ?? "–"
    }
}
