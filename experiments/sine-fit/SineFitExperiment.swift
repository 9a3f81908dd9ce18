// experiment-sine-fit: notebook 001. The 1-4-4-1 sigmoid network fits y = sin²(4πx) with plain
// gradient descent and with Adam, both from the same initial weights, from many seeds: how
// often does each reach ½·MSE ≤ 0.005, and where do the other runs stop?
import ArgumentParser
import Backprop
import ExperimentKit
import Foundation

@main
struct SineFitExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment-sine-fit",
        abstract: "Fit sin²(4πx) with notebook 001's 1-4-4-1 sigmoid network, gradient descent vs Adam, from many seeds.",
        discussion: """
        Notebook 001's network: Linear(1→4), Sigmoid, Linear(4→4), Sigmoid, Linear(4→1), Sigmoid, \
        weights Xavier-uniform with the sigmoid gain, biases uniform in [0, 1); loss ½·mean((ŷ − y)²) \
        over --points evenly spaced points of [0, 1]; full-batch steps.

        Each of --seeds seeds (--seed, --seed + 1, …) draws one set of initial weights, from which \
        gradient descent and Adam both train; the seeds run in parallel on all cores, one BLAS thread \
        each, so every number depends on the seeds only. A run succeeds when its final ½·MSE is at \
        most 0.005. The report gives each optimiser's success rate with a 95 % Wilson interval, the \
        distributions of final losses and of updates to 0.005, and how many of the four humps the \
        other runs fit. The fit, loss curves, film and network diagram show one representative seed: \
        the successful Adam run with the median final loss.

        Writes fit.png, loss.png, final-losses.png, steps-to-threshold.png, loss-curves.png, \
        fits.png, network.png, films/sine/ and metrics.json.
        """
    )

    enum Defaults {
        // The seed study (release build, 2026-12-03; SettingsTried.swift has its table): Adam
        // η 0.01 for 100 000 steps reached 0.005 from 165 of 290 seeds (57 %), the best of the
        // constant rates, schedules and β tried; gradient descent did best at η 10 (18 of 230)
        // and stayed on the plateau of predicting the mean at η ≤ 1.
        static let steps = 100_000, quickSteps = 8_000
        static let seeds = 20, quickSeeds = 3
        static let gradientDescentLearningRate = 10.0, adamLearningRate = 0.01
        static let frames = 16
    }

    enum Limits {
        static let seeds = 1_000, frames = 64
        /// Seeds × steps: about an hour of a release build on two cores.
        static let sweepSteps = 1_000_000_000
    }

    /// A final ½·MSE at or below this counts as a fit of the four humps.
    static let threshold = 0.005

    @OptionGroup var common: ExperimentOptions

    @Option(help: "Full-batch steps for each optimiser (default \(Defaults.steps), \(Defaults.quickSteps) with --quick).")
    var steps: Int?

    @Option(name: .customLong("lr-gd"), help: "Learning rate η of gradient descent (η ≤ 1 stays on the plateau of predicting the mean).")
    var gradientDescentLearningRate: Double = Defaults.gradientDescentLearningRate

    @Option(name: .customLong("lr-adam"), help: "Learning rate η of Adam.")
    var adamLearningRate: Double = Defaults.adamLearningRate

    @Option(help: "Training points, evenly spaced on [0, 1].")
    var points: Int = 100

    @Option(name: .customLong("seeds"), help: "Initialisations to train from, seeds --seed, --seed + 1, … (default \(Defaults.seeds), \(Defaults.quickSeeds) with --quick; at most \(Limits.seeds)).")
    var seedCount: Int?

    @Option(help: "Frames of the training film, at log-spaced steps (2 to \(Limits.frames)).")
    var frames: Int = Defaults.frames

    func validate() throws {
        try OptionCheck.value(gradientDescentLearningRate, of: "--lr-gd", in: OptionCheck.learningRates)
        try OptionCheck.value(adamLearningRate, of: "--lr-adam", in: OptionCheck.learningRates)
        try OptionCheck.value(steps, of: "--steps", in: 1...OptionCheck.maximumSteps)
        try OptionCheck.value(points, of: "--points", in: 2...OptionCheck.maximumPoints)
        try OptionCheck.value(seedCount, of: "--seeds", in: 1...Limits.seeds)
        try OptionCheck.value(frames, of: "--frames", in: 2...Limits.frames)
        let work = (seedCount ?? Defaults.seeds) * (steps ?? Defaults.steps)
        guard work <= Limits.sweepSteps else {
            throw ValidationError("--seeds × --steps must be at most \(OptionCheck.grouped(Limits.sweepSteps)) (about an hour on two cores), got \(OptionCheck.grouped(work))")
        }
    }

    /// Notebook 001's network with its initial weights drawn from `seed`: the same seed gives
    /// the same weights, so both optimisers start from one initialisation.
    static func makeNetwork(seed: UInt64) -> Sequential<Double> {
        var generator = SeededGenerator(seed: seed)
        // torch.nn.init.xavier_uniform_(W, gain=calculate_gain("sigmoid")) and np.random.rand for the biases.
        let weights = Initializer.xavierUniform(gain: Initializer.gain(for: .sigmoid)), biases = Initializer.uniform(lower: 0, upper: 1)
        let network = Sequential<Double>()
        network.append(Linear(1, 4, weightInitializer: weights, biasInitializer: biases, using: &generator), name: "Dense_1")
        network.append(Sigmoid(), name: "Sigmoid_1")
        network.append(Linear(4, 4, weightInitializer: weights, biasInitializer: biases, using: &generator), name: "Dense_2")
        network.append(Sigmoid(), name: "Sigmoid_2")
        network.append(Linear(4, 1, weightInitializer: weights, biasInitializer: biases, using: &generator), name: "Dense_3")
        network.append(Sigmoid(), name: "Sigmoid_3")
        return network
    }

    /// Trains a new network from `seed`'s initial weights with one optimiser. `Trainer.fit`
    /// runs the notebook's loop on the full batch: zero the gradients, forward, ½·MSE,
    /// backward, step.
    static func train(_ optimizer: OptimizerChoice, learningRate: Double, seed: UInt64, data: Dataset<Double>,
                      steps: Int, frames: Int, progress: ProgressBar, progressEvery: Int) -> TrainedRun {
        let network = makeNetwork(seed: seed)
        let parameters = network.parameters
        let trainer = Trainer(model: network, loss: MeanSquaredError(.half), optimizer: optimizer.make(parameters, learningRate: learningRate))
        let film = FilmRecorder<Double>(frames: frames, totalSteps: steps)
        film.recordStart(parameters)
        let start = Date()
        let history = trainer.fit(data, configuration: TrainingConfiguration(epochs: steps), progress: { now in
            film.record(after: now.step, parameters)
            if now.step % progressEvery == 0 { progress.advance() }
        })
        return TrainedRun(seed: seed, network: network, history: history, data: data, threshold: threshold,
                          frames: film.frames(losses: history), seconds: Date().timeIntervalSince(start))
    }

    func run() throws {
        let output = try common.outputDirectory(for: "sine-fit")
        let steps = self.steps ?? (common.quick ? Defaults.quickSteps : Defaults.steps)
        let seeds = SeedSweep.seeds(from: common.seed, count: seedCount ?? (common.quick ? Defaults.quickSeeds : Defaults.seeds))
        // The notebook's data: y = sin²(4πx), four humps of height 1 on [0, 1].
        let data = Dataset<Double>.sineSquared(count: points)
        print(Self.makeNetwork(seed: seeds[0]))

        let rates = (gd: gradientDescentLearningRate, adam: adamLearningRate), frames = self.frames
        let progressEvery = max(1, steps / 50)
        let progress = ProgressBar("\(seeds.count) seeds × 2 optimisers", total: seeds.count * 2 * (steps / progressEvery))
        let start = Date()
        let trained = SeedSweep.run(seeds: seeds) { seed in
            [Self.train(.gd, learningRate: rates.gd, seed: seed, data: data, steps: steps, frames: frames,
                        progress: progress, progressEvery: progressEvery),
             Self.train(.adam, learningRate: rates.adam, seed: seed, data: data, steps: steps, frames: frames,
                        progress: progress, progressEvery: progressEvery)]
        }
        progress.finish()
        let seconds = Date().timeIntervalSince(start)

        let sweep = SineFitSweep(seeds: seeds, steps: steps, data: data, threshold: Self.threshold, trained: trained,
                                 learningRates: [rates.gd, rates.adam])
        let figures = SineFitFigures(sweep: sweep, makeNetwork: Self.makeNetwork)
        var files = try figures.writeAll(to: output)
        let film = try figures.film(to: output)
        files.append("films/sine/")
        let (diagramFigure, diagram) = try figures.diagram()
        try diagramFigure.writePNG(to: output.file("network.png"))
        files.append("network.png")

        let report = SineFitReport(sweep: sweep, quick: common.quick, frames: frames, diagram: diagram)
        var document = report.document()
        document.addFilm(film)
        print("\n" + report.terminalTables().joined(separator: "\n\n"))
        // The conclusion is Markdown; the terminal gets it without the bold marks.
        print("\n" + document.conclusion!.source.replacingOccurrences(of: "**", with: ""))
        // Wall-clock times are printed, not recorded, so metrics.json is identical for a seed.
        print("\n\(seeds.count * 2) runs of \(NumberFormat.integer.format(Double(steps))) step\(steps == 1 ? "" : "s") in \(formatFixed(seconds, decimals: 1)) s")
        let written = try document.write(to: output)
        try output.commit()
        print("wrote \(written.path), \(files.joined(separator: ", "))")
    }
}
