import Backprop
import Datasets
import ExperimentKit

/// Every chosen configuration trained from every seed, and what the runs of each
/// configuration add up to.
struct Sweep {
    /// Images per part of the split: notebook 004's 50,000/10,000 (test: the whole test file),
    /// or a small subset for `--quick`.
    struct Sizes {
        var train: Int?
        var validation: Int
        var test: Int?

        static let notebook = Sizes(train: nil, validation: 10_000, test: nil)
        static let quick = Sizes(train: 500, validation: 200, test: 300)

        /// Training images the split needs at least.
        var trainingImagesNeeded: Int { (train ?? 1) + validation }
    }

    /// Runs in seed order, each seed's configurations in the order chosen.
    let runs: [RunResult]
    let seeds: [UInt64]
    let configurations: [Configuration]

    /// Trains every configuration from every seed, one run per core at a time.
    ///
    /// Run `seed` draws everything from `SeededGenerator(seed:)`: first the split's permutation,
    /// then one generator per configuration of `Configuration.all` in that fixed order, so a
    /// configuration's numbers do not depend on which others run, nor on how many seeds do.
    /// Every run uses one BLAS thread, whether runs share the cores or not: two threads split
    /// some products into partial sums added in another order (`Engine/Product.swift`), which
    /// changes the last bits and, over an MLP's 7,800 steps, the accuracy in its second decimal.
    static func run(_ configurations: [Configuration], seeds: [UInt64], data: MNISTData, sizes: Sizes,
                    epochs: @escaping @Sendable (Configuration) -> Int, printsEpochs: Bool) -> Sweep {
        let tasks = seeds.flatMap { seed in configurations.map { (seed: seed, configuration: $0) } }
        // The MLP's runs first (each takes several single-layer runs' time), so the last runs to
        // finish are short ones and both cores stay busy until the end.
        let order = tasks.indices.filter { !tasks[$0].configuration.isSingleLayer } + tasks.indices.filter { tasks[$0].configuration.isSingleLayer }
        let progress = ProgressBar("training", total: tasks.map { epochs($0.configuration) }.reduce(0, +))
        BLAS.threads = 1
        let finished = parallelMap(count: tasks.count) { position in
            let task = tasks[order[position]]
            var generator = SeededGenerator(seed: task.seed)
            let split = MNISTSplit<Float>(data, trainCount: sizes.train, validationCount: sizes.validation,
                                          testCount: sizes.test, using: &generator)
            var generators = Configuration.all.map { _ in generator.split() }
            let index = Configuration.all.firstIndex { $0.name == task.configuration.name }!
            let result = train(task.configuration, seed: task.seed, on: split, epochs: epochs(task.configuration),
                               using: &generators[index], printsEpochs: printsEpochs, progress: progress)
            if !printsEpochs {
                print("\(task.configuration.name) seed \(task.seed): test accuracy \(formatFixed(100 * result.testAccuracy, decimals: 2)) % "
                      + "(best validation \(formatFixed(100 * result.bestValidationAccuracy, decimals: 2)) % at epoch \(result.bestEpoch + 1)), "
                      + "\(formatFixed(result.meanTrainingSeconds, decimals: 3)) s per training epoch")
            }
            return result
        }
        progress.finish()
        var runs = [RunResult?](repeating: nil, count: tasks.count)
        for (position, result) in finished.enumerated() { runs[order[position]] = result }
        return Sweep(runs: runs.map { $0! }, seeds: seeds, configurations: configurations)
    }

    /// The runs of one configuration, in seed order.
    func runs(of configuration: Configuration) -> [RunResult] {
        runs.filter { $0.configuration.name == configuration.name }
    }

    /// The distribution of the test accuracies of `configuration`'s runs.
    func testAccuracy(of configuration: Configuration) -> Distribution {
        Distribution(runs(of: configuration).map(\.testAccuracy))
    }

    /// The distribution of the best validation accuracies of `configuration`'s runs.
    func validationAccuracy(of configuration: Configuration) -> Distribution {
        Distribution(runs(of: configuration).map(\.bestValidationAccuracy))
    }

    /// The run whose figures stand for the configuration: the one with the median test accuracy
    /// (for an even count the lower of the middle two; ties go to the earlier seed).
    func representative(of configuration: Configuration) -> RunResult {
        let sorted = runs(of: configuration).enumerated().sorted {
            ($0.element.testAccuracy, $0.offset) < ($1.element.testAccuracy, $1.offset)
        }
        return sorted[(sorted.count - 1) / 2].element
    }

    /// The configuration with the highest mean validation accuracy: chosen on validation images.
    var best: Configuration {
        configurations.max { (validationAccuracy(of: $0).mean ?? 0) < (validationAccuracy(of: $1).mean ?? 0) }!
    }
}
