// experiment-sine-fit: notebook 001. The 1-4-4-1 sigmoid network fits y = sin²(4πx) with
// plain gradient descent and with Adam, both from the same initial weights.
import ArgumentParser
import Backprop
import ExperimentKit
import Foundation
import Plot

struct SineFitExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment-sine-fit",
        abstract: "Fit sin²(4πx) with a 1-4-4-1 sigmoid network: gradient descent vs Adam.",
        discussion: """
        Reproduces notebook 001: Xavier-uniform weights (sigmoid gain), biases uniform in \
        [0, 1), loss ½·mean((ŷ − y)²) over 100 points of [0, 1]. Both optimisers start from \
        the same weights. Plain gradient descent stalls near the loss of predicting the mean \
        (1/16 = 0.0625); Adam follows the oscillations.
        Writes fit.png, loss.png and metrics.json.
        """
    )

    @OptionGroup var common: ExperimentOptions

    @Option(help: "Full-batch steps for each optimiser. Default 20,000, or 6,000 with --quick.")
    var steps: Int?

    @Option(name: .customLong("gd-lr"), help: "Learning rate of gradient descent.")
    var gdLearningRate: Double = 0.5

    @Option(name: .customLong("adam-lr"), help: "Learning rate of Adam (0.05 fits within a few thousand steps here; PyTorch's default 0.001 needs far more).")
    var adamLearningRate: Double = 0.05

    @Option(help: "Training points on [0, 1].")
    var points: Int = 100

    func validate() throws {
        try OptionCheck.value(gdLearningRate, of: "--gd-lr", in: OptionCheck.learningRates)
        try OptionCheck.value(adamLearningRate, of: "--adam-lr", in: OptionCheck.learningRates)
        try OptionCheck.value(steps, of: "--steps", in: 1...OptionCheck.maximumSteps)
        try OptionCheck.value(points, of: "--points", in: 2...OptionCheck.maximumPoints)
    }

    func run() throws {
        let output = try common.outputDirectory(for: "sine-fit")
        let totalSteps = steps ?? (common.quick ? 6_000 : 20_000)
        let data = Dataset<Double>.sineSquared(count: points)
        let meanLoss = MeanSquaredError(.half).loss(of: Matrix(rows: points, columns: 1, repeating: data.targets.sum() / Double(points)), target: data.targets)

        // One initialisation, copied into both networks, so the comparison is of optimisers only.
        var generator = SeededGenerator(seed: common.seed)
        let gdNetwork = Problem.sine.makeNetwork(using: &generator)
        let adamNetwork = Problem.sine.makeNetwork(using: &generator)
        for (target, source) in zip(adamNetwork.parameters, gdNetwork.parameters) { target.value = source.value }
        print(gdNetwork)

        var runs: [(name: String, network: Sequential<Double>, history: TrainingHistory, seconds: Double)] = []
        for (name, network, optimizer) in [("gradient descent", gdNetwork, SGD(parameters: gdNetwork.parameters, learningRate: gdLearningRate) as any Optimizer<Double>),
                                           ("Adam", adamNetwork, Adam(parameters: adamNetwork.parameters, learningRate: adamLearningRate))] {
            let trainer = Trainer(model: network, loss: MeanSquaredError(.half), optimizer: optimizer)
            let progress = ProgressBar(name, total: totalSteps)
            let start = Date()
            let history = trainer.fit(data, configuration: TrainingConfiguration(epochs: totalSteps), using: &generator,
                                      progress: { if $0.step % 200 == 0 { progress.update($0.step, info: "loss \(scientific($0.loss))") } })
            progress.finish(info: "loss \(scientific(history.finalLoss ?? .nan))")
            runs.append((name, network, history, Date().timeIntervalSince(start)))
        }

        let threshold = 0.005
        var table = TextTable("optimiser", "η", "final ½·MSE", "steps to 0.005", "µs/step")
        for (run, rate) in zip(runs, [gdLearningRate, adamLearningRate]) {
            let reached = run.history.stepLosses.firstIndex { $0 < threshold }.map { String($0 + 1) } ?? "never"
            table.append(run.name, String(rate), scientific(run.history.finalLoss ?? .nan), reached,
                         formatFixed(run.seconds / Double(max(run.history.stepLosses.count, 1)) * 1e6, decimals: 1))
        }
        print("\n" + table.rendered)
        print("Predicting the mean everywhere gives ½·MSE = \(formatFixed(meanLoss, decimals: 4)).")
        let gdFinal = runs[0].history.finalLoss ?? .nan, adamFinal = runs[1].history.finalLoss ?? .nan
        print("Adam's final loss is \(formatFixed(gdFinal / adamFinal, decimals: 1))× lower than gradient descent's.")
        if adamFinal > threshold {
            // Four sigmoid units per layer are barely enough for two humps: from some
            // initial weights Adam settles on a fit of one hump (½·MSE ≈ 0.02).
            print("Adam stalled above \(threshold): from this seed's initial weights the network settles in a local minimum. Try another --seed or more --steps.")
        }

        // Figures: the fits over a fine grid, and the loss curves.
        let grid = (0...400).map { Double($0) / 400 }
        let gridInput = Matrix<Double>(rows: grid.count, columns: 1, elements: grid)
        let fitFigure = Figure(width: 1200, height: 800, title: "1-4-4-1 sigmoid network fitting sin²(4πx) after \(totalSteps) steps")
        let fit = fitFigure[0, 0]
        fit.xLabel = "x"
        fit.yLabel = "y"
        fit.line(x: grid, y: grid.map { pow(sin(4 * Double.pi * $0), 2) }, label: "target sin²(4πx)", color: Color(hex: 0x666666), style: .dotted, width: 2)
        fit.scatter(x: data.inputs.elements, y: data.targets.elements, label: "\(points) training points", color: Color(hex: 0x555555), size: 0.6)
        for (index, run) in runs.enumerated() {
            fit.line(x: grid, y: run.network.forward(gridInput).elements, label: "\(run.name) (½·MSE \(scientific(run.history.finalLoss ?? .nan, digits: 2)))",
                     color: Palette.color(index), width: 2.5)
        }
        fit.yLimits = -0.15...1.3
        try fitFigure.writePNG(to: output.file("fit.png"))

        let lossFigure = Figure(width: 1200, height: 800, title: "Training loss, same initial weights")
        let losses = lossFigure[0, 0]
        losses.xLabel = "step"
        losses.yLabel = "½·MSE"
        losses.yScale = .log
        for (index, run) in runs.enumerated() {
            let (xs, ys) = thinned(run.history.stepLosses)
            losses.line(x: xs, y: ys, label: run.name, color: Palette.color(index))
        }
        losses.hline(y: meanLoss, label: "predict the mean (\(formatFixed(meanLoss, decimals: 4)))", style: .dashed)
        losses.hline(y: threshold, label: "0.005", color: Color(hex: 0x999999), style: .dotted)
        try lossFigure.writePNG(to: output.file("loss.png"))

        var metrics = Metrics(experiment: "sine-fit", title: "Sine fit: gradient descent vs Adam",
                              description: "The 1-4-4-1 sigmoid network of notebook 001 fits y = sin²(4πx) on \(points) points with ½·MSE, from the same Xavier-initialised weights, with gradient descent (η = \(gdLearningRate)) and Adam (η = \(adamLearningRate)), \(totalSteps) full-batch steps each.")
        metrics.figures = [("fit.png", "The target, the training points and both fitted functions."),
                           ("loss.png", "½·MSE per step on a log axis; the dashed line is the loss of predicting the mean.")]
        metrics["steps"] = .integer(totalSteps)
        metrics["seed"] = .of(common.seed)
        metrics["mean_prediction_loss"] = .number(meanLoss)
        metrics["gd_learning_rate"] = .number(gdLearningRate)
        metrics["adam_learning_rate"] = .number(adamLearningRate)
        metrics["gd_final_loss"] = .number(gdFinal)
        metrics["adam_final_loss"] = .number(adamFinal)
        metrics["adam_improvement_factor"] = .number(gdFinal / adamFinal)
        metrics["gd_loss_curve_every_100"] = .of(stride(from: 0, to: runs[0].history.stepLosses.count, by: 100).map { runs[0].history.stepLosses[$0] })
        metrics["adam_loss_curve_every_100"] = .of(stride(from: 0, to: runs[1].history.stepLosses.count, by: 100).map { runs[1].history.stepLosses[$0] })
        let written = try metrics.write(to: output)
        try output.commit()
        print("\nwrote \(written.path), fit.png, loss.png")
    }
}

SineFitExperiment.main()
