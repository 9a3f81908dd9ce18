import Backprop
import ExperimentKit
import Foundation

/// The experiment document (metrics.json) and the terminal summary, written from the runs.
struct GradientFlowReport {
    let sweep: GradientFlowSweep
    let setup: GradientFlowSetup
    let learningRate: Double
    let steps: Int
    let quick: Bool

    /// The factor the lesson is about: sigmoid's first/last ratio at least this many times below ReLU's.
    static let lessonFactor = 100.0

    var seed: UInt64 { sweep.seeds[0] }
    func run(_ activation: HiddenActivation) -> GradientFlowRun { sweep.run(seed: 0, activation) }
    var activations: [HiddenActivation] { sweep.activations }
    var lastLayer: Int { setup.linearLayerCount }

    func document() -> ExperimentDocument {
        var document = ExperimentDocument(
            experiment: "gradient-flow", title: "Gradient flow through a deep network: sigmoid, tanh and ReLU",
            description: "One deep network on the circles data with sigmoid, tanh and ReLU hidden layers; every step records each layer's gradient norm and relative update.")
        document.notebook = "Follows notebooks 001 and 002 · *the sigmoid network of 001 and the modules and circles data of 002, made deep*"
        document.question = "How much of the gradient reaches the first of \(setup.depth) hidden layers with sigmoid, tanh and ReLU, and does that layer then learn slower? On its way back, backpropagation multiplies the gradient by each layer's weights and activation slope."
        fillSetup(&document.setup)
        addTables(to: &document)
        addFigures(to: &document)
        document.conclusion = conclusion()
        let shortfall = sweep.shortfall(seed: 0)
        document.headline = "sigmoid's first/last-layer gradient ratio " + (shortfall >= 1 ? "\(factor(shortfall)) below" : "\(factor(1 / shortfall)) above") + " ReLU's (seed \(seed))"
        document.values = values()
        return document
    }

    private func fillSetup(_ setup: inout ExperimentDocument.Setup) {
        let data = self.setup.data
        let inside = Int(data.targets.sum())
        setup.data = "circles: \(data.count) points drawn uniformly in [−1, 1]², class 1 (\(inside) points) inside the circle of radius 0.7, Gaussian noise σ = 0.05 added after labelling, as the circles problem of the other experiments. The same points, drawn from seed \(seed), for the three networks."
        setup.architecture = String(describing: self.setup.makeNetwork(.sigmoid))
        setup.addHyperparameter("hidden layers", self.setup.depth)
        setup.addHyperparameter("units per hidden layer", self.setup.width)
        setup.addHyperparameter("hidden activations", "sigmoid, tanh, ReLU (one network each)")
        for activation in activations {
            setup.addHyperparameter("hidden weights, \(activation.title)", activation.initializerTitle)
        }
        setup.addHyperparameter("output layer", "Linear(\(self.setup.width) → 1), Xavier-uniform gain 1, sigmoid")
        setup.addHyperparameter("biases", "zero")
        setup.addHyperparameter("loss", "binary cross-entropy, mean over the points")
        setup.addHyperparameter("optimiser", "gradient descent, full batch")
        setup.addHyperparameter("learning rate η (all three)", learningRate)
        setup.addHyperparameter("steps", steps, unit: "full-batch steps")
        setup.addHyperparameter("seeds", sweep.seeds.count == 1 ? "\(seed)" : "\(seed)–\(sweep.seeds.last!) (figures: \(seed))")
        if quick { setup.addHyperparameter("mode", "--quick (shorter run)") }
    }

    private func addTables(to document: inout ExperimentDocument) {
        let early = sweep.earlyStepsTaken
        let reluRatio = run(.relu).firstToLastGradientRatio(atStep: 0)
        document.addTable("How much gradient reaches the first layer (seed \(seed))", columns: [
            .init("hidden activation"), .init("‖∂L/∂W₁‖ at step 0", format: .scientific(2)),
            .init("‖∂L/∂W\(subscriptNumber(lastLayer))‖ at step 0", format: .scientific(2)),
            .init("first/last ratio at step 0", format: .scientific(2)),
            .init("first/last ratio, first \(early) steps", unit: "geometric mean", format: .scientific(2)),
            .init("ReLU's ratio ÷ this one", unit: "×", format: .significant(3)),
        ], caption: "The ratio ‖∂L/∂W₁‖ / ‖∂L/∂W\(subscriptNumber(lastLayer))‖ compares the gradient of the first Linear layer's weights with the output layer's: 1 means the gradient arrives whole.") { table in
            for activation in activations {
                let run = run(activation)
                let ratio = run.firstToLastGradientRatio(atStep: 0)
                table.addRow(activation.title, run.gradientNorm(step: 0, layer: 0), run.gradientNorm(step: 0, layer: lastLayer - 1),
                             ratio, run.meanFirstToLastGradientRatio(overFirst: sweep.earlySteps), reluRatio / ratio)
            }
        }
        let reluFirstUpdate = geometricMean(run(.relu).updateRatios(layer: 0))
        document.addTable("How fast the first and last layers learn (seed \(seed))", columns: [
            .init("hidden activation"), .init("‖ΔW₁‖/‖W₁‖", unit: "geometric mean per step", format: .scientific(2)),
            .init("‖ΔW\(subscriptNumber(lastLayer))‖/‖W\(subscriptNumber(lastLayer))‖", unit: "geometric mean per step", format: .scientific(2)),
            .init("first layer: ReLU's ÷ this", unit: "×", format: .significant(3)),
        ], caption: "The relative change of the weights at each step, averaged over each run's steps: how fast the first and the output layer move from where they started.") { table in
            for activation in activations {
                let first = geometricMean(run(activation).updateRatios(layer: 0))
                let last = geometricMean(run(activation).updateRatios(layer: lastLayer - 1))
                table.addRow(activation.title, first, last, reluFirstUpdate / first)
            }
        }
        let prior = GradientFlowFigures.priorLoss(setup.data)
        document.addTable("After \(steps) steps (seed \(seed))", columns: [
            .init("hidden activation"), .init("final binary cross-entropy", format: .scientific(2)),
            .init("accuracy", unit: "%", format: .percent(1)), .init("run"),
        ], caption: "Measured after the last update. Predicting the class frequency everywhere gives a cross-entropy of \(prior, format: .fixed(3)) and an accuracy of \(majorityAccuracy, format: .percent(1)) %.") { table in
            for activation in activations {
                let run = run(activation)
                table.addRow(activation.title, run.finalLoss, run.finalAccuracy, status(run))
            }
        }
        if sweep.seeds.count > 1 {
            document.addTable("Every seed", columns: [
                .init("seed"),
                .init("sigmoid first/last", format: .scientific(1)), .init("tanh first/last", format: .scientific(1)),
                .init("ReLU first/last", format: .scientific(1)), .init("ReLU ÷ sigmoid", unit: "×", format: .significant(3)),
                .init("sigmoid accuracy", unit: "%", format: .percent(1)), .init("tanh accuracy", unit: "%", format: .percent(1)),
                .init("ReLU accuracy", unit: "%", format: .percent(1)),
            ], caption: "First/last gradient ratios at step 0 and final accuracies after \(steps) steps, for each seed of the sweep (each seed draws new data and new weights).") { table in
                for (index, seed) in sweep.seeds.enumerated() {
                    let runs = activations.map { sweep.run(seed: index, $0) }
                    // The seed as text: above 2⁵³ a number cell would round it.
                    table.addRow([String(seed)] + runs.map { $0.firstToLastGradientRatio(atStep: 0) } + [sweep.shortfall(seed: index)]
                                 + runs.map { $0.finalAccuracy } as [any ValueConvertible])
                }
            }
        }
    }

    private func addFigures(to document: inout ExperimentDocument) {
        let sigmoid = run(.sigmoid), relu = run(.relu)
        document.addFigure("gradient-norms.png", caption: "‖∂L/∂W‖ of each Linear layer at every step, one panel per hidden activation, on one log scale. Dark lines are the first layers, light ones the last. At step 0 sigmoid's layers spread over \(decades(sigmoid, step: 0), format: .fixed(1)) decades (first layer \(sigmoid.gradientNorm(step: 0, layer: 0), format: .scientific(1)), output layer \(sigmoid.gradientNorm(step: 0, layer: lastLayer - 1), format: .scientific(1))), ReLU's over \(decades(relu, step: 0), format: .fixed(1)).")
        document.addFigure("update-ratios.png", caption: "The size of each step's change of W relative to W, per layer. With plain gradient descent it is η‖∂L/∂W‖/‖W‖, so a layer whose gradient vanished barely moves: over the run sigmoid's first layer changed by \(geometricMean(sigmoid.updateRatios(layer: 0)), format: .scientific(1)) of its norm per step, its output layer by \(geometricMean(sigmoid.updateRatios(layer: lastLayer - 1)), format: .scientific(1)).")
        let shown = GradientFlowFigures.shownHiddenLayers(of: setup.depth)
        let which: Markdown = shown.count == setup.depth ? "each hidden layer's outputs" : "the outputs of \(shown.count) of the \(setup.depth) hidden layers (layers \(shown.map { String($0 + 1) }.joined(separator: ", ")))"
        document.addFigure("activations.png", caption: "Histograms of \(which) over the \(setup.data.count) points, as a fraction of the layer's values (one scale down each column): grey at initialisation, coloured after training. A sigmoid unit passes back at most σ′ = 0.25 of the gradient, less the further its output is from 0.5; a tanh output near ±1 passes back almost nothing; a ReLU output of 0 passes back nothing (\(zeroFraction(relu.initialActivations), format: .percent(0)) % of ReLU's hidden outputs at initialisation; its axis ends at the 99th percentile of its outputs).")
        if sweep.seeds.count > 1 {
            let sigmoidHighest = sweep.seeds.indices.map { sweep.run(seed: $0, .sigmoid).firstToLastGradientRatio(atStep: 0) }.max() ?? .nan
            let reluLowest = sweep.seeds.indices.map { sweep.run(seed: $0, .relu).firstToLastGradientRatio(atStep: 0) }.min() ?? .nan
            document.addFigure("seeds.png", caption: "The first/last gradient ratio at step 0 for each of the \(sweep.seeds.count) seeds (new data and weights each); the dotted line is 1, a gradient that arrives whole. Sigmoid's highest ratio is \(sigmoidHighest, format: .scientific(1)), ReLU's lowest \(reluLowest, format: .scientific(1)).")
        }
        document.addFigure("loss.png", caption: "Binary cross-entropy per step. The dashed line is the loss of predicting the class frequency everywhere, which a network that ignores its input reaches.")
    }

    private func conclusion() -> Markdown {
        let sigmoid = run(.sigmoid), tanh = run(.tanh), relu = run(.relu)
        let shortfalls = Distribution(sweep.sigmoidShortfalls)
        let met = shortfalls.count(atLeast: Self.lessonFactor)
        let prior = GradientFlowFigures.priorLoss(setup.data)
        let sigmoidFirstUpdate = geometricMean(sigmoid.updateRatios(layer: 0))
        let reluFirstUpdate = geometricMean(relu.updateRatios(layer: 0))
        var text: Markdown = "At the initial weights, the gradient reaching sigmoid's first layer is \(sigmoid.firstToLastGradientRatio(atStep: 0), format: .scientific(1)) times the output layer's; tanh's is \(tanh.firstToLastGradientRatio(atStep: 0), format: .scientific(1)) and ReLU's \(relu.firstToLastGradientRatio(atStep: 0), format: .scientific(1)). **Sigmoid's ratio is \(comparison(sweep.shortfall(seed: 0))) than ReLU's** (geometric mean over the first \(count(sweep.earlyStepsTaken, "step")): \(comparison(sweep.earlyShortfall(seed: 0))))."
        text = "\(text) In the updates, sigmoid's first layer moved by \(sigmoidFirstUpdate, format: .scientific(1)) of its norm per step (geometric mean over the run), ReLU's by \(reluFirstUpdate, format: .scientific(1)): sigmoid's first layer learned \(comparison(reluFirstUpdate / sigmoidFirstUpdate, smaller: "slower", larger: "faster"))."
        text = "\(text) After \(steps) steps at η = \(learningRate, format: .compact), sigmoid reached a cross-entropy of \(sigmoid.finalLoss, format: .scientific(2)) (\(sigmoid.finalAccuracy, format: .percent(1)) % accuracy; predicting the class frequency gives \(prior, format: .scientific(2)) and \(majorityAccuracy, format: .percent(1)) %), tanh \(tanh.finalLoss, format: .scientific(2)) (\(tanh.finalAccuracy, format: .percent(1)) %), ReLU \(relu.finalLoss, format: .scientific(2)) (\(relu.finalAccuracy, format: .percent(1)) %)\(divergenceNote())."
        if sweep.seeds.count > 1 {
            text = "\(text) Over \(sweep.seeds.count) seeds, sigmoid's ratio was at least \(Int(Self.lessonFactor))× smaller than ReLU's for \(met) of them (from \(factor(shortfalls.minimum ?? .nan)) to \(factor(shortfalls.maximum ?? .nan)), median \(factor(shortfalls.median ?? .nan)))."
        }
        return text
    }

    /// "208 827× smaller" for a factor above 1, "3.2× larger" (its inverse) below 1; plain text.
    private func comparison(_ value: Double, smaller: String = "smaller", larger: String = "larger") -> String {
        value >= 1 || !value.isFinite ? "\(factor(value)) \(smaller)" : "\(factor(1 / value)) \(larger)"
    }

    /// "1 step", "100 steps".
    private func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    /// A factor as "208 827×" (grouped digits from 10 000 on) or "3.46×", plain text.
    private func factor(_ value: Double) -> String {
        (value.isFinite && abs(value) >= 1_000 ? NumberFormat.integer : .significant(3)).format(value) + "×"
    }

    private func divergenceNote() -> Markdown {
        let diverged = activations.filter { run($0).diverged }.map(\.title)
        return diverged.isEmpty ? "; no run diverged" : "; \(diverged.joined(separator: " and ")) diverged and stopped early"
    }

    private func values() -> [String: JSONValue] {
        var values: [String: JSONValue] = [
            "seed": .of(seed), "seeds": .array(sweep.seeds.map { .of($0) }), "steps": .integer(steps),
            "learning_rate": .number(learningRate), "depth": .integer(setup.depth), "width": .integer(setup.width),
            "early_steps": .integer(sweep.earlyStepsTaken), "quick": .bool(quick),
            "prior_loss": .number(GradientFlowFigures.priorLoss(setup.data)), "majority_accuracy": .number(majorityAccuracy),
            "relu_over_sigmoid_ratio_at_step_0": .number(sweep.shortfall(seed: 0)),
            "relu_over_sigmoid_early_ratio": .number(sweep.earlyShortfall(seed: 0)),
            "relu_over_sigmoid_ratio_per_seed": .of(sweep.sigmoidShortfalls),
            "relu_over_sigmoid_early_ratio_per_seed": .of(sweep.seeds.indices.map { sweep.earlyShortfall(seed: $0) }),
        ]
        for activation in activations {
            let run = run(activation)
            values[activation.rawValue] = .object([
                "first_to_last_gradient_ratio_at_step_0": .number(run.firstToLastGradientRatio(atStep: 0)),
                "first_to_last_gradient_ratio_early_geometric_mean": .number(run.meanFirstToLastGradientRatio(overFirst: sweep.earlySteps)),
                "gradient_norms_at_step_0": .of((0..<run.layerCount).map { run.gradientNorm(step: 0, layer: $0) }),
                "gradient_norms_at_last_step": .of((0..<run.layerCount).map { run.gradientNorm(step: run.recordedSteps - 1, layer: $0) }),
                "update_ratio_geometric_means": .of((0..<run.layerCount).map { geometricMean(run.updateRatios(layer: $0)) }),
                "final_loss": .number(run.finalLoss),
                "final_accuracy": .number(run.finalAccuracy),
                "diverged": .bool(run.diverged),
                "first_to_last_gradient_ratio_per_seed": .of(sweep.seeds.indices.map { sweep.run(seed: $0, activation).firstToLastGradientRatio(atStep: 0) }),
                "final_accuracy_per_seed": .of(sweep.seeds.indices.map { sweep.run(seed: $0, activation).finalAccuracy }),
                "final_loss_per_seed": .of(sweep.seeds.indices.map { sweep.run(seed: $0, activation).finalLoss }),
                "diverged_per_seed": .array(sweep.seeds.indices.map { .bool(sweep.run(seed: $0, activation).diverged) }),
                "initial_loss_per_seed": .of(sweep.seeds.indices.map { sweep.run(seed: $0, activation).history.stepLosses.first ?? .nan }),
                "peak_loss_per_seed": .of(sweep.seeds.indices.map { sweep.run(seed: $0, activation).history.stepLosses.max() ?? .nan }),
            ])
        }
        return values
    }

    /// The terminal's summary: one row per activation for the first seed.
    static func terminalTable(_ sweep: GradientFlowSweep) -> TextTable {
        var table = TextTable("activation", "‖∂L/∂W₁‖", "‖∂L/∂W_out‖", "first/last", "ReLU ÷ this", "final loss", "accuracy")
        let relu = sweep.run(seed: 0, .relu).firstToLastGradientRatio(atStep: 0)
        for activation in sweep.activations {
            let run = sweep.run(seed: 0, activation)
            let ratio = run.firstToLastGradientRatio(atStep: 0)
            table.append(activation.title, scientific(run.gradientNorm(step: 0, layer: 0)),
                         scientific(run.gradientNorm(step: 0, layer: run.layerCount - 1)), scientific(ratio),
                         formatFixed(relu / ratio, decimals: 1), scientific(run.finalLoss) + (run.diverged ? " (diverged)" : ""),
                         formatFixed(100 * run.finalAccuracy, decimals: 1) + "%")
        }
        return table
    }

    private var majorityAccuracy: Double {
        let p = setup.data.targets.sum() / Double(setup.data.count)
        return max(p, 1 - p)
    }

    private func status(_ run: GradientFlowRun) -> String {
        if let step = run.history.divergedAtStep { return "diverged at step \(step)" }
        return "completed"
    }

    /// log₁₀ of the largest over the smallest layer's gradient norm at `step`.
    private func decades(_ run: GradientFlowRun, step: Int) -> Double {
        let norms = (0..<run.layerCount).map { run.gradientNorm(step: step, layer: $0) }.filter { $0 > 0 }
        guard let low = norms.min(), let high = norms.max() else { return .nan }
        return log10(high / low)
    }

    private func zeroFraction(_ snapshots: [[Double]]) -> Double {
        let all = snapshots.joined()
        return Double(all.filter { $0 == 0 }.count) / Double(max(all.count, 1))
    }
}

/// exp(mean(log x)) over the positive finite values; NaN when there are none.
func geometricMean(_ values: [Double]) -> Double {
    let usable = values.filter { $0 > 0 && $0.isFinite }
    guard !usable.isEmpty else { return .nan }
    return exp(usable.reduce(0) { $0 + log($1) } / Double(usable.count))
}

/// 9 → "₉", 12 → "₁₂": layer numbers as subscripts.
func subscriptNumber(_ number: Int) -> String {
    String(String(number).map { Character(Unicode.Scalar(0x2080 + UInt32($0.wholeNumberValue!))!) })
}
