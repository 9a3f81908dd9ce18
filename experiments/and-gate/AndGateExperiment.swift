// experiment-and-gate: notebook 003. A single Dense(2→1) + Sigmoid learns AND with log loss
// and gradient descent; its decision border is a straight line, so it cannot learn XOR, which
// a 2-2-1 network learns from most (not all) random starts. The cells below follow the
// notebook's; the exercises after it come last.
import ArgumentParser
import Backprop
import ExperimentKit
import Foundation
import Plot

@main
struct AndGateExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment-and-gate",
        abstract: "Notebook 003: one neuron learns AND (a straight border) but not XOR; a 2-2-1 network learns XOR from most seeds.",
        discussion: """
        The notebook's cells: Dense(2→1) + Sigmoid with 0.01·randn weights, log loss, gradient \
        descent with η 0.1 for 10 × 10,000 steps, the loss printed every 10,000 steps, the \
        predictions before and after, and the border w₁x₁ + w₂x₂ + b = 0. (The notebook's Dense \
        layer divides the already averaged gradient by the batch size once more, so its η 0.1 \
        moves the weights as η 0.025 does here: --lr 0.025 takes the notebook's steps.)

        Its exercises: AND on float-valued inputs (25 noisy points around each corner); XOR, \
        which no line separates, trained from --seeds starts (--seed, --seed+1, …) on the single \
        neuron and on a 2-2-1 sigmoid network (weights U(−0.5, 0.5), biases N(0, 0.1²), η 1), \
        counting how often the 2-2-1 network solves it (log loss ≤ 0.05, four corners right) \
        and where the others got stuck.

        Writes borders.png, loss.png, xor-seeds.png, xor-final-losses.png, and-neuron.png, \
        xor-network.png, the films films/and/ and films/xor/ and metrics.json.
        """
    )

    @OptionGroup var common: ExperimentOptions

    @Option(help: "Learning rate η of gradient descent for the single neuron (AND, float AND, XOR).")
    var lr: Double = 0.1

    @Option(name: .customLong("lr-xor"), help: "Learning rate η of gradient descent for the 2-2-1 network on XOR.")
    var lrXor: Double = 1

    @Option(help: "Gradient-descent steps of every run (default: 100,000 for the single neuron, the notebook's 10 × 10,000, and 10,000 for the 2-2-1 network; with --quick 10,000 for both).")
    var steps: Int?

    @Option(help: "Starts (seeds --seed, --seed+1, …) of each network on XOR (default 20, or 8 with --quick; at most \(Limits.seeds)).")
    var seeds: Int?

    enum Limits {
        static let seeds = 10_000
        /// About a minute and a half on two cores in a release build: seeds × steps, per network.
        static let seedSteps = 100_000_000
    }

    func validate() throws {
        try OptionCheck.value(lr, of: "--lr", in: OptionCheck.learningRates)
        try OptionCheck.value(lrXor, of: "--lr-xor", in: OptionCheck.learningRates)
        try OptionCheck.value(steps, of: "--steps", in: 10...OptionCheck.maximumSteps)
        try OptionCheck.value(seeds, of: "--seeds", in: 1...Limits.seeds)
        let work = (seeds ?? 20) * (steps ?? 100_000)
        guard work <= Limits.seedSteps else {
            throw ValidationError("--seeds × --steps must be at most \(Limits.seedSteps), got \(work): each seed trains two networks")
        }
    }

    func run() throws {
        let output = try common.outputDirectory(for: "and-gate")
        let neuronSteps = steps ?? (common.quick ? 10_000 : 100_000)
        let xorSteps = steps ?? 10_000
        let seedList = SeedSweep.seeds(from: common.seed, count: seeds ?? (common.quick ? 8 : 20))
        var generator = SeededGenerator(seed: common.seed)

        // In [ ]: net = Network(0.1) — a Dense layer and a sigmoid.
        let (network, dense) = Self.neuron(using: &generator)
        print(network)

        // In [ ]: pred = net.predict(input) — before training.
        let and = Dataset<Double>.and()
        let before = network.forward(and.inputs)
        let lossBefore = Double(BinaryCrossEntropy().loss(of: before, target: and.targets))
        print("\nprediction before training: \(Self.format(before))")
        print("loss before training:       \(formatFixed(lossBefore, decimals: 6))")

        // In [ ]: for i in range(10): 10,000 gradient-descent steps, then print the loss.
        let printEvery = max(neuronSteps / 10, 1)
        print("\ngradient descent, η = \(compactNumber(lr)), \(NumberFormat.integer.format(Double(neuronSteps))) steps, the log loss every \(NumberFormat.integer.format(Double(printEvery))):")
        let andFilm = FilmRecorder<Double>(frames: 16, totalSteps: neuronSteps)
        let andHistory = Self.fit(network, on: and, learningRate: lr, steps: neuronSteps, film: andFilm,
                                  printEvery: printEvery, progress: ProgressBar("AND", total: neuronSteps))

        // In [ ]: pred = net.predict(input) — after training; the border is where w·x + b = 0.
        let after = network.forward(and.inputs)
        let border = LinearBorder(dense)
        print("\nprediction after training:  \(Self.format(after))   (targets \(Self.format(and.targets)))")
        print("decision border (p = ½):    \(border.equation)")

        // Exercise: AND on float-valued inputs.
        let floatAnd = Dataset<Double>.noisyAnd(perCorner: 25, noise: 0.15, using: &generator)
        let (floatNetwork, floatDense) = Self.neuron(using: &generator)
        let floatHistory = Self.fit(floatNetwork, on: floatAnd, learningRate: lr, steps: neuronSteps,
                                    progress: ProgressBar("float AND", total: neuronSteps))

        // Exercise: the model is linear, so XOR defeats it; a hidden layer of two does not.
        // Every seed trains both networks from its own draws, on all cores.
        let learningRate = lr, xorLearningRate = lrXor
        let sweepProgress = ProgressBar("XOR, \(seedList.count) seeds × 2 networks", total: 2 * seedList.count)
        let neuronRuns = SeedSweep.run(seeds: seedList, progress: sweepProgress) { seed in
            var generator = SeededGenerator(seed: seed)
            return XorRun.train(Self.neuron(using: &generator).network, seed: seed, learningRate: learningRate, steps: neuronSteps).run
        }
        let hiddenRuns = SeedSweep.run(seeds: seedList, progress: sweepProgress) { seed in
            var generator = SeededGenerator(seed: seed)
            return XorRun.train(Self.twoTwoOne(using: &generator), seed: seed, learningRate: xorLearningRate, steps: xorSteps).run
        }
        sweepProgress.finish()

        // The 2-2-1 run drawn and filmed: the first seed that solved XOR, else the first seed.
        // Training it again gives the same numbers (a seed fixes the run), now with snapshots.
        let shown = hiddenRuns.first(where: \.solved) ?? hiddenRuns[0]
        var shownGenerator = SeededGenerator(seed: shown.seed)
        let shownNetwork = Self.twoTwoOne(using: &shownGenerator)
        let xorFilm = FilmRecorder<Double>(frames: 16, totalSteps: xorSteps)
        let (shownRerun, shownHistory) = XorRun.train(shownNetwork, seed: shown.seed, learningRate: lrXor, steps: xorSteps, film: xorFilm)

        let results = AndGateResults(
            seed: common.seed, quick: common.quick, learningRate: lr, xorLearningRate: lrXor,
            neuronSteps: neuronSteps, xorSteps: xorSteps, printEvery: printEvery,
            network: network, dense: dense, before: before, lossBefore: lossBefore, after: after, border: border,
            andHistory: andHistory, floatAnd: floatAnd, floatNetwork: floatNetwork, floatBorder: LinearBorder(floatDense),
            floatHistory: floatHistory, neuronRuns: neuronRuns, hiddenRuns: hiddenRuns, shown: shownRerun, shownNetwork: shownNetwork)
        let report = AndGateReport(results)
        print("\n" + report.terminalText)

        let figures = AndGateFigures(results)
        var document = report.document()
        for figure in try figures.write(to: output) { document.figures.append(figure) }
        document.addFilm(try figures.andFilm(andFilm, history: andHistory, to: output))
        document.addFilm(try figures.xorFilm(xorFilm, history: shownHistory, to: output))
        let written = try document.write(to: output)
        try output.commit()
        print("\nwrote \(written.path) and \(document.figures.map(\.file).joined(separator: ", ")), films/and, films/xor")
    }

    // MARK: The networks, built as the notebook builds them

    /// The notebook's `Network`: Dense(2, 1) with 0.01·randn weights and a zero bias, then a
    /// sigmoid; returned with its Dense layer, whose weights are the border.
    static func neuron(using generator: inout SeededGenerator) -> (network: Sequential<Double>, dense: Linear<Double>) {
        let dense = Linear<Double>(2, 1, weightInitializer: .normal(standardDeviation: 0.01), using: &generator)
        let network = Sequential<Double>()
        network.append(dense, name: "Dense")
        network.append(Sigmoid(), name: "Sigmoid")
        return (network, dense)
    }

    /// Two sigmoid hidden units and a sigmoid output. Weights U(−0.5, 0.5) and biases
    /// N(0, 0.1²): the seed study's best start for XOR (276 of 300 seeds solved at η 1 in
    /// 10,000 steps, against 225 of 300 for Xavier-uniform weights at η 0.1 in 100,000).
    static func twoTwoOne(using generator: inout SeededGenerator) -> Sequential<Double> {
        let network = Sequential<Double>()
        network.append(Linear(2, 2, weightInitializer: .uniform(lower: -0.5, upper: 0.5),
                              biasInitializer: .normal(standardDeviation: 0.1), using: &generator), name: "Dense_1")
        network.append(Sigmoid(), name: "Sigmoid_1")
        network.append(Linear(2, 1, weightInitializer: .uniform(lower: -0.5, upper: 0.5),
                              biasInitializer: .normal(standardDeviation: 0.1), using: &generator), name: "Dense_2")
        network.append(Sigmoid(), name: "Sigmoid_2")
        return network
    }

    // MARK: The notebook's exercise: a fit method

    /// `steps` full-batch gradient-descent steps with log loss, as the notebook's `trainBatch`
    /// repeated: each step zeroes the gradients, runs forward, takes the loss, runs backward
    /// and updates the weights (`Trainer.fit`). A loss that turns NaN or exceeds 4× the first
    /// stops the run as diverged, before that step's update.
    ///
    /// - Parameters:
    ///   - film: snapshots the parameters at its steps.
    ///   - printEvery: prints the loss after every this many steps, as the notebook's cell does.
    static func fit(_ network: Sequential<Double>, on data: Dataset<Double>, learningRate: Double, steps: Int,
                    film: FilmRecorder<Double>? = nil, printEvery: Int? = nil, progress: ProgressBar? = nil) -> TrainingHistory {
        let parameters = network.parameters
        let trainer = Trainer(model: network, loss: BinaryCrossEntropy(), optimizer: SGD(parameters: parameters, learningRate: learningRate))
        film?.recordStart(parameters)
        let history = trainer.fit(data, configuration: TrainingConfiguration(epochs: steps), progress: { state in
            film?.record(after: state.step, parameters)
            if state.step % 1_000 == 0 { progress?.update(state.step, info: "loss \(scientific(state.loss))") }
        }, onEpoch: { epoch, history in
            if let printEvery, (epoch + 1) % printEvery == 0 {
                print("  step \(NumberFormat.integer.format(Double(epoch + 1))): log loss \(formatFixed(history.stepLosses[epoch], decimals: 6))")
            }
            return [:]
        })
        if printEvery != nil, case .diverged(let step, let loss) = history.status {
            print("  diverged at step \(NumberFormat.integer.format(Double(step + 1))): log loss \(compactNumber(loss)), above 4× the first; training stopped")
        }
        progress?.finish(info: history.diverged ? "diverged" : "loss \(scientific(history.finalLoss ?? .nan))")
        return history
    }

    static func format(_ m: Matrix<Double>) -> String {
        "[" + m.elements.map { formatFixed($0, decimals: 4) }.joined(separator: ", ") + "]"
    }
}
