import Backprop
import ExperimentKit

/// The page: which notebooks, the question, the set-up of each check, the tables, the
/// diagrams and a conclusion written from the checks.
struct GradientCheckReport {
    var notebook000: Notebook000Pass, bonus: Notebook000Pass
    var comparisons: Notebook000Comparisons
    var mlp: Sequential<Double>
    /// Draws of notebook 002's weights until its output did not saturate.
    var draws: Int
    var summary: CheckSummary
    var figures: [Figures.Diagram]
    var seed: UInt64, epsilon: Double, quick: Bool

    private var drawsText: String {
        switch draws {
        case 1: "this run's first draw was kept"
        case Notebook002.maximumDraws: "none of this run's \(draws) draws stayed clear, and the last was kept"
        default: "this run kept draw \(draws)"
        }
    }

    var document: ExperimentDocument {
        var report = ExperimentDocument(experiment: "gradient-check", title: "Gradient check: the notebooks' numbers, reproduced")
        report.notebook = "Notebooks 000–002 · *the backward pass, checked*"
        report.question = """
            Do our back-propagated gradients equal the numbers the notebooks printed, PyTorch's autograd \
            and finite differences?
            """
        // Plain text goes in as interpolated strings, escaped: "[i][j]", "g_num" and "*" are not Markdown here.
        let notebook000Text = "one sample x = [1, 1], target y = 0; W1 = [[0.5, 0.75], [0.25, 0.25]] and W2 = [[0.5], [0.5]] in the notebook's (in, out) layout, biases 0; loss mean(½(y − ŷ)²). Compared with the notebook's printout, with its own numpy code run in float64 and PyTorch autograd"
        let notebook001Text = "the 1-4-4-1 network with a sigmoid after every layer on two samples x = [0.2, 1.2], y = sin²(4πx), weights drawn by PyTorch (Xavier uniform, sigmoid gain, torch seed 2024); loss ½·mean((ŷ − y)²); against PyTorch autograd"
        let notebook002Text = "the circles, m = 128 points in [−1, 1]², radius 0.7, noise 0, drawn from seed \(seed); the 2-3-4-5-1 network below with weights N(0, 1) and biases N(0, 0.1²) (the notebook's biases are 0: ours keep every ReLU input off its kink); binary cross-entropy; every parameter against central differences (L(θ + ε) − L(θ − ε)) / 2ε. Weights that put an output probability within \(compactNumber(Notebook002.saturation)) of 0 or 1 are drawn again, since there log(1 − p) loses its digits to cancellation and the central difference goes wrong, not the gradient; \(drawsText)."
        let modulesText = "(Linear, Sigmoid, Tanh, ReLU, Softmax, MSE, BCE, cross-entropy, softmax cross-entropy), in double and single precision: random inputs with 0.1 ≤ |v| ≤ 1.5, \(quick ? "batch 3" : "batch 2–8") (drawn from seed \(seed)), against central differences."
        report.setup.data = """
            - **Notebook 000**: \(notebook000Text) (\(code: "tools/reference_notebook000.py")), and with the chain rule \
            written out by hand. The bonus puts a sigmoid on the output; the notebook prints no numbers for it.
            - **Notebook 001**: \(notebook001Text) (\(code: "tools/reference_sine_gradients.py")).
            - **Notebook 002**: \(notebook002Text)
            - **Every module and loss** \(modulesText)
            """
        report.setup.architecture = """
            Notebook 000
            \(notebook000.network)

            Notebook 002
            \(mlp)
            """
        report.setup.addHyperparameter("seed (notebook 002, modules)", String(seed))
        // Shown as written ("1e-6"), not in four significant digits.
        report.setup.addHyperparameter("finite-difference step ε, double precision", compactNumber(epsilon))
        report.setup.addHyperparameter("finite-difference step ε, single precision", compactNumber(ModuleChecks.floatEpsilon))
        report.setup.addHyperparameter("bound: the notebook's printout", compactNumber(Notebook000References.printedBound), unit: "max |error|, half the last printed decimal")
        report.setup.addHyperparameter("bound: float64 references", compactNumber(Check.float64Bound), unit: "max |error|")
        report.setup.addHyperparameter("bound: finite differences, double (notebook 002 too)", compactNumber(ModuleChecks.doubleBound), unit: "relative difference")
        report.setup.addHyperparameter("bound: finite differences, single", compactNumber(ModuleChecks.floatBound), unit: "relative difference")

        report.results.append(comparisons.linearTable)
        report.results.append(comparisons.sigmoidTable)
        report.results += checkTables
        for diagram in figures { report.addFigure(diagram.file, caption: diagram.caption) }
        report.conclusion = Markdown(escaping: summary.conclusion)
        report.headline = summary.headline

        for (key, value) in comparisons.json { report[key] = value }
        report["checks"] = .object(Dictionary(uniqueKeysWithValues: summary.checks.map { ($0.key, $0.json) }))
        report["all_passed"] = .bool(summary.failed.isEmpty)
        report["failed_checks"] = .array(summary.failed.map { .string($0.key) })
        report["notebook002_draws"] = .integer(draws)
        report["seed"] = .of(seed)
        report["epsilon"] = .number(epsilon)
        return report
    }

    /// The verdicts: notebooks' checks first, then every module and loss.
    var checkTables: [ExperimentDocument.Table] {
        let columns: [ExperimentDocument.Table.Column] = [
            .init("check"), .init("compared with"), .init("max |error|", format: .scientific(2)),
            .init("bound", format: .scientific(0)), .init("verdict"),
        ]
        func table(_ title: String, _ checks: [Check], caption: Markdown) -> ExperimentDocument.Table {
            var table = ExperimentDocument.Table(title, columns: columns, caption: caption)
            for check in checks { table.addRow(check.name, check.reference, check.error, check.bound, check.passed ? "ok" : "FAILED") }
            return table
        }
        let notebooks = summary.checks.filter { !$0.key.hasPrefix("module_") }
        let modules = summary.checks.filter { $0.key.hasPrefix("module_") }
        return [
            table("Checks against the notebooks", notebooks, caption: """
                \("Against the notebooks' numbers and PyTorch the error is the largest |ours − reference| over every value compared; against finite differences it is the relative difference ‖g − g_num‖ / (‖g‖ + ‖g_num‖) that notebook 002's") \
                \(code: "gradient_check") prints.
                """),
            table("Every module and loss against finite differences", modules, caption: Markdown(escaping: """
                Relative difference of each module's ∂L/∂input (Linear: and its parameters) and each loss's \
                ∂L/∂prediction. Single precision keeps about 7 digits, so its step and bound are larger.
                """)),
        ]
    }

    /// A table as the terminal shows it: its title, then its columns padded.
    static func terminalText(_ table: ExperimentDocument.Table) -> String {
        var text = TextTable()
        text.headers = table.columns.map(\.name)
        text.rows = table.rows.map { row in
            // Word joiners keep index brackets together on the page; the terminal does not wrap.
            zip(row, table.columns).map { cell, column in cell.formatted(column.format).replacingOccurrences(of: "\u{2060}", with: "") }
        }
        return table.title + "\n" + text.rendered
    }
}
