import Foundation
import Report

/// The sine fit's conclusion and headline, written from the outcomes of a sweep: success
/// rates with their intervals, whether the intervals tell the optimisers apart, divergences,
/// where the failed runs stopped, median final losses and steps to the threshold. Nothing in
/// it is fixed text that another run could contradict.
public enum SineFitConclusion {
    /// The conclusion as Markdown, `first` named first (the claim's subject, e.g. Adam).
    ///
    /// - Parameters:
    ///   - meanPredictionLoss: ½·MSE of predicting the targets' mean everywhere, which a fit
    ///     with no hump stays near.
    ///   - divergenceFactor: the trainer's rule: a loss above this multiple of the first stops a run.
    public static func text(_ first: SineFitOutcome, _ second: SineFitOutcome, meanPredictionLoss: Double,
                            divergenceFactor: Double = 4) -> Markdown {
        let threshold = first.threshold
        // Three paragraphs: how often, how the others failed, how far and how fast.
        var rates: [Markdown] = [], failures: [Markdown] = [], losses: [Markdown] = []
        rates.append("**\(first.optimizer) reached ½·MSE ≤ \(threshold, format: .compact) \(from(first))** (\(rateAndInterval(first))), \(second.optimizer) \(from(second, naming: false)) (\(rateAndInterval(second))).")
        rates.append(significance(first, second))
        for outcome in [first, second] where outcome.divergedCount > 0 {
            rates.append("\(capitalized(outcome.optimizer)) diverged from \(count(outcome.divergedCount, of: outcome.seeds)): training stopped when its loss became NaN, infinite or more than \(divergenceFactor, format: .compact)× its first value.")
        }
        var meanNamed = false
        for outcome in [first, second] {
            if let sentence = self.failures(outcome, meanPredictionLoss: meanNamed ? nil : meanPredictionLoss) {
                failures.append(sentence)
                meanNamed = meanNamed || outcome.failuresByHumps.contains { $0.humps == 0 }
            }
        }
        for outcome in [first, second] {
            let worse = outcome.runs.filter(\.endedAboveStart).count
            guard worse > 0 else { continue }
            let runs = worse == outcome.seeds && worse >= 2 ? "All \(worse) of \(outcome.optimizer)'s runs" : "\(worse) of \(outcome.optimizer)'s \(outcome.seeds) \(outcome.seeds == 1 ? "run" : "runs")"
            failures.append("\(runs) ended with a higher ½·MSE than the initial weights had, at η = \(outcome.learningRate, format: .compact).")
        }
        if let medians = medians(first, second) { losses.append(medians) }
        for outcome in [first, second] {
            if let steps = steps(outcome) { losses.append(steps) }
        }
        let paragraphs = [rates, failures, losses].filter { !$0.isEmpty }.map { $0.map(\.source).joined(separator: " ") }
        return Markdown(paragraphs.joined(separator: "\n\n"))
    }

    /// One line for the table of contents: "Adam ≤ 0.005 from 11/20 seeds (34–74 %), gradient descent 2/20 (3–30 %)".
    public static func headline(_ first: SineFitOutcome, _ second: SineFitOutcome) -> String {
        func part(_ outcome: SineFitOutcome) -> String {
            "\(outcome.successes)/\(outcome.seeds) \(outcome.seeds == 1 ? "seed" : "seeds") (\(percent(outcome.interval.lowerBound))–\(percent(outcome.interval.upperBound)) %)"
        }
        return "\(first.optimizer) ≤ \(NumberFormat.compact.format(first.threshold)) from \(part(first)), \(second.optimizer) from \(part(second))"
    }

    /// "from 11 of 20 initialisations", "from all 20 initialisations", "from none of the 20
    /// initialisations"; without the noun when `naming` is false ("from 2 of 20").
    static func from(_ outcome: SineFitOutcome, naming: Bool = true) -> String {
        let k = outcome.successes, n = outcome.seeds
        let noun = naming ? " initialisation\(n == 1 ? "" : "s")" : ""
        if n >= 2 && k == n { return "from all \(n)\(noun)" }
        if n >= 2 && k == 0 { return "from none of the \(n)\(noun)" }
        return "from \(k) of \(n)\(noun)"
    }

    /// "55 %; 95 % interval 34–74 %".
    static func rateAndInterval(_ outcome: SineFitOutcome) -> String {
        "\(percent(outcome.successRate)) %; 95 % interval \(percent(outcome.interval.lowerBound))–\(percent(outcome.interval.upperBound)) %"
    }

    static func significance(_ first: SineFitOutcome, _ second: SineFitOutcome) -> Markdown {
        let seeds = first.seeds
        if first.successes == second.successes {
            if first.successes == 0 { return "Neither reached it from any seed." }
            return first.successes == seeds ? "Both reached it from every seed." : "Both succeeded equally often."
        }
        if first.interval.overlaps(second.interval) {
            return "The two 95 % intervals overlap: at \(seeds) \(seeds == 1 ? "seed" : "seeds") the difference between the rates is not significant."
        }
        let (higher, lower) = first.successRate > second.successRate ? (first, second) : (second, first)
        return "The 95 % intervals do not overlap: at \(seeds) seeds \(higher.optimizer) succeeds significantly more often than \(lower.optimizer)."
    }

    /// Where the runs that completed above the threshold stopped, by humps fitted; the loss
    /// of predicting the mean beside the runs with no hump, when given.
    static func failures(_ outcome: SineFitOutcome, meanPredictionLoss: Double?) -> Markdown? {
        // Most humps first: the order of the losses, lowest first.
        let groups = Array(outcome.failuresByHumps.reversed())
        let total = groups.reduce(0) { $0 + $1.runs.count }
        guard total > 0 else { return nil }
        let names = ["none", "one", "two", "three", "all four"]
        var parts: [String] = []
        for (index, group) in groups.enumerated() {
            let losses = Distribution(group.runs.map(\.finalLoss))
            let low = scientific(losses.minimum), high = scientific(losses.maximum)
            let range = low == high ? low : "\(low) to \(high)"
            // The first group names what is counted; the others follow its pattern.
            let what = group.humps == 4 ? "all four humps" : index == 0 ? "\(names[group.humps]) of the four humps" : names[group.humps]
            var part = "\(group.runs.count) fitted \(what) (½·MSE \(range)"
            if group.humps == 0, let meanPredictionLoss { part += "; predicting the mean gives \(scientific(meanPredictionLoss))" }
            parts.append(part + ")")
        }
        if total == outcome.seeds && total >= 2 {
            return "All \(total) of \(outcome.optimizer)'s runs ended above \(outcome.threshold, format: .compact): \(list(parts))."
        }
        let runs = total == 1 ? "run" : "runs"
        return "Of \(outcome.optimizer)'s \(total) \(runs) that ended above \(outcome.threshold, format: .compact), \(list(parts))."
    }

    static func medians(_ first: SineFitOutcome, _ second: SineFitOutcome) -> Markdown? {
        guard let a = first.finalLosses.median, let b = second.finalLosses.median, a > 0, b > 0 else { return nil }
        let head: Markdown = "Median final ½·MSE: \(first.optimizer) \(scientific(a)), \(second.optimizer) \(scientific(b))"
        let ratio = max(a, b) / min(a, b)
        if ratio < 1.05 { return "\(head), about the same." }
        let lower = a < b ? first : second
        return "\(head), \(NumberFormat.significant(2).format(ratio))× lower for \(lower.optimizer)."
    }

    static func steps(_ outcome: SineFitOutcome) -> Markdown? {
        let steps = outcome.stepsToThreshold
        guard let median = steps.median, let fastest = steps.minimum, let slowest = steps.maximum else { return nil }
        let threshold = NumberFormat.compact.format(outcome.threshold)
        if steps.count == 1 {
            return "\(capitalized(outcome.optimizer))'s successful run first went below \(threshold) after \(updates(fastest))."
        }
        return "\(capitalized(outcome.optimizer))'s successful runs first went below \(threshold) after a median of \(updates(median)) (fastest \(updates(fastest)), slowest \(updates(slowest)))."
    }

    private static func count(_ k: Int, of n: Int) -> String {
        n >= 2 && k == n ? "all \(n) initialisations" : "\(k) of \(n) initialisation\(n == 1 ? "" : "s")"
    }

    private static func updates(_ value: Double) -> String {
        NumberFormat.integer.format(value) + (value == 1 ? " update" : " updates")
    }

    private static func percent(_ fraction: Double) -> String { NumberFormat.percent(0).format(fraction) }

    private static func scientific(_ value: Double?) -> String { NumberFormat.scientific(1).format(value ?? .nan) }

    private static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// "a", "a and b", "a, b and c".
    private static func list(_ parts: [String]) -> String {
        parts.count <= 1 ? parts.joined() : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }
}
