import ExperimentKit

/// What the checks add up to, written from their results only: the conclusion of the page and
/// the terminal, the headline for the table of contents, and the message of a failing run.
struct CheckSummary {
    var checks: [Check]
    /// The seed and step of notebook 002's check, named in its sentence.
    var seed: UInt64, epsilon: Double

    var failed: [Check] { checks.filter { !$0.passed } }

    /// "All 26 checks passed" or "2 of 26 checks failed".
    var verdict: String {
        failed.isEmpty ? "All \(checks.count) checks passed" : "\(failed.count) of \(checks.count) checks failed"
    }

    var headline: String {
        guard failed.isEmpty else { return "\(verdict.replacingOccurrences(of: "failed", with: "FAILED")): \(failed.map(\.name).joined(separator: ", "))" }
        guard let circles = check("notebook002") else { return verdict }
        return "\(verdict); notebook 002's relative difference \(Check.format(circles.error))"
    }

    /// One paragraph: the verdict, then what each notebook's checks found, in page order.
    var conclusion: String {
        var sentences: [String] = []
        sentences.append(failed.isEmpty ? "\(verdict)." : failureSentence)
        let linear = checks.filter { $0.key.hasPrefix("notebook000_") && !$0.key.hasPrefix("notebook000_sigmoid_output") }
        if !linear.isEmpty {
            sentences.append("Notebook 000's forward values and nine gradients \(agreement(linear)).")
        }
        let bonus = checks.filter { $0.key.hasPrefix("notebook000_sigmoid_output") }
        if !bonus.isEmpty {
            sentences.append("With a sigmoid on the output (the notebook's bonus) they \(agreement(bonus)).")
        }
        if let sine = check("notebook001") {
            sentences.append("Notebook 001's batched gradients \(agreement([sine])).")
        }
        if let circles = check("notebook002") {
            sentences.append(notebook002Sentence(circles))
        }
        var worst: [String] = [], bounds: [String] = []
        for precision in ["Double", "Float"] {
            let modules = checks.filter { $0.key.hasPrefix("module_") && $0.name.contains("(\(precision),") }
            guard let largest = modules.max(by: { !($0.error >= $1.error) }) else { continue }
            worst.append("\(Check.format(largest.error)) in \(precision == "Double" ? "double" : "single") precision (\(largest.name.prefix { $0 != " " }))")
            bounds.append(Check.format(largest.bound))
        }
        let modules = checks.filter { $0.key.hasPrefix("module_") }
        if !worst.isEmpty {
            let within = modules.allSatisfy(\.passed) ? (bounds.count == 1 ? "within the bound" : "within the bounds")
                                                        : (bounds.count == 1 ? "against the bound" : "against the bounds")
            sentences.append("Over every module and loss the largest relative difference from finite differences was \(worst.joined(separator: " and ")), \(within) \(bounds.joined(separator: " and ")).")
        }
        return sentences.joined(separator: " ")
    }

    /// "2 of 26 checks failed against finite differences, ε = 0.5: Sigmoid (Double, batch 6):
    /// 8.47e-3 > 1e-7; …", and what the pattern points at when only finite differences failed.
    private var failureSentence: String {
        let references = Set(failed.map(\.reference))
        let items = failed.map { check in
            "\(check.name)\(references.count == 1 ? "" : " against \(check.reference)"): \(Check.format(check.error)) > \(Check.format(check.bound))"
        }
        var sentence = "\(verdict)\(references.count == 1 ? " against \(references.first!)" : ""): \(items.joined(separator: "; "))."
        // Exact references agreeing while finite differences disagree says the step is off,
        // not the gradients: a central difference errs by O(ε²) plus rounding of order 1e-16/ε.
        let exactPassed = checks.filter { $0.key.hasPrefix("notebook00") && $0.key != "notebook002" }.allSatisfy(\.passed)
        let doubleStep = "finite differences, ε = \(compactNumber(epsilon))"
        if exactPassed && failed.allSatisfy({ $0.reference == doubleStep && !$0.name.contains("(Float,") }) {
            let cause = epsilon > 1e-5 ? "too large: the truncation error grows as ε²" : (epsilon < 1e-8 ? "too small: rounding error grows as 1/ε" : nil)
            if let cause {
                sentence += " Only finite differences disagree, while the exact references agree: the step ε = \(compactNumber(epsilon)) is \(cause)."
            }
        }
        return sentence
    }

    /// The notebook printed one number for its own random weights; ours comes from other
    /// random weights, so the two agree in order of magnitude, not in digits.
    private func notebook002Sentence(_ circles: Check) -> String {
        let notebook = Notebook002.printedDifference
        let ratio = circles.error / notebook
        let comparison: String
        if !ratio.isFinite || ratio == 0 {
            comparison = "the notebook printed \(Check.format(notebook)) for its own random weights"
        } else if ratio >= 1 {
            comparison = "\(NumberFormat.compact.format(ratio))× the \(Check.format(notebook)) the notebook printed for its own random weights"
        } else {
            comparison = "\(NumberFormat.significant(2).format(1 / ratio))× below the \(Check.format(notebook)) the notebook printed for its own random weights"
        }
        let bound = Check.format(circles.bound)
        let verdict = circles.passed ? "both below the bound \(bound)" : "ours is over the bound \(bound), the notebook's below it"
        return "Notebook 002's gradient check on the circles gives a relative difference of \(Check.format(circles.error)) (seed \(seed)'s weights, ε = \(compactNumber(epsilon))), \(comparison); \(verdict)."
    }

    /// "equal the notebook's code in float64 and PyTorch autograd exactly, and differ from the
    /// notebook's printout (8 decimals) by at most 1.10e-9 (bound 5e-9)".
    private func agreement(_ group: [Check]) -> String {
        func list(_ parts: [String]) -> String {
            parts.count <= 2 ? parts.joined(separator: " and ") : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
        }
        var clauses: [String] = []
        let exact = group.filter { $0.error == 0 }
        if !exact.isEmpty { clauses.append("equal \(list(exact.map(\.reference))) exactly") }
        let close = group.filter { $0.error != 0 && $0.passed }
        if !close.isEmpty {
            clauses.append("differ from " + list(close.map { "\($0.reference) by at most \(Check.format($0.error)) (bound \(Check.format($0.bound)))" }))
        }
        let over = group.filter { !$0.passed }
        if !over.isEmpty {
            clauses.append("differ from " + list(over.map { "\($0.reference) by \(Check.format($0.error)), over the bound \(Check.format($0.bound))" }))
        }
        return clauses.joined(separator: ", and ")
    }

    private func check(_ key: String) -> Check? { checks.first { $0.key == key } }
}
