// experiment-and-gate: notebook 003. A single Dense(2→1) + Sigmoid learns AND with log
// loss and gradient descent; its decision border is a straight line, so XOR defeats it
// while a 2-2-1 network does not.
import ArgumentParser
import Backprop
import ExperimentKit
import Foundation
import Plot

struct AndGateExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment-and-gate",
        abstract: "Train Dense(2→1) + Sigmoid on AND with gradient descent and draw its decision border.",
        discussion: """
        Reproduces notebook 003: log loss, gradient descent with learning rate 0.1, 10 × 10,000 \
        steps, the loss printed every 10,000 steps and the predictions before and after. Then \
        shows that the model is linear (its border is the line w₁x₁ + w₂x₂ + b = 0): trained \
        the same way on XOR it fails, while a 2-2-1 network learns XOR. Finally it trains on \
        float-valued AND inputs (noisy points around the four corners).
        Writes borders.png, loss.png and metrics.json.
        """
    )

    @OptionGroup var common: ExperimentOptions

    @Option(help: "Learning rate η of gradient descent.")
    var lr: Double = 0.1

    @Option(help: "Gradient-descent steps (full batch). Default 100,000, or 10,000 with --quick.")
    var steps: Int?

    func validate() throws {
        try OptionCheck.value(lr, of: "--lr", in: OptionCheck.learningRates)
        try OptionCheck.value(steps, of: "--steps", in: 10...OptionCheck.maximumSteps)
    }

    func run() throws {
        let output = try common.outputDirectory(for: "and-gate")
        let totalSteps = steps ?? (common.quick ? 10_000 : 100_000)
        let reportEvery = max(totalSteps / 10, 1)
        var generator = SeededGenerator(seed: common.seed)
        var metrics = Metrics(experiment: "and-gate", title: "AND gate: a single neuron learns a linear border",
                              description: "Dense(2→1) + Sigmoid trained with log loss and gradient descent (η = \(lr), \(totalSteps) full-batch steps), as in notebook 003. A single neuron draws a straight border, so it learns AND but not XOR; a 2-2-1 network learns XOR.")

        // 1. AND, as in the notebook.
        let and = Dataset<Double>.and()
        let model = Problem.andGate.makeNetwork(using: &generator)
        let dense = model["Dense"] as! Linear<Double>
        let before = model.forward(and.inputs)
        print(model)
        print("\nPredictions before training: \(format(before))")
        print("Loss before training: \(formatFixed(BinaryCrossEntropy().loss(of: before, target: and.targets), decimals: 6))\n")
        print("Gradient descent, η = \(lr), \(totalSteps) steps (the loss every \(reportEvery)):")
        let andHistory = train(model, on: and, steps: totalSteps, reportEvery: reportEvery, label: "AND", using: &generator)
        let after = model.forward(and.inputs)
        let (w1, w2, b) = (dense.weight.value[0, 0], dense.weight.value[0, 1], dense.bias.value[0, 0])
        print("\nPredictions after training:  \(format(after))   (targets \(format(and.targets)))")
        print("Decision border (p = 0.5):   \(formatFixed(w1, decimals: 4))·x₁ + \(formatFixed(w2, decimals: 4))·x₂ + (\(formatFixed(b, decimals: 4))) = 0")
        print("Note: the notebook's Dense layer divided the already averaged gradient by the batch size (4) once more, so its η = 0.1 corresponds to η = 0.025 here; run with --lr 0.025 to follow its loss trajectory.")

        // 2. XOR: the same single neuron, then a 2-2-1 network.
        let xor = Dataset<Double>.xor()
        let linearXor = Problem.andGate.makeNetwork(using: &generator)
        let linearXorHistory = train(linearXor, on: xor, steps: totalSteps, reportEvery: nil, label: "XOR, 1 neuron", using: &generator)
        // A 2-2-1 network can end in a local minimum on XOR (one hidden unit doing nothing);
        // restart from new seeded weights until it solves XOR, and say how many starts failed.
        var hiddenXor = makeTwoTwoOne(using: &generator)
        var hiddenXorHistory = TrainingHistory()
        var failedStarts = 0
        for start in 1...10 {
            hiddenXorHistory = train(hiddenXor, on: xor, steps: totalSteps, reportEvery: nil, label: "XOR, 2-2-1 (start \(start))", using: &generator)
            if accuracy(hiddenXor, xor) == 1 || start == 10 { break }
            failedStarts += 1
            hiddenXor = makeTwoTwoOne(using: &generator)
        }
        print("2-2-1 on XOR: \(failedStarts) start(s) ended in a local minimum before one solved it.")
        let linearXorAccuracy = accuracy(linearXor, xor), hiddenXorAccuracy = accuracy(hiddenXor, xor)

        // 3. AND on float-valued inputs.
        let noisy = Dataset<Double>.noisyAnd(perCorner: 25, noise: 0.15, using: &generator)
        let noisyModel = Problem.andGate.makeNetwork(using: &generator)
        let noisyHistory = train(noisyModel, on: noisy, steps: totalSteps, reportEvery: nil, label: "float AND", using: &generator)
        let noisyAccuracy = accuracy(noisyModel, noisy)

        var table = TextTable("problem", "model", "final loss", "accuracy")
        table.append("AND", "Dense(2→1)", scientific(andHistory.finalLoss ?? .nan), percent(accuracy(model, and)))
        table.append("XOR", "Dense(2→1)", scientific(linearXorHistory.finalLoss ?? .nan), percent(linearXorAccuracy))
        table.append("XOR", "2-2-1 sigmoid", scientific(hiddenXorHistory.finalLoss ?? .nan), percent(hiddenXorAccuracy))
        table.append("float AND (100 pts)", "Dense(2→1)", scientific(noisyHistory.finalLoss ?? .nan), percent(noisyAccuracy))
        print("\n" + table.rendered)

        // Figures.
        let borders = Figure(width: 1400, height: 1200, rows: 2, columns: 2, title: "Decision borders of p(y = 1): ● y = 0, ▲ y = 1, black line p = 0.5")
        drawBorder(borders[0, 0], model: model, data: and, title: "AND, Dense(2→1) + Sigmoid")
        drawBorder(borders[0, 1], model: noisyModel, data: noisy, title: "float-valued AND (noisy corners)")
        drawBorder(borders[1, 0], model: linearXor, data: xor, title: "XOR, Dense(2→1): no line separates it")
        drawBorder(borders[1, 1], model: hiddenXor, data: xor, title: "XOR, 2-2-1 sigmoid network")
        try borders.writePNG(to: output.file("borders.png"))

        let lossFigure = Figure(width: 1200, height: 800, title: "Log loss during gradient descent (η = \(formatFixed(lr, decimals: 3)))")
        let axes = lossFigure[0, 0]
        axes.xLabel = "step"
        axes.yLabel = "log loss"
        axes.yScale = .log
        for (index, (history, label)) in [(andHistory, "AND, 1 neuron"), (noisyHistory, "float AND, 1 neuron"),
                                          (linearXorHistory, "XOR, 1 neuron"), (hiddenXorHistory, "XOR, 2-2-1")].enumerated() {
            let (xs, ys) = thinned(history.stepLosses)
            axes.line(x: xs, y: ys, label: label, color: Palette.color(index), style: index == 2 ? .dashed : .solid)
        }
        axes.hline(y: log(2.0), label: "chance (log 2)", style: .dotted)
        try lossFigure.writePNG(to: output.file("loss.png"))

        metrics.figures = [("borders.png", "Probability p(y = 1 | x) of each model with its border p = 0.5. One neuron draws a straight line: it separates AND, even on noisy float inputs, but not XOR; two sigmoid hidden units bend the border."),
                           ("loss.png", "Log loss per gradient-descent step. The single neuron on XOR stalls at log 2, the loss of answering 0.5 everywhere.")]
        metrics["learning_rate"] = .number(lr)
        metrics["steps"] = .integer(totalSteps)
        metrics["seed"] = .of(common.seed)
        metrics["and_loss_every_\(reportEvery)_steps"] = .of(stride(from: reportEvery - 1, to: andHistory.stepLosses.count, by: reportEvery).map { andHistory.stepLosses[$0] })
        metrics["and_final_loss"] = .of(andHistory.finalLoss ?? .nan)
        metrics["and_predictions_before"] = .of(before.elements)
        metrics["and_predictions_after"] = .of(after.elements)
        metrics["and_border"] = ["w1": .number(w1), "w2": .number(w2), "b": .number(b)]
        metrics["xor_linear_accuracy"] = .number(linearXorAccuracy)
        metrics["xor_linear_final_loss"] = .of(linearXorHistory.finalLoss ?? .nan)
        metrics["xor_2_2_1_accuracy"] = .number(hiddenXorAccuracy)
        metrics["xor_2_2_1_failed_starts"] = .integer(failedStarts)
        metrics["xor_2_2_1_final_loss"] = .of(hiddenXorHistory.finalLoss ?? .nan)
        metrics["float_and_accuracy"] = .number(noisyAccuracy)
        metrics["float_and_final_loss"] = .of(noisyHistory.finalLoss ?? .nan)
        let written = try metrics.write(to: output)
        try output.commit()
        print("\nwrote \(written.path), borders.png, loss.png")
    }

    /// Full-batch gradient descent with the run's learning rate, printing the loss every `reportEvery` steps.
    private func train(_ model: Sequential<Double>, on data: Dataset<Double>, steps: Int, reportEvery: Int?,
                       label: String, using generator: inout SeededGenerator) -> TrainingHistory {
        let trainer = Trainer(model: model, loss: BinaryCrossEntropy(), optimizer: SGD(parameters: model.parameters, learningRate: lr))
        let progress = ProgressBar(label, total: steps)
        let history = trainer.fit(data, configuration: TrainingConfiguration(epochs: steps), using: &generator,
                                  progress: { if $0.step % 500 == 0 { progress.update($0.step, info: "loss \(scientific($0.loss))") } },
                                  onEpoch: { epoch, history in
                                      if let reportEvery, (epoch + 1) % reportEvery == 0 {
                                          print("  step \(epoch + 1): loss \(formatFixed(history.stepLosses[epoch], decimals: 6))")
                                      }
                                      return [:]
                                  })
        progress.finish(info: history.diverged ? "diverged" : "loss \(scientific(history.finalLoss ?? .nan))")
        return history
    }

    /// 2-2-1 with sigmoid hidden units, Xavier-uniform weights and small random biases.
    private func makeTwoTwoOne(using generator: inout SeededGenerator) -> Sequential<Double> {
        let network = Sequential<Double>()
        network.append(Linear(2, 2, biasInitializer: .normal(standardDeviation: 0.1), using: &generator), name: "Dense_1")
        network.append(Sigmoid(), name: "Sigmoid_1")
        network.append(Linear(2, 1, biasInitializer: .normal(standardDeviation: 0.1), using: &generator), name: "Dense_2")
        network.append(Sigmoid(), name: "Sigmoid_2")
        return network
    }

    private func accuracy(_ model: Sequential<Double>, _ data: Dataset<Double>) -> Double {
        let predictions = model.forward(data.inputs)
        let correct = zip(predictions.elements, data.targets.elements).filter { ($0 >= 0.5) == ($1 >= 0.5) }.count
        return Double(correct) / Double(data.count)
    }

    private func drawBorder(_ axes: Axes, model: Sequential<Double>, data: Dataset<Double>, title: String) {
        let field = DecisionField(model: model, x: -0.5...1.5, y: -0.5...1.5, resolution: 160)
        axes.title = title
        axes.xLabel = "x₁"
        axes.yLabel = "x₂"
        // Panels are small and the points sit near every corner, so the figure title explains
        // the markers instead of a legend that would cover some of them.
        axes.legendPosition = .hidden
        axes.heatmap(x: field.x, y: field.y, values: field.values, colorMap: .viridis, range: 0...1, colorBarLabel: "p(y = 1)")
        axes.contour(x: field.x, y: field.y, values: field.values, level: 0.5, color: .black, label: "border p = 0.5")
        for (label, target, marker, color) in [("y = 0", 0.0, Marker.circle, Palette.color(5)), ("y = 1", 1.0, Marker.triangle, Palette.color(1))] {
            let rows = (0..<data.count).filter { data.targets[$0, 0] == target }
            axes.scatter(x: rows.map { data.inputs[$0, 0] }, y: rows.map { data.inputs[$0, 1] }, label: label, color: color, marker: marker)
        }
    }

    private func format(_ m: Matrix<Double>) -> String {
        "[" + m.elements.map { formatFixed($0, decimals: 4) }.joined(separator: ", ") + "]"
    }

    private func percent(_ value: Double) -> String { formatFixed(100 * value, decimals: 1) + "%" }
}

AndGateExperiment.main()
