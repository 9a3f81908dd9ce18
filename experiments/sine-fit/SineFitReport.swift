import Backprop
import ExperimentKit
import Foundation

/// The experiment document (metrics.json) and the terminal's tables, written from the sweep.
struct SineFitReport {
    let sweep: SineFitSweep
    let quick: Bool
    let frames: Int
    let diagram: NetworkDiagram

    private var gd: SineFitOutcome { sweep.outcome(.gd) }
    private var adam: SineFitOutcome { sweep.outcome(.adam) }
    private var threshold: String { NumberFormat.compact.format(sweep.threshold) }
    private var steps: String { NumberFormat.integer.format(Double(sweep.steps)) }

    func document() -> ExperimentDocument {
        var document = ExperimentDocument(experiment: "sine-fit", title: "Sine fit: gradient descent vs Adam over \(sweep.seeds.count) initialisations",
                                          description: "Notebook 001's 1-4-4-1 sigmoid network fits y = sin²(4πx) with gradient descent and with Adam, both from the same initial weights, from \(sweep.seeds.count) seeds.")
        document.notebook = "Notebook 001 · *a multilayer network from scratch, fitting sin²(4πx)*"
        document.question = "The notebook finds it \"almost impossible to learn a sufficiently complex function with only gradient descent\" and fits it with Adam. From the notebook's random initial weights, how often does each optimiser bring ½·MSE to \(sweep.threshold, format: .compact) or below, and where do the runs that fail stop?"
        fillSetup(&document.setup)
        addTables(to: &document)
        addFigures(to: &document)
        document.conclusion = SineFitConclusion.text(adam, gd, meanPredictionLoss: sweep.meanPredictionLoss)
        document.headline = SineFitConclusion.headline(adam, gd)
        document.values = values()
        return document
    }

    private func fillSetup(_ setup: inout ExperimentDocument.Setup) {
        let count = sweep.data.count
        setup.data = "\(count) points x = 0, 1/\(count - 1), …, 1, evenly spaced on [0, 1], with targets y = sin²(4πx): four humps of height 1 (peaks at x = 1/8, 3/8, 5/8, 7/8). Every step uses all \(count) points (full batch)."
        setup.architecture = String(describing: SineFitExperiment.makeNetwork(seed: sweep.seeds[0]))
        setup.addHyperparameter("weights", "Xavier-uniform, gain 1 (PyTorch's calculate_gain(\"sigmoid\"))")
        setup.addHyperparameter("biases", "uniform in [0, 1) (the notebook's np.random.rand)")
        setup.addHyperparameter("loss", "½·mean((ŷ − y)²)")
        setup.addHyperparameter("learning rate η, gradient descent", gd.learningRate)
        setup.addHyperparameter("learning rate η, Adam", adam.learningRate)
        setup.addHyperparameter("Adam β₁, β₂, ε", "0.9, 0.999, 1e-8 (PyTorch's defaults)")
        setup.addHyperparameter("steps per optimiser", sweep.steps, unit: "full-batch updates")
        setup.addHyperparameter("seeds", sweep.seeds.count == 1 ? "\(sweep.seeds[0])" : "\(sweep.seeds[0])–\(sweep.seeds.last!) (\(sweep.seeds.count) initialisations, each shared by both optimisers)")
        setup.addHyperparameter("success", "final ½·MSE ≤ \(threshold)")
        setup.addHyperparameter("runs stop as diverged", "when the loss is NaN, infinite or above 4× the first step's")
        setup.addHyperparameter("figures' seed", "\(sweep.representativeSeed): \(adam.representativeReason)")
        if quick { setup.addHyperparameter("mode", "--quick (fewer seeds and steps)") }
    }

    // MARK: Tables

    private func addTables(to document: inout ExperimentDocument) {
        let seeds = sweep.seeds.count
        document.addTable("Success over \(seeds) \(seeds == 1 ? "seed" : "seeds") (\(sweep.seedRange), \(steps) steps)", columns: [
            .init("optimiser"), .init("η", format: .compact), .init("runs ≤ \(threshold)", unit: "of \(seeds)", format: .integer),
            .init("success rate", unit: "%", format: .percent(0)), .init("95 % interval (Wilson)", unit: "%"),
            .init("diverged", unit: "runs", format: .integer),
        ], caption: "A run succeeds when its ½·MSE after the last update is at most \(threshold). The Wilson interval is where the true rate lies with 95 % confidence, given this many seeds.") { table in
            for outcome in [gd, adam] {
                table.addRow(outcome.optimizer, outcome.learningRate, outcome.successes, outcome.successRate,
                             "\(NumberFormat.percent(0).format(outcome.interval.lowerBound))–\(NumberFormat.percent(0).format(outcome.interval.upperBound))",
                             outcome.divergedCount)
            }
        }
        document.addTable("Final ½·MSE over the seeds", columns: [
            .init("optimiser"), .init("lowest", format: .scientific(2)), .init("lower quartile", format: .scientific(2)),
            .init("median", format: .scientific(2)), .init("upper quartile", format: .scientific(2)), .init("highest", format: .scientific(2)),
        ], caption: "Quartiles interpolate between runs (numpy's default); diverged runs have no final loss and are left out. Predicting the mean everywhere gives \(sweep.meanPredictionLoss, format: .significant(3)).") { table in
            for outcome in [gd, adam] {
                let losses = outcome.finalLosses
                table.addRow(outcome.optimizer, losses.minimum, losses.lowerQuartile, losses.median, losses.upperQuartile, losses.maximum)
            }
        }
        document.addTable("Updates until ½·MSE first fell below \(threshold), successful runs", columns: [
            .init("optimiser"), .init("successful runs", format: .integer), .init("fastest", unit: "updates", format: .integer),
            .init("median", unit: "updates", format: .integer), .init("slowest", unit: "updates", format: .integer),
        ], caption: "Counted as the number of updates after which the loss was first below \(threshold) (0 is the initial weights).") { table in
            for outcome in [gd, adam] {
                let steps = outcome.stepsToThreshold
                table.addRow(outcome.optimizer, outcome.successes, steps.minimum, steps.median, steps.maximum)
            }
        }
        addEndingsTable(to: &document)
        let shown = sweep.representative
        document.addTable("Seed \(sweep.representativeSeed), the figures' seed", columns: [
            .init("optimiser"), .init("final ½·MSE", format: .scientific(2)), .init("updates to \(threshold)", format: .integer),
            .init("humps fitted", format: .integer), .init("run"),
        ], caption: "Chosen as \(adam.representativeReason).") { table in
            for optimizer in sweep.optimizers {
                let run = sweep.run(optimizer, seed: shown).outcome
                table.addRow(optimizer.title, run.finalLoss, run.stepsToThreshold, run.diverged ? nil : run.humpCount, status(run))
            }
        }
        document.addTable("Every seed", columns: [
            .init("seed"), .init("gradient descent: final ½·MSE", format: .scientific(2)), .init("humps", format: .integer),
            .init("Adam: final ½·MSE", format: .scientific(2)), .init("humps", format: .integer),
            .init("Adam: updates to \(threshold)", format: .integer),
        ], caption: "Both optimisers start from the seed's initial weights. Humps fitted: the fit is above 0.75 at a peak and below 0.25 at the troughs on both sides. A dash: diverged, or never below \(threshold).") { table in
            for index in sweep.seeds.indices {
                let g = sweep.run(.gd, seed: index).outcome, a = sweep.run(.adam, seed: index).outcome
                // The seed as text: above 2⁵³ a number cell would round it.
                table.addRow(String(sweep.seeds[index]), g.diverged ? nil : g.finalLoss, g.diverged ? nil : g.humpCount,
                             a.diverged ? nil : a.finalLoss, a.diverged ? nil : a.humpCount, a.stepsToThreshold)
            }
        }
        document.addTable("Settings tried before choosing these (seed study, measured \(SettingTried.date))", columns: [
            .init("optimiser"), .init("η", format: .compact), .init("variation"), .init("steps", format: .integer), .init("seeds"),
            .init("runs ≤ 0.005", format: .integer), .init("of", format: .integer), .init("success rate", unit: "%", format: .percent(0)),
            .init("median final ½·MSE", format: .scientific(2)),
        ], caption: "Measured by a separate study tool (`seed-study sine`, release build) on the same network, initialisation, \(100) points and success rule; these numbers are not recomputed by this run. Adam at η 0.01 for 100 000 steps scored best of the constant rates on the most seeds (57 %, 95 % interval 51–62 % over 290 seeds); schedules and other β did no better on fresh seeds, and at 30 seeds the study's seed blocks varied by about ±10 points. Gradient descent left the plateau of predicting the mean only at η ≥ 3, and did best at η 10. Momentum 0.9 at η 3 matched Adam but is not the notebook's question.") { table in
            for setting in SettingTried.all {
                table.addRow(setting.optimizer, setting.learningRate, setting.variant, setting.steps, setting.seeds,
                             setting.successes, setting.runs, Double(setting.successes) / Double(setting.runs), setting.medianFinalLoss)
            }
        }
    }

    /// Where every completed run ended, by humps fitted: the loss bands of the local minima.
    private func addEndingsTable(to document: inout ExperimentDocument) {
        let endings = RunEnding.allCases.filter { $0 != .diverged }
        let rows = endings.filter { ending in sweep.outcomes.contains { outcome in outcome.runs.contains { RunEnding($0, threshold: sweep.threshold) == ending } } }
        document.addTable("How the runs ended, by humps fitted", columns: [
            .init("ending"), .init("gradient descent", unit: "runs", format: .integer), .init("its final ½·MSE", unit: "median (range)"),
            .init("Adam", unit: "runs", format: .integer), .init("its final ½·MSE", unit: "median (range)"),
        ], caption: "A run that ends above \(threshold) has settled on a fit that leaves humps out, replaced by a flat shelf; each number of humps has its own band of losses. Diverged runs are counted in the success table.") { table in
            for ending in rows {
                var cells: [any ValueConvertible] = [ending.label(threshold: sweep.threshold)]
                for outcome in [gd, adam] {
                    let losses = Distribution(outcome.runs.filter { !$0.diverged && RunEnding($0, threshold: sweep.threshold) == ending }.map(\.finalLoss))
                    cells.append(losses.count)
                    cells.append(losses.count == 0 ? nil : band(losses))
                }
                table.addRow(cells)
            }
        }
    }

    // MARK: Figures

    private func addFigures(to document: inout ExperimentDocument) {
        let shown = sweep.representative, seed = sweep.representativeSeed
        let gdRun = sweep.run(.gd, seed: shown).outcome, adamRun = sweep.run(.adam, seed: shown).outcome
        document.addFigure("fit.png", caption: "Seed \(seed), \(adam.representativeReason): both fits after \(steps) steps from the same initial weights. Gradient descent \(ended(gdRun)); Adam \(ended(adamRun)). Dotted: the target; dots: the \(sweep.data.count) training points.")
        let first = sweep.run(.gd, seed: shown).lossCurve.losses.first ?? .nan
        document.addFigure("loss.png", caption: "Seed \(seed)'s ½·MSE per update, both axes logarithmic. Both start at \(first, format: .scientific(2)) (the same weights); the dotted line is predicting the mean everywhere (\(sweep.meanPredictionLoss, format: .significant(3))), what a network that ignores x reaches. Gradient descent \(reached(gdRun)); Adam \(reached(adamRun)).")
        document.addFigure("final-losses.png", caption: "One dot per seed: the ½·MSE each run ended at, on a log axis; the box spans the quartiles, the black line is the median. Below the dashed line: \(gd.successes) of \(gd.seeds) gradient-descent runs and \(adam.successes) of \(adam.seeds) Adam runs.\(divergedNote)")
        document.addFigure("steps-to-threshold.png", caption: "For the runs that succeeded, how many updates it took to bring ½·MSE below \(threshold). \(stepsSentence(adam)) \(stepsSentence(gd))")
        document.addFigure("loss-curves.png", caption: "Every seed's loss curve, coloured by how the run ended. The runs that fail level off on plateaus, one per number of humps fitted: \(plateauSentence()). Seed \(seed), the seed of the other figures, is drawn in black.")
        let panels = min(sweep.seeds.count, SineFitFigures.fitPanels)
        document.addFigure("fits.png", caption: "The fits of \(panels == sweep.seeds.count ? "every seed" : "the first \(panels) seeds") after \(steps) steps. A run that fails leaves humps out: \(missingHumpsSentence()).")
        document.addFigure("network.png", caption: "Seed \(seed)'s network after Adam, at work on the single input x = \(SineFitFigures.diagramInput, format: .compact), where the target is 1: it predicts ŷ = \(diagram.prediction[0, 0], format: .significant(4)), a loss ½·(ŷ − y)² of \(diagram.loss ?? .nan, format: .scientific(2)). Each node shows its pre-activation z and activation a = σ(z) and its bias b; each edge its weight w (width by |w|, colour by sign) and ∂L/∂w for this one sample. The largest weight is \(largestWeight(), format: .significant(3)) in magnitude, against at most \(initialWeightBound(), format: .significant(3)) at initialisation.")
    }

    private var divergedNote: Markdown {
        let diverged = [gd, adam].filter { $0.divergedCount > 0 }
        guard !diverged.isEmpty else { return "" }
        let counts = diverged.map { "\($0.optimizer) \($0.divergedCount)" }.joined(separator: ", ")
        return " Diverged runs have no final loss; they are counted under their optimiser's name (\(counts))."
    }

    private func stepsSentence(_ outcome: SineFitOutcome) -> Markdown {
        let steps = outcome.stepsToThreshold
        guard let median = steps.median, let low = steps.minimum, let high = steps.maximum else {
            return "\(capitalized(outcome.optimizer)) has no successful run."
        }
        return steps.count == 1 ? "\(capitalized(outcome.optimizer))'s one successful run took \(Int(median)) updates."
            : "\(capitalized(outcome.optimizer)): median \(Int(median)) updates over \(steps.count) runs (\(Int(low)) to \(Int(high)))."
    }

    private func plateauSentence() -> String {
        var parts: [String] = []
        for (humps, name) in [(3, "three humps"), (2, "two"), (1, "one"), (0, "none")] {
            let losses = Distribution(sweep.outcomes.flatMap { $0.failuresByHumps.filter { $0.humps == humps }.flatMap(\.runs) }.map(\.finalLoss))
            if let median = losses.median { parts.append("\(name) at a median of \(NumberFormat.scientific(1).format(median))") }
        }
        return parts.isEmpty ? "in this sweep no run failed that way" : parts.joined(separator: ", ")
    }

    /// Which humps the failed runs left out, and how many of those were at an edge of [0, 1].
    private func missingHumpsSentence() -> String {
        var missing = [0, 0, 0, 0]
        for outcome in sweep.outcomes {
            for run in outcome.runs where !run.diverged && !run.succeeded(threshold: sweep.threshold) {
                for (k, fitted) in run.humps.enumerated() where !fitted { missing[k] += 1 }
            }
        }
        let total = missing.reduce(0, +)
        guard total > 0 else { return "here no completed run missed a hump" }
        let edge = missing[0] + missing[3]
        return "of the \(total) humps the failed runs missed, \(edge) \(edge == 1 ? "was" : "were") at an edge (x = 1/8: \(missing[0]), x = 7/8: \(missing[3])) and \(total - edge) inside (x = 3/8: \(missing[1]), x = 5/8: \(missing[2]))"
    }

    private func largestWeight() -> Double {
        sweep.run(.adam, seed: sweep.representative).finalParameters.enumerated()
            .filter { $0.offset % 2 == 0 }.flatMap { $0.element.elements }.map(abs).max() ?? .nan
    }

    /// Xavier-uniform's bound with gain 1 is √(6 / (fan-in + fan-out)); the largest over the three layers (1→4 gives √1.2).
    private func initialWeightBound() -> Double {
        [(1, 4), (4, 4), (4, 1)].map { (6.0 / Double($0.0 + $0.1)).squareRoot() }.max()!
    }

    // MARK: Pieces

    private func ended(_ run: SineFitRun) -> String {
        if let step = run.divergedAtStep { return "diverged at step \(step)" }
        return "ended at ½·MSE \(NumberFormat.scientific(2).format(run.finalLoss)) with \(run.humpCount) of the four humps"
    }

    private func reached(_ run: SineFitRun) -> String {
        if let step = run.divergedAtStep { return "diverged at step \(step)" }
        guard let steps = run.stepsToThreshold else { return "never went below \(threshold)" }
        return "went below \(threshold) after \(NumberFormat.integer.format(Double(steps))) updates"
    }

    private func status(_ run: SineFitRun) -> String {
        if let step = run.divergedAtStep { return "diverged at step \(step)" }
        return run.succeeded(threshold: sweep.threshold) ? "succeeded" : "stopped above \(threshold)"
    }

    /// "1.2e-2 (1.0e-2 to 1.6e-2)".
    private func band(_ losses: Distribution) -> String {
        let format = NumberFormat.scientific(1)
        guard let median = losses.median, let low = losses.minimum, let high = losses.maximum else { return "–" }
        return format.format(low) == format.format(high) ? format.format(median) : "\(format.format(median)) (\(format.format(low)) to \(format.format(high)))"
    }

    private func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    // MARK: Raw values

    private func values() -> [String: JSONValue] {
        var values: [String: JSONValue] = [
            "seed": .of(sweep.seeds[0]), "seeds": .array(sweep.seeds.map { .of($0) }), "steps": .integer(sweep.steps),
            "points": .integer(sweep.data.count), "threshold": .number(sweep.threshold), "frames": .integer(frames),
            "quick": .bool(quick), "mean_prediction_loss": .number(sweep.meanPredictionLoss),
            "representative_seed": .of(sweep.representativeSeed), "diagram_input": .number(SineFitFigures.diagramInput),
            "diagram_prediction": .number(diagram.prediction[0, 0]),
        ]
        for (key, optimizer) in [("gd", OptimizerChoice.gd), ("adam", .adam)] {
            let outcome = sweep.outcome(optimizer)
            let shown = sweep.run(optimizer, seed: sweep.representative)
            values[key] = .object([
                "learning_rate": .number(outcome.learningRate),
                "successes": .integer(outcome.successes),
                "success_rate": .number(outcome.successRate),
                "interval_low": .number(outcome.interval.lowerBound),
                "interval_high": .number(outcome.interval.upperBound),
                "diverged": .integer(outcome.divergedCount),
                "median_final_loss": outcome.finalLosses.median.map(JSONValue.number) ?? .null,
                "initial_loss_per_seed": .of(outcome.runs.map(\.initialLoss)),
                "final_loss_per_seed": .of(outcome.runs.map(\.finalLoss)),
                "diverged_at_step_per_seed": .array(outcome.runs.map { $0.divergedAtStep.map(JSONValue.integer) ?? .null }),
                "steps_to_threshold_per_seed": .array(outcome.runs.map { $0.stepsToThreshold.map(JSONValue.integer) ?? .null }),
                "humps_per_seed": .array(outcome.runs.map { .integer($0.humpCount) }),
                "representative_final_loss": .number(shown.outcome.finalLoss),
                "representative_loss_curve": .object(["steps": .array(shown.lossCurve.steps.map(JSONValue.integer)),
                                                      "losses": .of(shown.lossCurve.losses)]),
            ])
        }
        return values
    }

    // MARK: Terminal

    /// The page's main numbers as text tables; µs/step only here (it changes from run to run).
    func terminalTables() -> [String] {
        var success = TextTable("optimiser", "η", "runs ≤ \(threshold)", "rate", "95 % interval", "diverged", "median final ½·MSE", "median updates to \(threshold)", "µs/step")
        for optimizer in sweep.optimizers {
            let outcome = sweep.outcome(optimizer)
            let microseconds = Distribution(sweep.trained.map { $0[sweep.optimizers.firstIndex(of: optimizer)!].secondsPerStep * 1e6 }).median ?? .nan
            success.rows.append([outcome.optimizer, NumberFormat.compact.format(outcome.learningRate), "\(outcome.successes) of \(outcome.seeds)",
                                 NumberFormat.percent(0).format(outcome.successRate) + " %",
                                 "\(NumberFormat.percent(0).format(outcome.interval.lowerBound))–\(NumberFormat.percent(0).format(outcome.interval.upperBound)) %",
                                 String(outcome.divergedCount), NumberFormat.scientific(2).format(outcome.finalLosses.median ?? .nan),
                                 outcome.stepsToThreshold.median.map { NumberFormat.integer.format($0) } ?? "–",
                                 formatFixed(microseconds, decimals: 2)])
        }
        var seeds = TextTable("seed", "GD final ½·MSE", "GD humps", "Adam final ½·MSE", "Adam humps", "Adam updates to \(threshold)")
        for index in sweep.seeds.indices {
            let g = sweep.run(.gd, seed: index).outcome, a = sweep.run(.adam, seed: index).outcome
            seeds.rows.append([String(sweep.seeds[index]) + (index == sweep.representative ? " (figures)" : ""),
                               g.diverged ? "diverged" : NumberFormat.scientific(2).format(g.finalLoss), g.diverged ? "–" : String(g.humpCount),
                               a.diverged ? "diverged" : NumberFormat.scientific(2).format(a.finalLoss), a.diverged ? "–" : String(a.humpCount),
                               a.stepsToThreshold.map { NumberFormat.integer.format(Double($0)) } ?? "–"])
        }
        return [seeds.rendered, success.rendered, "Predicting the mean everywhere gives ½·MSE = \(NumberFormat.significant(3).format(sweep.meanPredictionLoss))."]
    }
}
