import Backprop
import ExperimentKit
import Foundation

/// The experiment document (metrics.json) and the terminal summary, written from the sweep.
struct OptimizersReport {
    let comparison: Comparison
    /// Index into `comparison.seeds` of the seed each problem's figures show.
    let shownSeed: [Problem: Int]
    /// The shown seed's data and initial weights, per problem.
    let setups: [Problem: ProblemSetup]
    let quick: Bool

    var problems: [Problem] { comparison.problems }
    var optimizers: [OptimizerChoice] { comparison.optimizers }
    var seedCount: Int { comparison.seeds.count }
    func seed(_ problem: Problem) -> UInt64 { comparison.seeds[shownSeed[problem]!] }
    func steps(_ problem: Problem) -> Int { comparison.steps[problem]! }
    func rate(_ optimizer: OptimizerChoice) -> Double { comparison.learningRates[optimizer]! }
    func outcome(_ problem: Problem, _ optimizer: OptimizerChoice) -> Comparison.Outcome { comparison.outcome(problem, optimizer) }

    /// The seeds as a range, "0–19"; split in two where they wrap past 2⁶⁴ − 1.
    var seedRange: String {
        let (first, last) = (comparison.seeds.first!, comparison.seeds.last!)
        if first == last { return "\(first)" }
        return last > first ? "\(first)–\(last)" : "\(first)–\(UInt64.max) and 0–\(last)"
    }

    func document(film: ExperimentDocument.Film) -> ExperimentDocument {
        var document = ExperimentDocument(
            experiment: "optimizers", title: "Optimisers over seeds: gradient descent, momentum and Adam",
            description: "Full-batch training of the AND gate, the circles and the sin²(4πx) fit with three optimisers from \(count(seedCount, "seed")); within a seed every optimiser starts from the same initial weights.")
        document.notebook = "Notebook 001 · *gradient descent or Adam, asked of three problems and many initialisations*"
        document.question = "Notebook 001 says that with Adam “the training can be improved” and that “it is almost impossible to learn a sufficiently complex function with only gradient descent”. Does that hold, and where does SGD with momentum stand? On an easy problem (the AND gate of notebook 003), a middle one (circles) and notebook 001's sine fit, from \(count(seedCount, "seed")): how often does each optimiser end below the problem's threshold, how often does it diverge, and how many steps does it need to get there?"
        fillSetup(&document.setup)
        addTables(to: &document)
        addFigures(to: &document)
        document.addFilm(filmWithCaption(film))
        document.conclusion = conclusion
        document.headline = "ended ≤ threshold (GD / momentum / Adam, of \(seedCount) seeds): "
            + problems.map { problem in "\(problem.name) " + optimizers.map { String(outcome(problem, $0).successes) }.joined(separator: "/") }.joined(separator: ", ")
        document.values = values
        return document
    }

    // MARK: Set-up

    private func fillSetup(_ setup: inout ExperimentDocument.Setup) {
        let circles = setups[.circles]!.data, sine = setups[.sine]!.data
        setup.data = "Three problems, each with its own network and loss. **AND gate** (notebook 003): the 4 rows of the truth table. **Circles**: \(circles.count) points drawn uniformly in [−1, 1]², class 1 inside the circle of radius 0.7, Gaussian noise σ = 0.05 added after labelling; every seed draws new points. **Sine fit** (notebook 001): \(sine.count) evenly spaced x in [0, 1], y = sin²(4πx). Each seed also draws the initial weights, once per problem; the three optimisers start from them."
        setup.architecture = problems.map { problem in "\(problem.name) (\(problem.lossName)):\n\(setups[problem]!.makeNetwork())" }.joined(separator: "\n\n")
        setup.addHyperparameter("optimisers", "gradient descent; SGD with momentum 0.9; Adam (β₁ 0.9, β₂ 0.999, ε 1e-8)")
        setup.addHyperparameter("learning rate η", optimizers.map { "\($0.shortTitle) \(compactNumber(rate($0)))" }.joined(separator: ", "))
        setup.addHyperparameter("steps", problems.map { "\($0.name) \(NumberFormat.integer.format(Double(steps($0))))" }.joined(separator: ", "),
                                unit: "full-batch steps")
        setup.addHyperparameter("thresholds", problems.map { "\($0.name): \($0.lossName) ≤ \(compactNumber($0.threshold))" }.joined(separator: ", "))
        setup.addHyperparameter("initial weights", "AND: N(0, 0.01²), bias 0 (the notebook's); circles: He-uniform hidden, Xavier-uniform output, biases 0; sine: Xavier-uniform with the sigmoid gain, biases U[0, 1) (notebook 001's)")
        setup.addHyperparameter("success", "loss after the last step at or below the threshold, not diverged")
        setup.addHyperparameter("diverged", "loss NaN or above 4× the first loss: the run stops there and is no success")
        setup.addHyperparameter("seeds", seedCount == 1 ? seedRange : "\(seedRange) (\(seedCount) seeds)")
        setup.addHyperparameter("seed of the figures", problems.map { "\($0.name) \(seed($0))" }.joined(separator: ", ")
            + (seedCount > 1 ? ": for each problem the seed whose final losses rank closest to the median, summed over the three optimisers" : ""))
        if quick { setup.addHyperparameter("mode", "--quick (fewer seeds and steps)") }
    }

    // MARK: Tables

    private func addTables(to document: inout ExperimentDocument) {
        for problem in problems {
            let threshold = compactNumber(problem.threshold)
            document.addTable("\(problem.name): \(problem.lossName) ≤ \(threshold) after \(NumberFormat.integer.format(Double(steps(problem)))) steps, \(count(seedCount, "seed"))", columns: [
                .init("optimiser"), .init("η", format: .compact),
                .init("ended ≤ \(threshold)", unit: "of \(seedCount)", format: .integer),
                .init("success rate", unit: "%, 95 % interval"),
                .init("diverged", unit: "runs", format: .integer),
                .init("median final \(problem.lossName)", format: .scientific(2)),
                .init("reached \(threshold)", unit: "runs", format: .integer),
                .init("steps to \(threshold)", unit: "median (range)"),
            ], caption: tableCaption(problem)) { table in
                for optimizer in optimizers {
                    let outcome = outcome(problem, optimizer)
                    let steps = outcome.stepsToThreshold
                    let stepsText = steps.median.map { median in
                        let (low, high) = (NumberFormat.integer.format(steps.minimum!), NumberFormat.integer.format(steps.maximum!))
                        return "\(NumberFormat.integer.format(median)) (\(low == high ? low : "\(low)–\(high)"))"
                    }
                    table.addRow(optimizer.title, rate(optimizer), outcome.successes,
                                 "\(NumberFormat.percent(0).format(outcome.successRate)) (\(interval(outcome)))",
                                 outcome.divergedRuns, outcome.finalLosses.median, outcome.reachedThreshold, stepsText)
                }
            }
        }
    }

    private func tableCaption(_ problem: Problem) -> Markdown {
        var caption: Markdown = "A run succeeds when its loss after the last step is at or below \(compactNumber(problem.threshold)) and it did not diverge. The 95 % interval (Wilson) says where the success rate over many more seeds would likely lie. Steps to the threshold count every run that reached it, diverged ones included."
        if problem == .andGate, let spread = andSpread {
            caption = "\(caption) \(spreadSentence(spread))"
        }
        return caption
    }

    /// "84–100"
    private func interval(_ outcome: Comparison.Outcome) -> String {
        let interval = outcome.successInterval
        return "\(NumberFormat.percent(0).format(interval.lowerBound))–\(NumberFormat.percent(0).format(interval.upperBound))"
    }

    /// The terminal's table: the page's tables in one.
    var terminalTable: TextTable {
        var table = TextTable("problem", "optimiser", "η", "ended ≤ threshold", "95 % interval", "diverged",
                              "median final loss", "median steps to threshold")
        for problem in problems {
            for optimizer in optimizers {
                let outcome = outcome(problem, optimizer)
                table.append("\(problem.name) (≤ \(compactNumber(problem.threshold)))", optimizer.shortTitle, compactNumber(rate(optimizer)),
                             "\(outcome.successes) of \(outcome.count)", interval(outcome) + " %", String(outcome.divergedRuns),
                             outcome.finalLosses.median.map { scientific($0) } ?? "–",
                             outcome.stepsToThreshold.median.map { NumberFormat.integer.format($0) } ?? "never")
            }
        }
        return table
    }

    // MARK: Figures

    private func addFigures(to document: inout ExperimentDocument) {
        let medians: [String] = problems.map { problem in
            "\(problem.name): " + optimizers.map { optimizer in
                "\(optimizer.shortTitle) \(outcome(problem, optimizer).finalLosses.median.map { NumberFormat.scientific(1).format($0) } ?? "–")"
            }.joined(separator: ", ")
        }
        document.addFigure("final-losses.png", caption: "Each dot is one seed's loss after the last step; the box spans the middle half of the seeds, the black line is the median, the dashed line the success threshold. Diverged runs have no final loss: they are counted under the optimiser's name instead of drawn. Medians: \(medians.joined(separator: "; ")).\(plateauSentence)")
        let stepMedians: [String] = problems.map { problem in
            "\(problem.name): " + optimizers.map { optimizer in
                "\(optimizer.shortTitle) \(outcome(problem, optimizer).stepsToThreshold.median.map { NumberFormat.integer.format($0) } ?? "never")"
            }.joined(separator: ", ")
        }
        document.addFigure("steps-to-threshold.png", caption: "How many steps each seed's run needed until its loss first reached the threshold; under each name, how many of the seeds' runs reached it at all. Where the success rates tie, the steps still tell the optimisers apart. Median steps: \(stepMedians.joined(separator: "; ")).")
        for problem in problems {
            document.addFigure(Figures.curvesFile(problem), caption: curvesCaption(problem))
        }
    }

    private func curvesCaption(_ problem: Problem) -> Markdown {
        let index = shownSeed[problem]!
        let which: Markdown = seedCount > 1 ? "seed \(String(seed(problem))), the seed whose final losses rank closest to the median of the \(seedCount)" : "seed \(String(seed(problem)))"
        let runs = optimizers.map { comparison.runs(problem, $0)[index] }
        let crossings: [Markdown] = zip(optimizers, runs).map { optimizer, run in
            let reached: Markdown = run.stepsToThreshold.map { "at step \($0)" } ?? "never"
            let diverged: Markdown = run.divergedAtStep.map { ", then diverged at step \($0) (×)" } ?? ""
            return "\(optimizer.shortTitle) \(reached)\(diverged)"
        }
        var text: Markdown = "Loss per step of \(which), the three optimisers from the same initial weights (both axes logarithmic; the initial loss, at step 0, is off the axis). "
        if runs.allSatisfy({ $0.stepsToThreshold == nil }) {
            text = "\(text)None of the three curves reaches the dotted threshold \(compactNumber(problem.threshold))."
        } else {
            text = "\(text)Look at where each curve crosses the dotted threshold \(compactNumber(problem.threshold)): \(joined(crossings, separator: "; "))."
        }
        if problem == .sine {
            let onPlateau = zip(optimizers, runs).filter { !$1.diverged && abs($1.finalLoss - sinePlateau) <= 0.01 * sinePlateau }.map(\.0.shortTitle)
            if !onPlateau.isEmpty {
                text = "\(text) \(capitalized(list(onPlateau))) \(onPlateau.count == 1 ? "ends" : "end") on the plateau at \(sinePlateau, format: .significant(3)), the loss of predicting the mean of y everywhere."
            }
        }
        return text
    }

    private func filmWithCaption(_ film: ExperimentDocument.Film) -> ExperimentDocument.Film {
        var film = film
        let index = shownSeed[.circles]!
        let order = optimizers.sorted { (comparison.runs(.circles, $0)[index].stepsToThreshold ?? .max, $0.rawValue) < (comparison.runs(.circles, $1)[index].stepsToThreshold ?? .max, $1.rawValue) }
        let reached: [Markdown] = order.map { optimizer in
            "\(optimizer.shortTitle) \(comparison.runs(.circles, optimizer)[index].stepsToThreshold.map { "at step \($0)" } ?? "never")"
        }
        film.caption = "Seed \(String(seed(.circles))), as in the circles loss curves. Each frame shows, after the same number of steps, what each network predicts over the plane: blue for outside, white for p = 0.5, red for inside, the black line its border p = 0.5; dots are the training points (triangles inside). Watch which border closes around the inner points first: log loss ≤ \(compactNumber(Problem.circles.threshold)) was reached \(joined(reached, separator: ", "))."
        return film
    }

    // MARK: Conclusion

    var conclusion: Markdown {
        var paragraphs: [Markdown] = problems.map(problemConclusion)
        let diverged = problems.flatMap { problem in optimizers.map { outcome(problem, $0).divergedRuns } }.reduce(0, +)
        if diverged == 0 { paragraphs.append("No run diverged.") }
        return joined(paragraphs, separator: "\n\n")
    }

    private func problemConclusion(_ problem: Problem) -> Markdown {
        let threshold = compactNumber(problem.threshold)
        let outcomes = optimizers.map { outcome(problem, $0) }
        var text: Markdown = "**\(problem.name)** (\(problem.lossName) ≤ \(threshold) after \(NumberFormat.integer.format(Double(steps(problem)))) steps): "
        if Set(outcomes.map(\.successes)).count == 1 {
            let successes = outcomes[0].successes
            if successes == 0 {
                text = "\(text)no optimiser ended at or below \(threshold)\(seedCount == 1 ? "" : " from any of the \(seedCount) seeds")."
            } else {
                text = "\(text)all three optimisers ended at or below \(threshold) from \(successes == seedCount ? (seedCount == 1 ? "the one seed" : "every one of the \(seedCount) seeds") : "\(successes) of \(seedCount) seeds")"
                text = "\(text)\(seedCount > 1 ? ", so the success rate does not separate them." : ".")"
            }
        } else {
            let parts = zip(optimizers, outcomes).enumerated().map { index, pair in
                index == 0 ? "\(pair.0.shortTitle) ended at or below \(threshold) from \(pair.1.successes) of \(count(seedCount, "seed"))"
                           : "\(pair.0.shortTitle) from \(pair.1.successes)"
            }
            text = "\(text)\(parts.joined(separator: ", "))."
            // One seed says nothing about how often; the intervals and seed-by-seed counts need several.
            if seedCount > 1 { text = "\(text) \(separation(problem)) \(pairedSuccesses(problem))" }
        }
        for (optimizer, outcome) in zip(optimizers, outcomes) where outcome.divergedRuns > 0 {
            let runs = comparison.runs(problem, optimizer)
            let seeds = runs.indices.filter { runs[$0].diverged }.map { String(comparison.seeds[$0]) }
            let before = runs.filter { $0.diverged && $0.stepsToThreshold != nil }.count
            let which = seeds.count <= 5 ? " (\(seeds.count == 1 ? "seed" : "seeds") \(seeds.joined(separator: ", ")))" : ""
            let reached = before == 0 ? "" : before == outcome.divergedRuns ? (before == 1 ? ", after reaching the threshold" : ", each after reaching the threshold")
                                                                             : ", \(before) of them after reaching the threshold"
            text = "\(text) \(capitalized(optimizer.shortTitle)) diverged on \(count(outcome.divergedRuns, "run"))\(which)\(reached)."
        }
        text = "\(text) \(stepsSentence(problem))"
        if problem == .andGate, let spread = andSpread { text = "\(text) \(spreadSentence(spread))" }
        if problem == .sine { text = "\(text)\(plateauSentence)" }
        return text
    }

    /// Which optimisers succeeded more often than which, by non-overlapping 95 % intervals.
    private func separation(_ problem: Problem) -> Markdown {
        var pairs: [Markdown] = []
        for better in optimizers {
            for worse in optimizers where better != worse {
                let (a, b) = (outcome(problem, better).successInterval, outcome(problem, worse).successInterval)
                if a.lowerBound > b.upperBound {
                    pairs.append("\(better.shortTitle) succeeded more often than \(worse.shortTitle) (95 % intervals \(interval(outcome(problem, better))) % and \(interval(outcome(problem, worse))) %)")
                }
            }
        }
        if pairs.isEmpty {
            let intervals = optimizers.map { "\($0.shortTitle) \(interval(outcome(problem, $0))) %" }
            return "Their 95 % intervals overlap (\(intervals.joined(separator: ", "))): these \(count(seedCount, "seed")) do not show that one succeeds more often than another."
        }
        return "\(joined(pairs, separator: "; "))."
    }

    /// On the same seeds, where the most successful optimiser succeeded and each other failed, and the reverse.
    private func pairedSuccesses(_ problem: Problem) -> Markdown {
        guard let best = optimizers.max(by: { (outcome(problem, $0).successes, $1.rawValue) < (outcome(problem, $1).successes, $0.rawValue) }) else { return "" }
        let parts: [String] = optimizers.filter { $0 != best && outcome(problem, $0).successes < outcome(problem, best).successes }.map { other in
            let pairs = zip(comparison.runs(problem, best), comparison.runs(problem, other))
            let only = pairs.filter { $0.succeeded && !$1.succeeded }.count, reverse = pairs.filter { !$0.succeeded && $1.succeeded }.count
            return "on \(count(only, "seed")) where \(other.shortTitle) did not (the reverse on \(reverse == 0 ? "none" : String(reverse)))"
        }
        return parts.isEmpty ? "" : "Seed by seed, \(best.shortTitle) succeeded \(parts.joined(separator: " and "))."
    }

    /// Median steps to the threshold, and how often the fastest got there first on the same seed.
    private func stepsSentence(_ problem: Problem) -> Markdown {
        let threshold = compactNumber(problem.threshold)
        let reaching = optimizers.filter { outcome(problem, $0).reachedThreshold > 0 }
            .sorted { (outcome(problem, $0).stepsToThreshold.median!, $0.rawValue) < (outcome(problem, $1).stepsToThreshold.median!, $1.rawValue) }
        guard let fastest = reaching.first else { return "No run reached \(threshold) within \(NumberFormat.integer.format(Double(steps(problem)))) steps." }
        let medians = reaching.map { "\($0.shortTitle) \(NumberFormat.integer.format(outcome(problem, $0).stepsToThreshold.median!))" }
        var text: Markdown = "Median steps to reach \(threshold): \(medians.joined(separator: ", "))"
        let never = optimizers.filter { outcome(problem, $0).reachedThreshold == 0 }.map(\.shortTitle)
        if !never.isEmpty { text = "\(text); \(list(never)) never reached it" }
        let wins: [Markdown] = optimizers.filter { $0 != fastest }.compactMap { other in
            let (won, comparable) = comparison.pairedWins(problem, fastest, over: other)
            return comparable == 0 || outcome(problem, other).reachedThreshold == 0 ? nil : "than \(other.shortTitle) on \(won) of \(count(comparable, "seed"))"
        }
        if !wins.isEmpty {
            text = "\(text). From the same start, \(fastest.shortTitle) got there in fewer steps \(joined(wins, separator: " and "))"
        }
        return "\(text)."
    }

    /// The largest relative final-loss spread over the AND seeds (among the optimisers), and
    /// the largest spread of steps to the threshold; nil with one seed.
    private var andSpread: (loss: Double, steps: Double?)? {
        guard seedCount > 1, problems.contains(.andGate) else { return nil }
        // Only when every run completed: a spread of the few that did would say little.
        guard optimizers.allSatisfy({ outcome(.andGate, $0).divergedRuns == 0 }) else { return nil }
        let losses = optimizers.compactMap { outcome(.andGate, $0).finalLossRelativeSpread }
        let steps = optimizers.compactMap { optimizer -> Double? in
            let distribution = outcome(.andGate, optimizer).stepsToThreshold
            return distribution.count > 1 ? distribution.maximum! - distribution.minimum! : nil
        }
        guard let loss = losses.max() else { return nil }
        return (loss, steps.max())
    }

    /// Whether the AND seeds give nearly identical runs: the data are fixed and every start
    /// is within a 0.01·randn draw of zero weights.
    private func spreadSentence(_ spread: (loss: Double, steps: Double?)) -> Markdown {
        var amount: Markdown = "between the \(seedCount) seeds the final losses differ by at most \(spread.loss, format: .percent(spread.loss < 0.001 ? 2 : 1)) % of their median"
        if let steps = spread.steps { amount = "\(amount) and the steps to the threshold by at most \(count(Int(steps), "step"))" }
        return spread.loss < 0.01
            ? "The AND seeds give nearly identical runs: \(amount), because the four data rows are fixed and every start lies within a 0.01·randn draw of zero weights."
            : "The AND seeds' runs differ: \(amount)."
    }

    /// For the sine fit: whether gradient descent's runs end on the plateau of predicting the
    /// mean of y everywhere (½·Var(y), computed from the data).
    private var plateauSentence: Markdown {
        guard problems.contains(.sine) else { return "" }
        let plateau = sinePlateau
        let stuck = optimizers.filter { optimizer in
            let losses = outcome(.sine, optimizer).finalLosses
            return losses.sorted.count == seedCount && losses.sorted.allSatisfy { abs($0 - plateau) <= 0.01 * plateau }
        }
        guard !stuck.isEmpty else { return "" }
        let names = list(stuck.map(\.shortTitle))
        return " On the sine fit every run of \(names) ended within 1 % of ½·MSE \(plateau, format: .significant(3)), the loss of predicting the mean of y everywhere: \(stuck.count == 1 ? "it" : "they") never left that plateau."
    }

    /// ½·MSE of predicting the mean of y everywhere on the sine data, ½·Var(y): where a fit
    /// that has learned nothing of the humps ends.
    private var sinePlateau: Double {
        let targets = setups[.sine]!.data.targets.elements
        let mean = targets.reduce(0, +) / Double(targets.count)
        return targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(targets.count) / 2
    }

    // MARK: Raw values

    private var values: [String: JSONValue] {
        var results: [String: JSONValue] = [:]
        for problem in problems {
            var perOptimizer: [String: JSONValue] = [:]
            for optimizer in optimizers {
                let outcome = outcome(problem, optimizer)
                let runs = outcome.runs
                let interval = outcome.successInterval
                perOptimizer[optimizer.rawValue] = .object([
                    "learning_rate": .number(rate(optimizer)),
                    "successes": .integer(outcome.successes),
                    "success_rate": .number(outcome.successRate),
                    "success_interval_95": .of([interval.lowerBound, interval.upperBound]),
                    "diverged_runs": .integer(outcome.divergedRuns),
                    "reached_threshold_runs": .integer(outcome.reachedThreshold),
                    "median_final_loss": outcome.finalLosses.median.map { .number($0) } ?? .null,
                    "median_steps_to_threshold": outcome.stepsToThreshold.median.map { .number($0) } ?? .null,
                    "final_loss_per_seed": .of(runs.map(\.finalLoss)),
                    "succeeded_per_seed": .array(runs.map { .bool($0.succeeded) }),
                    "diverged_per_seed": .array(runs.map { .bool($0.diverged) }),
                    "diverged_at_step_per_seed": .array(runs.map { $0.divergedAtStep.map { .integer($0) } ?? .null }),
                    "steps_to_threshold_per_seed": .array(runs.map { $0.stepsToThreshold.map { .integer($0) } ?? .null }),
                ])
            }
            var entry: [String: JSONValue] = [
                "steps": .integer(steps(problem)),
                "threshold": .number(problem.threshold),
                "figure_seed": .of(seed(problem)),
                "optimizers": .object(perOptimizer),
            ]
            if let spread = optimizers.compactMap({ outcome(problem, $0).finalLossRelativeSpread }).max() {
                entry["final_loss_relative_spread"] = .number(spread)
            }
            results[problem.rawValue] = .object(entry)
        }
        return [
            "seed": .of(comparison.seeds[0]),
            "seeds": .array(comparison.seeds.map { .of($0) }),
            "quick": .bool(quick),
            "results": .object(results),
        ]
    }

    // MARK: Text helpers

    /// "a", "a and b", "a, b and c".
    private func list(_ items: [String]) -> String {
        items.count <= 2 ? items.joined(separator: " and ") : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// "Gradient descent" at the start of a sentence.
    private func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// "1 seed", "20 seeds".
    private func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    private func joined(_ parts: [Markdown], separator: String) -> Markdown {
        Markdown(parts.map(\.source).joined(separator: separator))
    }
}
