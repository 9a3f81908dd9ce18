import Backprop
import ExperimentKit

/// Notebook 000's two passes set against their references, number by number: the linear
/// output against the notebook's printout, its own code in float64, PyTorch and the chain rule
/// by hand; the sigmoid output (the bonus) against the chain rule by hand and PyTorch.
struct Notebook000Comparisons {
    var linearOutput: Notebook000Pass
    var sigmoidOutput: Notebook000Pass
    /// The references, each under the keys of `Notebook000Pass.quantities`.
    var printed: [String: Double]
    var notebookCode: [String: Double], torchLinear: [String: Double], torchSigmoid: [String: Double]
    var handLinear: HandChainRule, handSigmoid: HandChainRule

    init(linearOutput: Notebook000Pass, sigmoidOutput: Notebook000Pass, fixture: Notebook000References.Fixture) {
        self.linearOutput = linearOutput
        self.sigmoidOutput = sigmoidOutput
        printed = Notebook000References.printed.compactMapValues(Double.init)
        notebookCode = fixture.notebookCode.values(inOut: true)
        torchLinear = fixture.torchLinearOutput.values(inOut: false)
        torchSigmoid = fixture.torchSigmoidOutput.values(inOut: false)
        handLinear = HandChainRule(sigmoidOutput: false)
        handSigmoid = HandChainRule(sigmoidOutput: true)
    }

    var checks: [Check] {
        let linear = "Notebook 000, forward pass and 9 gradients", bonus = "Notebook 000 bonus, sigmoid output"
        return [
            Check(key: "notebook000_printout", name: linear, reference: "the notebook's printout (8 decimals)",
                  error: maxError(linearOutput, printed), bound: Notebook000References.printedBound, measure: .absolute),
            Check(key: "notebook000_notebook_code", name: linear, reference: "the notebook's code in float64",
                  error: maxError(linearOutput, notebookCode), bound: Check.float64Bound, measure: .absolute),
            Check(key: "notebook000_pytorch", name: linear, reference: "PyTorch autograd",
                  error: maxError(linearOutput, torchLinear), bound: Check.float64Bound, measure: .absolute),
            Check(key: "notebook000_hand_chain_rule", name: linear, reference: "the chain rule by hand",
                  error: maxError(linearOutput, handLinear.values), bound: Check.float64Bound, measure: .absolute),
            Check(key: "notebook000_sigmoid_output_hand_chain_rule", name: bonus, reference: "the chain rule by hand",
                  error: maxError(sigmoidOutput, handSigmoid.values), bound: Check.float64Bound, measure: .absolute),
            Check(key: "notebook000_sigmoid_output_pytorch", name: bonus, reference: "PyTorch autograd",
                  error: maxError(sigmoidOutput, torchSigmoid), bound: Check.float64Bound, measure: .absolute),
        ]
    }

    /// The largest |ours − reference| over the numbers the reference has; NaN when it has
    /// none of them, so that a broken reference fails instead of passing with 0.
    func maxError(_ pass: Notebook000Pass, _ reference: [String: Double]) -> Double {
        let errors = pass.quantities.compactMap { q in reference[q.key].map { abs(q.value - $0) } }
        return errors.isEmpty ? .nan : errors.reduce(0) { max($0, $1.isNaN ? .infinity : $1) }
    }

    // MARK: Tables

    /// Every number of the linear-output pass beside the notebook's printout and its code.
    var linearTable: ExperimentDocument.Table {
        var table = ExperimentDocument.Table("Notebook 000: every number of the pass, against the notebook", columns: [
            .init("quantity"), .init("edge/node"), .init("ours"), .init("notebook printed"),
            .init("|ours − printed|", format: .scientific(1)), .init("notebook's code, float64"),
            .init("|ours − code|", format: .scientific(1)),
        ], caption: """
            \("Gradient indices are the notebook's, W[i][j] for the edge from input i to unit j; ours is stored (out, in) as PyTorch's, W[j, i].") \
            \("The notebook printed 8 decimals (the loss in full); its code, run again in float64 by") \
            \(code: "tools/reference_notebook000.py"), gives every digit. Hidden values were not printed.
            """)
        for q in linearOutput.quantities {
            let shown = Notebook000References.printed[q.key]
            table.addRow(q.unbreakableSymbol, q.place, q.value.description, shown, printed[q.key].map { abs(q.value - $0) },
                         notebookCode[q.key]?.description, notebookCode[q.key].map { abs(q.value - $0) })
        }
        return table
    }

    /// Every number of the sigmoid-output pass beside the chain rule by hand and PyTorch.
    var sigmoidTable: ExperimentDocument.Table {
        var table = ExperimentDocument.Table("Bonus, a sigmoid on the output: every number, against the chain rule by hand", columns: [
            .init("quantity"), .init("edge/node"), .init("ours"), .init("chain rule by hand"),
            .init("|ours − hand|", format: .scientific(1)), .init("PyTorch autograd"),
            .init("|ours − PyTorch|", format: .scientific(1)),
        ], caption: Markdown(escaping: """
            The notebook leaves this variant as an exercise, with no numbers. The chain rule by hand: \
            δ₂ = (ŷ − y)·ŷ(1 − ŷ), ∂L/∂W2[j] = δ₂·h[j], δ₁[j] = δ₂·W2[j]·h[j](1 − h[j]), ∂L/∂W1[i][j] = x[i]·δ₁[j].
            """))
        for q in sigmoidOutput.quantities {
            let hand = handSigmoid.values[q.key], torch = torchSigmoid[q.key]
            table.addRow(q.unbreakableSymbol, q.place, q.value.description, hand?.description, hand.map { abs(q.value - $0) },
                         torch?.description, torch.map { abs(q.value - $0) })
        }
        return table
    }

    // MARK: metrics.json

    /// Each number with every reference and its error, under `values.notebook000` and
    /// `values.notebook000_sigmoid_output`.
    var json: [String: JSONValue] {
        func entries(_ pass: Notebook000Pass, _ references: [(String, [String: Double])]) -> JSONValue {
            var entries: [String: JSONValue] = [:]
            for q in pass.quantities {
                var entry: [String: JSONValue] = ["ours": .number(q.value), "quantity": .string(q.symbol)]
                if !q.place.isEmpty { entry[q.isGradient && q.place.contains("→") ? "edge" : "node"] = .string(q.place) }
                for (name, reference) in references {
                    guard let value = reference[q.key] else { continue }
                    entry[name] = .number(value)
                    entry["error_vs_\(name)"] = .number(abs(q.value - value))
                }
                entries[q.key] = .object(entry)
            }
            return .object([
                "layout": .string("keys W1[j,i] and W2[0,j] index our (out, in) weights, as PyTorch's nn.Linear; the edge from input i to unit j, the notebook's W[i][j]"),
                "values": .object(entries),
            ])
        }
        return [
            "notebook000": entries(linearOutput, [("printed", printed), ("notebook_code", notebookCode),
                                                  ("pytorch", torchLinear), ("hand_chain_rule", handLinear.values)]),
            "notebook000_sigmoid_output": entries(sigmoidOutput, [("hand_chain_rule", handSigmoid.values), ("pytorch", torchSigmoid)]),
        ]
    }

    // MARK: Terminal

    /// Notebook 000's printout as the notebook prints it, from our numbers, then every
    /// number against its references.
    var printout: String {
        let pass = linearOutput
        var lines = [
            "Notebook 000: the 2-2-1 network with the notebook's weights, x = [1, 1], y = 0",
            String(describing: pass.network),
            "",
            "Forward pass",
            "  hidden pre-activations z₁ = x·W1 + b1   \(NumpyStyle.array(pass.hiddenPreactivation.nestedRows))",
            "  hidden activations     h = σ(z₁)        \(NumpyStyle.array(pass.hiddenActivation.nestedRows))",
            "",
            "Printed as the notebook prints it. Its W is (in, out): row i holds the edges leaving input i,",
            "column j those entering unit j. Ours are stored (out, in) as PyTorch's and printed transposed here.",
            "",
        ]
        lines.append(Self.notebookPrintout(pass))
        lines += ["", GradientCheckReport.terminalText(linearTable), ""]
        lines += [
            "Bonus: a sigmoid on the output (an exercise in the notebook, which prints no numbers for it)",
            "  ŷ = σ(z₂) = σ(\(sigmoidOutput.outputPreactivation)) = \(sigmoidOutput.prediction)",
            "",
            Self.notebookPrintout(sigmoidOutput),
            "",
            GradientCheckReport.terminalText(sigmoidTable),
        ]
        return lines.joined(separator: "\n")
    }

    /// The notebook's print statements (cell 6), verbatim, over our numbers in its layout.
    static func notebookPrintout(_ pass: Notebook000Pass) -> String {
        let array = { (m: Matrix<Double>) in NumpyStyle.array(m.nestedRows) }
        return """
            Prediction: \(array(Matrix([[pass.prediction]])))
            Loss: \(pass.loss)
            Gradients of the first layer: \n
            W1:
            \(array(pass.w1Gradient.transposed())), \n
            b1: \n\(array(pass.b1Gradient))\n
            Gradients of the second layer: \n
            W2:
            \(array(pass.w2Gradient.transposed())), \n
            b2 \n\(array(pass.b2Gradient))
            """
    }
}
