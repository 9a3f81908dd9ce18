import Backprop
import ExperimentKit
import Foundation

/// The page (metrics.json) and the terminal summary, both written from the run's numbers.
struct AndGateReport {
    let r: AndGateResults

    init(_ results: AndGateResults) { r = results }

    static let ln2 = Foundation.log(2.0)

    // MARK: Document

    func document() -> ExperimentDocument {
        var document = ExperimentDocument(
            experiment: "and-gate", title: "AND gate: one neuron learns a line, XOR needs a hidden layer",
            description: "Notebook 003: Dense(2→1) + Sigmoid trained by backpropagation with log loss and gradient descent learns AND; its border is a straight line, so XOR defeats it, while a 2-2-1 network learns XOR from most random starts.")
        document.notebook = "Notebook 003 · *backpropagation with numpy: a Dense layer and a sigmoid learn the AND function*, and its exercises (a `fit` method, the decision border, float-valued AND)"
        document.question = "Can a single neuron, trained by backpropagation with log loss and gradient descent, learn AND? Its border p = ½ is the line w₁x₁ + w₂x₂ + b = 0, so can it learn XOR, which no line separates? And how often does a network with two hidden units learn XOR from a random start?"
        fillSetup(&document.setup)
        addTables(to: &document)
        document.conclusion = conclusion
        document.headline = headline
        document.values = values
        return document
    }

    private func fillSetup(_ setup: inout ExperimentDocument.Setup) {
        setup.data = """
            **AND**, the notebook's four rows in its order: (1, 1) → 1, (1, 0) → 0, (0, 1) → 0, (0, 0) → 0. \
            **Float-valued AND**: \(r.floatAnd.count) points, \(r.floatAnd.count / 4) around each corner with Gaussian noise \
            σ = 0.15, labelled by their corner (drawn from seed \(String(r.seed))). **XOR** on the same four inputs: \
            (1, 1) → 0, (1, 0) → 1, (0, 1) → 1, (0, 0) → 0.
            """
        var twoTwoOneGenerator = SeededGenerator(seed: 0)
        setup.architecture = "The notebook's network (AND, float AND, XOR):\n\(r.network)\n\nThe network with a hidden layer (XOR):\n\(AndGateExperiment.twoTwoOne(using: &twoTwoOneGenerator))"
        setup.addHyperparameter("loss", "log loss (binary cross-entropy), mean over the rows")
        setup.addHyperparameter("optimiser", "gradient descent, full batch")
        setup.addHyperparameter("learning rate η, single neuron", r.learningRate)
        setup.addHyperparameter("steps, single neuron", r.neuronSteps, unit: "full-batch steps")
        setup.addHyperparameter("initial weights, single neuron", "0.01·N(0, 1), bias 0 (the notebook's)")
        setup.addHyperparameter("learning rate η, 2-2-1", r.xorLearningRate)
        setup.addHyperparameter("steps, 2-2-1", r.xorSteps, unit: "full-batch steps")
        setup.addHyperparameter("initial weights, 2-2-1", "U(−0.5, 0.5), biases N(0, 0.1²)")
        setup.addHyperparameter("seed (AND, float AND)", String(r.seed))
        setup.addHyperparameter("XOR starts", "\(r.seeds.count): seeds \(seedRange(r.seeds)), one start each, for each network")
        setup.addHyperparameter("XOR solved when", "log loss ≤ \(NumberFormat.automatic.format(XorOutcome.threshold)) and all four corners on the right side of ½")
        if r.quick { setup.addHyperparameter("mode", "--quick (fewer steps and seeds)") }
    }

    private func addTables(to document: inout ExperimentDocument) {
        document.addTable("AND as in the notebook: the log loss every \(NumberFormat.integer.format(Double(r.printEvery))) steps", columns: [
            .init("step", format: .integer), .init("log loss", format: .fixed(6)),
        ], caption: andLossCaption) { table in
            table.addRow(0, r.lossBefore)
            for (step, loss) in r.printedLosses { table.addRow(step, loss) }
            if case .diverged(let step, let loss) = r.andHistory.status { table.addRow(step + 1, loss) }
        }

        document.addTable("Predictions on the AND table", columns: [
            .init("x₁", format: .integer), .init("x₂", format: .integer), .init("target y", format: .integer),
            .init("p before training", format: .fixed(4)), .init("p after training", format: .fixed(4)),
        ], caption: "p = σ(w₁x₁ + w₂x₂ + b), the neuron's probability that the output is 1; right when on the target's side of ½: \(r.andCorrect) of 4 after training.") { table in
            for row in 0..<4 {
                table.addRow(r.and.inputs[row, 0], r.and.inputs[row, 1], r.and.targets[row, 0], r.before[row, 0], r.after[row, 0])
            }
        }

        document.addTable("The single neuron's border p = ½: the line w₁x₁ + w₂x₂ + b = 0", columns: [
            .init("trained on"), .init("w₁", format: .fixed(4)), .init("w₂", format: .fixed(4)), .init("b", format: .fixed(4)),
            .init("the line"),
        ]) { table in
            table.addRow("AND", r.border.w1, r.border.w2, r.border.b, r.border.equation)
            table.addRow("float-valued AND", r.floatBorder.w1, r.floatBorder.w2, r.floatBorder.b, r.floatBorder.equation)
        }

        let neuronShown = r.neuronRuns[0]
        document.addTable("What the single neuron learns", columns: [
            .init("problem"), .init("final log loss", format: .scientific(2)), .init("right"),
            .init("how training ended"),
        ], caption: neuronTableCaption) { table in
            table.addRow("AND (4 rows)", r.andFinalLoss, "\(r.andCorrect) of 4", ending(r.andHistory, steps: r.neuronSteps))
            table.addRow("float-valued AND (\(r.floatAnd.count) points)", r.floatFinalLoss, "\(r.floatCorrect) of \(r.floatAnd.count)",
                         ending(r.floatHistory, steps: r.neuronSteps))
            table.addRow("XOR (4 rows)", neuronShown.finalLoss, "\(neuronShown.correctCorners) of 4",
                         neuronShown.divergedAtStep.map { "diverged at step \(NumberFormat.integer.format(Double($0 + 1)))" } ?? "completed \(NumberFormat.integer.format(Double(r.neuronSteps))) steps")
        }

        document.addTable("XOR from \(r.seeds.count) random starts", columns: [
            .init("network"), .init("steps", format: .integer), .init("starts", format: .integer), .init("solved", format: .integer),
            .init("success rate", unit: "%", format: .percent(0)), .init("95 % interval", unit: "%"),
            .init("median final log loss", format: .scientific(2)), .init("diverged", format: .integer),
        ], caption: xorTableCaption) { table in
            for (name, runs, steps) in [("Dense(2→1) + Sigmoid", r.neuronRuns, r.neuronSteps), ("2-2-1 sigmoid network", r.hiddenRuns, r.xorSteps)] {
                let solved = runs.filter(\.solved).count
                let interval = Distribution.wilsonInterval(successes: solved, of: runs.count)
                table.addRow(name, steps, runs.count, solved,
                             Double(solved) / Double(runs.count),
                             "\(NumberFormat.percent(0).format(interval.lowerBound))–\(NumberFormat.percent(0).format(interval.upperBound))",
                             Distribution(AndGateResults.finalLosses(runs)).median ?? .nan,
                             runs.filter { $0.outcome == .diverged }.count)
            }
        }

        document.addTable("How the 2-2-1 runs on XOR ended", columns: [
            .init("outcome"), .init("runs", format: .integer), .init("seeds"),
            .init("log loss of that outcome", format: .fixed(4)), .init("median final log loss", format: .scientific(2)),
        ], caption: plateauCaption) { table in
            for (outcome, runs) in r.hiddenOutcomes {
                table.addRow(outcome.title, runs.count, seedList(runs.map(\.seed)), outcome.plateauLoss.map(ExperimentDocument.Value.number) ?? .missing,
                             Distribution(AndGateResults.finalLosses(runs)).median ?? .nan)
            }
        }

        document.addTable("Other settings for the 2-2-1 network on XOR (seed study, not this run)", columns: [
            .init("initial weights"), .init("optimiser"), .init("steps", format: .integer),
            .init("solved"), .init("success rate", unit: "%", format: .percent(0)), .init("95 % interval", unit: "%"),
        ], caption: "Measured before this experiment's settings were chosen, to show what the choice rests on: release build, seeds 100–399 (Adam: 0–99), one start per seed, biases N(0, 0.1²), the same success rule; GD is full-batch gradient descent. The notebook trains no XOR network; the last two rows start from its Dense layer's 0.01·N(0, 1) weights. Intervals computed from the counts (Wilson).") { table in
            for study in Self.seedStudy {
                let interval = Distribution.wilsonInterval(successes: study.solved, of: study.runs)
                table.addRow(study.weights, study.optimiser, study.steps, "\(study.solved) / \(study.runs)",
                             Double(study.solved) / Double(study.runs),
                             "\(NumberFormat.percent(0).format(interval.lowerBound))–\(NumberFormat.percent(0).format(interval.upperBound))")
            }
        }
    }

    /// The seed study's XOR measurements, counts of solved starts, not this run's numbers
    /// (GD: gradient descent, full batch).
    static let seedStudy: [(weights: String, optimiser: String, steps: Int, solved: Int, runs: Int)] = [
        ("U(−0.5, 0.5), as here", "GD η 1", 10_000, 276, 300),
        ("U(−0.5, 0.5)", "GD η 0.1", 10_000, 74, 300),
        ("U(−0.5, 0.5)", "GD η 0.1", 100_000, 276, 300),
        ("Xavier-uniform (earlier default)", "GD η 0.1", 100_000, 225, 300),
        ("Xavier-uniform", "GD η 0.1", 10_000, 186, 300),
        ("Xavier-uniform", "GD η 1", 10_000, 224, 300),
        ("Xavier-uniform", "Adam η 0.01", 10_000, 57, 100),
        ("0.01·N(0, 1), the notebook's", "GD η 1", 20_000, 16, 300),
        ("0.01·N(0, 1), the notebook's", "GD η 1", 100_000, 208, 300),
    ]

    // MARK: Captions and conclusion

    private var andLossCaption: Markdown {
        var text: Markdown = "The loss each step computes before its update, as the notebook's `trainBatch` returns it. The notebook's Dense layer divides the already averaged gradient by the batch size (4) once more, so its η 0.1 moves the weights as η 0.025 does here (checked against the notebook's code by tools/reference_notebook003.py): `--lr 0.025` prints its losses."
        if case .diverged(let step, let loss) = r.andHistory.status {
            let diverged: Markdown = "**Diverged** at step \(step + 1): the log loss reached \(loss, format: .significant(3)), more than 4× the first, and training stopped before that update. "
            text = Markdown(diverged.source + text.source)
        }
        return text
    }

    private var plateauCaption: Markdown {
        let level = { (stuck: Int, shared: Double) in XorOutcome.plateau(stuck: stuck, sharedOutput: shared).plateauLoss ?? .nan }
        return "Told from each run's outputs at the four corners: a run on a plateau gives its unlearned corners one shared output, the mean of their targets, the best a constant can do for them. The fourth column is the log loss that gives, with the learned corners exact: \(level(4, 0.5), format: .fixed(4)) (ln 2) for four corners at ½, \(level(3, 2.0 / 3), format: .fixed(4)) for three at ⅔, \(level(2, 0.5), format: .fixed(4)) (ln 2 / 2) for two at ½."
    }

    private var neuronTableCaption: Markdown {
        let neuronShown = r.neuronRuns[0]
        var text: Markdown = "The log loss of the final weights; right means on the target's side of ½, p = ½ counting as answering 1. XOR here is the run from seed \(String(neuronShown.seed)); the next table has every seed."
        if neuronShown.outcome != .diverged && neuronShown.outputs.allSatisfy({ $0 == 0.5 }) {
            let more: Markdown = " On XOR it answers p = ½ exactly at every corner, so its \(neuronShown.correctCorners) of 4 are those with target 1: a coin's answer, not learning."
            text = Markdown(text.source + more.source)
        }
        return text
    }

    private var xorTableCaption: Markdown {
        let interval = r.hiddenInterval
        return "Each start is one seed's initial weights, trained once; no restarts. The 95 % interval is Wilson's for \(r.hiddenSuccesses) of \(r.hiddenRuns.count): the success rate of this setting over all seeds lies in \(interval.lowerBound, format: .percent(0))–\(interval.upperBound, format: .percent(0)) % with 95 % confidence."
    }

    private var andSentence: Markdown {
        let steps = NumberFormat.integer.format(Double(r.neuronSteps))
        if case .diverged(let step, let loss) = r.andHistory.status {
            return "**With η = \(compactNumber(r.learningRate)) the single neuron diverged on AND** at step \(step + 1): its log loss jumped from \(r.lossBefore, format: .fixed(4)) to \(loss, format: .significant(3)), more than 4× the first, and training stopped; it then answers \(r.andCorrect) of 4 rows right."
        }
        let highest = zip(r.after.elements, r.and.targets.elements).filter { $0.1 == 0 }.map(\.0).max() ?? .nan
        if r.andCorrect == 4 {
            return "**One neuron learns AND**: after \(steps) steps at η = \(compactNumber(r.learningRate)) its log loss is \(r.andFinalLoss, format: .scientific(2)) and it answers all four rows right (p = \(r.after[0, 0], format: .fixed(3)) at (1, 1), at most \(highest, format: .fixed(3)) elsewhere). Its border is the straight line \(r.border.equation)."
        }
        return "**After \(steps) steps at η = \(compactNumber(r.learningRate)) the neuron answers \(r.andCorrect) of 4 AND rows right** (log loss \(r.andFinalLoss, format: .scientific(2))): not learned in this run. Its border is the line \(r.border.equation)."
    }

    private var floatSentence: Markdown {
        if let step = r.floatHistory.divergedAtStep {
            return "On float-valued AND it diverged at step \(step + 1)."
        }
        return "On float-valued AND it puts \(r.floatCorrect) of \(r.floatAnd.count) noisy points on the right side of its line (log loss \(r.floatFinalLoss, format: .scientific(2)))."
    }

    private var neuronXorSentence: Markdown {
        let n = r.neuronRuns.count
        var parts: [Markdown] = []
        if r.neuronRunsAtHalf > 0, let distance = r.neuronLargestDistanceFromHalf {
            let losses = r.neuronRuns.filter { $0.outcome != .diverged }.map(\.finalLoss)
            let lossSpread = losses.map { abs($0 - Self.ln2) }.max() ?? .nan
            let who: Markdown = r.neuronRunsAtHalf == n ? Markdown("from all \(n) starts") : Markdown("from \(r.neuronRunsAtHalf) of \(n) starts")
            // Gradient descent on XOR drives the neuron's weights to 0 geometrically, so long
            // runs end with p = ½ exactly; short ones near it.
            let ending: Markdown = distance == 0 && lossSpread == 0
                ? "ended with p = ½ exactly at every corner and log loss ln 2 = 0.6931"
                : "ended with p within \(distance, format: .scientific(1)) of ½ at every corner, log loss within \(lossSpread, format: .scientific(1)) of ln 2 = 0.6931"
            parts.append("**A single neuron does not learn XOR**: \(who) it \(ending), the loss of answering ½ everywhere (the best any line does on XOR).")
        }
        let elsewhere = n - r.neuronRunsAtHalf - r.neuronDiverged
        if elsewhere > 0 {
            parts.append("\(elsewhere) of its \(n) runs on XOR ended elsewhere, \(r.neuronSolved) solved it.")
        }
        if r.neuronDiverged > 0 {
            parts.append(r.neuronDiverged == n ? "All \(n) of its runs on XOR diverged." : "\(r.neuronDiverged) of its \(n) runs on XOR diverged.")
        }
        return Markdown(parts.map(\.source).joined(separator: " "))
    }

    private var hiddenSentence: Markdown {
        let n = r.hiddenRuns.count, solved = r.hiddenSuccesses, interval = r.hiddenInterval
        let steps = NumberFormat.integer.format(Double(r.xorSteps))
        var text: Markdown
        if solved > 0 {
            let lead: Markdown = 2 * solved > n ? "**A 2-2-1 network learns XOR from most starts, not all**" : "**A 2-2-1 network can learn XOR, but did from only \(solved) of \(n) starts**"
            text = "\(lead): it solved XOR from \(solved) of \(n) starts (\(Double(solved) / Double(n), format: .percent(0)) %, 95 % interval \(interval.lowerBound, format: .percent(0))–\(interval.upperBound, format: .percent(0)) %) in \(steps) steps at η = \(compactNumber(r.xorLearningRate))."
            if solved == n { text = "**A 2-2-1 network learns XOR**: it solved XOR from all \(n) starts (95 % interval \(interval.lowerBound, format: .percent(0))–100 %) in \(steps) steps at η = \(compactNumber(r.xorLearningRate))." }
        } else {
            text = "**The 2-2-1 network solved XOR from none of its \(n) starts** in \(steps) steps at η = \(compactNumber(r.xorLearningRate)) (95 % interval for its success rate 0–\(interval.upperBound, format: .percent(0)) %)."
        }
        let failures = r.hiddenOutcomes.filter { $0.outcome != .solved }
        if !failures.isEmpty {
            let list = failures.map { outcome, runs in
                "\(seedWords(runs.map(\.seed))), \(outcome.title)" + (outcome.plateauLoss.map { " (log loss \(NumberFormat.fixed(3).format($0)))" } ?? "")
            }
            let lead = solved > 0 ? (n - solved == 1 ? "How the other run ended" : "How the other \(n - solved) ended") : "How they ended"
            let more: Markdown = " \(lead): \(list.joined(separator: "; "))."
            text = Markdown(text.source + more.source)
        }
        return text
    }

    private var shownSentence: Markdown {
        if r.shownIsSuccess {
            let earlier = r.hiddenRuns.prefix { $0.seed != r.shown.seed }.map(\.seed)
            let before = earlier.isEmpty ? "." : " (\(seedWords(earlier)) before it did not)."
            return "The figures and the film show seed \(String(r.shown.seed)), the first of the seeds \(seedRange(r.seeds)) to solve XOR\(before)"
        }
        return "No seed solved XOR, so the figures and the film show the first, seed \(String(r.shown.seed)) (\(r.shown.outcome.title))."
    }

    /// Two paragraphs: AND, then XOR.
    var conclusion: Markdown {
        let paragraph = { (parts: [Markdown]) in parts.map(\.source).filter { !$0.isEmpty }.joined(separator: " ") }
        return Markdown(paragraph([andSentence, floatSentence]) + "\n\n" + paragraph([neuronXorSentence, hiddenSentence, shownSentence]))
    }

    var headline: String {
        let and = r.andHistory.diverged ? "AND diverged at η \(compactNumber(r.learningRate))"
                                        : "AND log loss \(NumberFormat.scientific(1).format(r.andFinalLoss)), \(r.andCorrect)/4 right"
        return "\(and); XOR 2-2-1 solved from \(r.hiddenSuccesses)/\(r.hiddenRuns.count) seeds"
    }

    // MARK: Raw values

    var values: [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        values["seed"] = .of(r.seed)
        values["learning_rate"] = .number(r.learningRate)
        values["learning_rate_xor"] = .number(r.xorLearningRate)
        values["steps"] = .integer(r.neuronSteps)
        values["steps_xor"] = .integer(r.xorSteps)
        values["seeds"] = .array(r.seeds.map { .of($0) })
        values["and_loss_before"] = .number(r.lossBefore)
        values["and_printed_losses"] = .array(r.printedLosses.map { ["step": .integer($0.step), "loss": .number($0.loss)] })
        values["and_final_loss"] = .number(r.andFinalLoss)
        values["and_predictions_before"] = .of(r.before.elements)
        values["and_predictions_after"] = .of(r.after.elements)
        values["and_correct"] = .integer(r.andCorrect)
        values["and_border"] = ["w1": .number(r.border.w1), "w2": .number(r.border.w2), "b": .number(r.border.b)]
        values["and_diverged"] = .bool(r.andHistory.diverged)
        values["and_diverged_at_step"] = divergedStep(r.andHistory)
        values["float_and_final_loss"] = .number(r.floatFinalLoss)
        values["float_and_correct"] = .integer(r.floatCorrect)
        values["float_and_points"] = .integer(r.floatAnd.count)
        values["float_and_diverged"] = .bool(r.floatHistory.diverged)
        values["float_and_border"] = ["w1": .number(r.floatBorder.w1), "w2": .number(r.floatBorder.w2), "b": .number(r.floatBorder.b)]
        values["xor_neuron_runs"] = .array(r.neuronRuns.map(json))
        values["xor_neuron_successes"] = .integer(r.neuronSolved)
        values["xor_neuron_at_half"] = .integer(r.neuronRunsAtHalf)
        values["xor_2_2_1_runs"] = .array(r.hiddenRuns.map(json))
        values["xor_2_2_1_successes"] = .integer(r.hiddenSuccesses)
        values["xor_2_2_1_success_interval"] = .of([r.hiddenInterval.lowerBound, r.hiddenInterval.upperBound])
        values["xor_2_2_1_outcomes"] = .object(Dictionary(uniqueKeysWithValues: r.hiddenOutcomes.map { ($0.outcome.key, JSONValue.integer($0.runs.count)) }))
        values["xor_shown_seed"] = .of(r.shown.seed)
        values["xor_shown_final_loss"] = .number(r.shown.finalLoss)
        return values
    }

    private func json(_ run: XorRun) -> JSONValue {
        ["seed": .of(run.seed), "final_loss": .number(run.finalLoss), "outputs": .of(run.outputs),
         "correct": .integer(run.correctCorners), "outcome": .string(run.outcome.key), "solved": .bool(run.solved),
         "diverged_at_step": run.divergedAtStep.map { .integer($0 + 1) } ?? .null]
    }

    private func divergedStep(_ history: TrainingHistory) -> JSONValue {
        history.divergedAtStep.map { .integer($0 + 1) } ?? .null
    }

    private func ending(_ history: TrainingHistory, steps: Int) -> String {
        if case .diverged(let step, let loss) = history.status {
            return "diverged at step \(NumberFormat.integer.format(Double(step + 1))) (log loss \(NumberFormat.significant(3).format(loss)))"
        }
        return "completed \(NumberFormat.integer.format(Double(steps))) steps"
    }

    // MARK: Terminal

    /// The page's tables and conclusion as text.
    var terminalText: String {
        let document = document()
        var text = document.results.map { table in table.title + "\n" + Self.text(of: table) }.joined(separator: "\n\n")
        if let conclusion = document.conclusion { text += "\n\n" + Self.plainText(conclusion) }
        return text
    }

    /// Markdown as a terminal shows it: without emphasis marks and code tags, character
    /// references (what escaping made of `>`, `*`, `_`, …) turned back into characters.
    static func plainText(_ markdown: Markdown) -> String {
        var text = markdown.source.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")
            .replacingOccurrences(of: "<code>", with: "").replacingOccurrences(of: "</code>", with: "")
        for (reference, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")] {
            text = text.replacingOccurrences(of: reference, with: character)
        }
        while let range = text.range(of: "&#[0-9]+;", options: .regularExpression) {
            let code = UInt32(text[range].dropFirst(2).dropLast()).flatMap(Unicode.Scalar.init)
            text.replaceSubrange(range, with: code.map { String(Character($0)) } ?? "")
        }
        return text.replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A document table as a terminal table, each cell in its column's format.
    static func text(of table: ExperimentDocument.Table) -> String {
        let headers = table.columns.map { column in column.unit.map { "\(column.name) (\($0))" } ?? column.name }
        var rows: [[String]] = []
        for row in table.rows {
            rows.append(zip(row, table.columns).map { cell, column in
                switch cell {
                case .number(let value): column.format.format(value)
                case .text(let text): text
                case .missing: "–"
                }
            })
        }
        var rendered = TextTable()
        rendered.headers = headers
        rendered.rows = rows
        return rendered.rendered
    }

    private func seedRange(_ seeds: [UInt64]) -> String {
        guard let first = seeds.first, let last = seeds.last else { return "none" }
        return seeds.count == 1 ? String(first) : "\(first)–\(last)"
    }

    /// Seeds in a sentence: "seed 7", "seeds 7 and 18", "seeds 3, 7 and 18", "12 seeds (3, 7, 9, …)".
    private func seedWords(_ seeds: [UInt64]) -> String {
        switch seeds.count {
        case 1: return "seed \(seeds[0])"
        case 2...5: return "seeds " + seeds.dropLast().map(String.init).joined(separator: ", ") + " and \(seeds.last!)"
        default: return "\(seeds.count) seeds (" + seeds.prefix(3).map(String.init).joined(separator: ", ") + ", …)"
        }
    }

    /// Seeds as a short list: "3, 7, 12" or "3, 7, 12, … (9 in all)".
    private func seedList(_ seeds: [UInt64]) -> String {
        seeds.count <= 8 ? seeds.map(String.init).joined(separator: ", ")
                         : seeds.prefix(6).map(String.init).joined(separator: ", ") + ", … (\(seeds.count) in all)"
    }
}
