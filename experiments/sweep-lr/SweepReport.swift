import Backprop
import ExperimentKit
import Foundation

/// The experiment document (metrics.json) and the terminal summary of a sweep.
struct SweepReport {
    let runs: [SweepRun]
    let best: SweepRun?
    let setup: ProblemSetup
    let optimizer: OptimizerChoice
    let steps: Int
    let seed: UInt64
    /// Whether the rates are the default grid (else the user's --lrs).
    let defaultRates: Bool
    let quick: Bool

    var problem: Problem { setup.problem }
    var threshold: String { compactNumber(problem.threshold) }
    var stepsText: String { NumberFormat.integer.format(Double(steps)) }
    var diverged: [SweepRun] { runs.filter(\.diverged) }
    var reaching: [SweepRun] { runs.filter { $0.stepsToThreshold != nil } }

    var document: ExperimentDocument {
        var document = ExperimentDocument(
            experiment: "sweep-lr", title: "Learning-rate sweep: \(setup.title), \(optimizer.title)",
            description: "\(runs.count) learning rates from \(compactNumber(runs.first!.learningRate)) to \(compactNumber(runs.last!.learningRate)), each trained for \(stepsText) full-batch steps from the same initial weights.")
        document.notebook = "Notebook 003 · *experiment with the learning rate and iterations*"
        let which: Markdown = problem == .andGate ? "Here on the notebook's own AND gate." : "Here on the \(problem.name) problem; `--problem and-gate` runs the notebook's AND gate."
        document.question = "Notebook 003 ends with the exercise “experiment with the learning-rate and iterations”. Which learning rate η trains the \(problem.name) network best in \(stepsText) steps of \(optimizer.title), and how many iterations does each rate need to reach \(problem.lossName) ≤ \(threshold)? Too small a rate barely moves in that many steps; too large a one overshoots and diverges. \(which)"
        fillSetup(&document.setup)
        document.addTable("Every learning rate after \(stepsText) steps", columns: [
            .init("learning rate η", format: .compact), .init("final \(problem.lossName)", format: .scientific(2)),
            .init("steps to \(problem.lossName) ≤ \(threshold)", format: .integer), .init("diverged"), .init(""),
        ], caption: "The final loss is measured after the last step (– for a diverged run, which has none); steps to the threshold count the updates until the loss first reached it (– if it never did). The best rate has the lowest final loss among the rates that did not diverge.") { table in
            for run in runs {
                table.addRow(run.learningRate, run.diverged ? nil : run.finalLoss, run.stepsToThreshold,
                             run.divergedAtStep.map { "yes, at step \($0)" } ?? (run.diverged ? "yes" : "no"),
                             run.learningRate == best?.learningRate ? "best" : "")
            }
        }
        document.addFigure(Figures.curvesFile, caption: curvesCaption)
        document.addFigure(Figures.finalLossFile, caption: finalLossCaption)
        document.conclusion = conclusion
        document.headline = best.map { "best η = \(compactNumber($0.learningRate)) (final \(problem.lossName) \(scientific($0.finalLoss))) of \(runs.count) rates" + (diverged.isEmpty ? "" : ", \(diverged.count) diverged") }
            ?? (runs.count == 1 ? "the only rate diverged" : "every one of the \(runs.count) rates diverged")
        document.values = values
        return document
    }

    private func fillSetup(_ setup: inout ExperimentDocument.Setup) {
        setup.data = dataDescription
        setup.architecture = String(describing: self.setup.makeNetwork())
        setup.addHyperparameter("loss", problem.lossName)
        setup.addHyperparameter("optimiser", optimizer.title + " (full batch)")
        setup.addHyperparameter("learning rates", defaultRates
            ? "\(runs.count), log-spaced from \(compactNumber(runs.first!.learningRate)) to \(compactNumber(runs.last!.learningRate))"
            : runs.map { compactNumber($0.learningRate) }.joined(separator: ", "))
        setup.addHyperparameter("steps", steps, unit: "full-batch steps per rate")
        setup.addHyperparameter("initial weights", "the same for every rate, drawn from seed \(seed)")
        setup.addHyperparameter("threshold", "\(problem.lossName) ≤ \(threshold)")
        setup.addHyperparameter("diverged", "loss NaN or above 4× the first loss: the run stops, the others go on")
        if quick { setup.addHyperparameter("mode", "--quick (fewer steps)") }
    }

    private var dataDescription: Markdown {
        let data = setup.data
        switch problem {
        case .andGate: return "The AND truth table, \(data.count) rows: (1, 1) → 1, the others → 0."
        case .circles: return "\(data.count) points drawn uniformly in [−1, 1]², class 1 inside the circle of radius 0.7, Gaussian noise σ = 0.05 added after labelling (seed \(String(seed)))."
        case .sine: return "\(data.count) evenly spaced x in [0, 1], y = sin²(4πx) (notebook 001)."
        case .mnist: return "\(NumberFormat.integer.format(Double(data.count))) MNIST training images (a seeded subset of at most 10,000), pixels scaled to [0, 1], one-hot targets."
        }
    }

    private var curvesCaption: Markdown {
        let colours: Markdown = Figures.curvesHaveLegend(runs)
            ? "each rate has its own colour, named in the legend, from dark purple (lowest η) to yellow-green (highest)"
            : "the colour follows log η on the colour bar at the right, from dark purple (η = \(compactNumber(runs.first!.learningRate))) to yellow-green (η = \(compactNumber(runs.last!.learningRate)))"
        var text: Markdown = "The loss after each step for every rate (both axes logarithmic; the initial loss, at step 0, is off the axis); \(colours). Look at how many steps each rate needs to cross the dotted threshold \(threshold): "
        if let fastest = reaching.min(by: { ($0.stepsToThreshold!, $0.learningRate) < ($1.stepsToThreshold!, $1.learningRate) }) {
            text = "\(text)the fastest, η = \(compactNumber(fastest.learningRate)), needed \(count(fastest.stepsToThreshold!, "step")); \(reaching.count) of the \(runs.count) rates crossed it."
        } else {
            text = "\(text)none crossed it in \(stepsText) steps."
        }
        if !diverged.isEmpty {
            text = "\(text) Dashed curves diverged and end with a × where they stopped."
        }
        return text
    }

    private var finalLossCaption: Markdown {
        var text: Markdown = "The loss after the last step against the learning rate (both axes logarithmic); blue dots are the rates that completed"
        text = diverged.isEmpty ? "\(text); no rate diverged." : "\(text), vermillion × in the band at the top the \(count(diverged.count, "rate")) that diverged (they have no final loss)."
        if let best { text = "\(text) The ring marks the best rate, η = \(compactNumber(best.learningRate)), final \(problem.lossName) \(best.finalLoss, format: .scientific(2))." }
        return text
    }

    var conclusion: Markdown {
        guard let best else {
            let which: Markdown = runs.count == 1 ? "The only rate, η = \(compactNumber(runs[0].learningRate))," : "Every one of the \(runs.count) rates, from η = \(compactNumber(runs.first!.learningRate)) to \(compactNumber(runs.last!.learningRate)),"
            return "\(which) diverged within \(stepsText) steps: there is no best rate here. Try smaller rates with `--lrs`."
        }
        if runs.count == 1 {
            let reached: Markdown = best.stepsToThreshold.map { "it reached \(problem.lossName) ≤ \(threshold) after \(count($0, "step"))" } ?? "it did not reach \(problem.lossName) ≤ \(threshold)"
            return "**η = \(compactNumber(best.learningRate)), the only rate tried**: after \(stepsText) steps of \(optimizer.title) its \(problem.lossName) was \(best.finalLoss, format: .scientific(2)); \(reached). Give several rates with `--lrs` to compare them."
        }
        let completed = runs.count - diverged.count
        var text: Markdown = "**The best rate is η = \(compactNumber(best.learningRate))**: after \(stepsText) steps of \(optimizer.title) its \(problem.lossName) was \(best.finalLoss, format: .scientific(2))"
        text = completed == 1 ? "\(text), the only one of the \(runs.count) rates that did not diverge." : "\(text), the lowest of the \(completed) rates that did not diverge."
        let smallest = runs.first!
        if smallest.learningRate != best.learningRate, !smallest.diverged, let first = smallest.history.stepLosses.first {
            text = "\(text) The smallest rate, η = \(compactNumber(smallest.learningRate)), went from \(first, format: .scientific(2)) to \(smallest.finalLoss, format: .scientific(2)) in that many steps."
        }
        if reaching.isEmpty {
            text = "\(text) No rate reached \(problem.lossName) ≤ \(threshold) within \(stepsText) steps."
        } else {
            let fastest = reaching.min { ($0.stepsToThreshold!, $0.learningRate) < ($1.stepsToThreshold!, $1.learningRate) }!
            let slowest = reaching.max { ($0.stepsToThreshold!, -$0.learningRate) < ($1.stepsToThreshold!, -$1.learningRate) }!
            text = "\(text) \(reaching.count) of the \(runs.count) rates reached \(problem.lossName) ≤ \(threshold) (the smallest of them η = \(compactNumber(reaching.first!.learningRate))): η = \(compactNumber(fastest.learningRate)) in the fewest steps, \(fastest.stepsToThreshold!)"
            text = fastest.learningRate == slowest.learningRate ? "\(text)." : "\(text), η = \(compactNumber(slowest.learningRate)) in the most, \(slowest.stepsToThreshold!)."
        }
        if diverged.isEmpty {
            text = "\(text) No rate diverged."
        } else {
            let rates = diverged.map { compactNumber($0.learningRate) }
            text = "\(text) \(count(diverged.count, "rate")) diverged (η = \(rates.joined(separator: ", "))) and stopped; the remaining \(count(completed, "rate")) ran to the end."
        }
        return text
    }

    var terminalTable: TextTable {
        var table = TextTable("lr", "final loss", "status", "steps", "to threshold \(threshold)")
        for run in runs {
            table.append(compactNumber(run.learningRate), run.diverged ? "–" : scientific(run.finalLoss),
                         run.status + (run.learningRate == best?.learningRate ? " (best)" : ""),
                         String(run.stepsTaken), run.stepsToThreshold.map(String.init) ?? "never")
        }
        return table
    }

    private var values: [String: JSONValue] {
        [
            "problem": .string(problem.rawValue),
            "training_samples": .integer(setup.data.count),
            "optimizer": .string(optimizer.rawValue),
            "steps": .integer(steps),
            "seed": .of(seed),
            "threshold": .number(problem.threshold),
            "quick": .bool(quick),
            "runs": .array(runs.map(\.json)),
            "best_learning_rate": best.map { .number($0.learningRate) } ?? .null,
            "best_final_loss": best.map { .number($0.finalLoss) } ?? .null,
        ]
    }

    /// "1 step", "20 steps".
    private func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
}
