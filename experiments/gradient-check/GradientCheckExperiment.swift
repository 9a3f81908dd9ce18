// experiment-gradient-check: do our back-propagated gradients equal the numbers notebooks
// 000–002 printed, PyTorch's autograd and finite differences?
import ArgumentParser
import Backprop
import ExperimentKit
import Foundation

@main
struct GradientCheckExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment-gradient-check",
        abstract: "Reproduce the notebooks' forward and backward numbers and check every gradient.",
        discussion: """
        1. Notebook 000: the 2-2-1 network with the notebook's weights, one forward and backward \
        pass, printed as the notebook prints it and compared with its printout, with its own code \
        run in float64, with PyTorch autograd and with the chain rule written out by hand.
        2. Its bonus: a sigmoid on the output, against the chain rule by hand and PyTorch.
        3. Notebook 001: batched 1-4-4-1 gradients against PyTorch autograd (a fixture).
        4. Notebook 002: circles, a 2-3-4-5-1 ReLU network with BCE, against finite differences.
        5. Every module and loss, in Double and Float, against finite differences.
        Writes metrics.json and the two network diagrams to the output directory; exits with \
        status 1, naming them, when any check fails.
        """
    )

    @OptionGroup var common: ExperimentOptions

    @Option(help: ArgumentHelp("Central-difference step of the double-precision finite-difference checks (single precision uses 1e-2).",
                               valueName: "ε"))
    var epsilon = 1e-6

    func validate() throws {
        try OptionCheck.value(epsilon, of: "--epsilon", in: 1e-12...1)
    }

    func run() throws {
        let output = try common.outputDirectory(for: "gradient-check")
        let fixture = try Notebook000References.fixture(Resources.url("notebook000.json"))

        // Notebook 000: the network of cell 6, then the bonus with a sigmoid on the output.
        let notebook000 = Self.notebook000Pass(sigmoidOutput: false)
        let bonus = Self.notebook000Pass(sigmoidOutput: true)
        let comparisons = Notebook000Comparisons(linearOutput: notebook000, sigmoidOutput: bonus, fixture: fixture)
        print(comparisons.printout)

        // Notebook 001: the 1-4-4-1 network on two samples, against PyTorch autograd.
        let sine = try Notebook001.compare(fixture: Resources.url("sine_gradients.json"))

        // Notebook 002: circles through the 2-3-4-5-1 network, against finite differences.
        let (mlp, circles, draws) = Notebook002.model(seed: common.seed)
        let circlesCheck = Notebook002.check(mlp, on: circles, epsilon: epsilon)

        // Every module and loss, in both precisions.
        var generator = SeededGenerator(seed: common.seed)
        let moduleChecks = ModuleChecks.all(epsilon: epsilon, quick: common.quick, using: &generator)

        let checks = comparisons.checks + [
            Check(key: "notebook001", name: "Notebook 001, 1-4-4-1 gradients on 2 samples", reference: "PyTorch autograd",
                  error: sine.maxError, bound: Check.float64Bound, measure: .absolute),
            Check(key: "notebook002", name: "Notebook 002, circles, 2-3-4-5-1 ReLU + BCE",
                  reference: "finite differences, ε = \(compactNumber(epsilon))",
                  error: circlesCheck.relativeDifference, bound: ModuleChecks.doubleBound, measure: .relative),
        ] + moduleChecks
        let summary = CheckSummary(checks: checks, seed: common.seed, epsilon: epsilon)

        let figures = try Figures.diagrams(notebook000, bonus, to: output)
        let page = GradientCheckReport(notebook000: notebook000, bonus: bonus, comparisons: comparisons,
                                       mlp: mlp, draws: draws, summary: summary, figures: figures,
                                       seed: common.seed, epsilon: epsilon, quick: common.quick)
        var report = page.document
        report["notebook001_per_tensor_max_error"] = .object(sine.perTensor.mapValues(JSONValue.number))
        report["notebook002_per_parameter"] = .object(Dictionary(uniqueKeysWithValues: circlesCheck.entries.map {
            ($0.name, JSONValue.number($0.relativeDifference))
        }))

        for table in page.checkTables { print("\n" + GradientCheckReport.terminalText(table)) }
        print("\n" + summary.conclusion)
        let written = try report.write(to: output)
        try output.commit()
        print("\nwrote \(written.path) and \(figures.map(\.file).joined(separator: ", "))")
        if !summary.failed.isEmpty {
            let lines = summary.failed.map { "  \($0.failureDescription)\n" }.joined()
            FileHandle.standardError.write(Data("experiment-gradient-check: \(summary.verdict):\n\(lines)".utf8))
            throw ExitCode.failure
        }
    }

    /// Notebook 000, cell 6: the 2-2-1 network with the notebook's weights, one forward and one
    /// backward pass for x = [1, 1], y = 0; with `sigmoidOutput`, the bonus exercise.
    static func notebook000Pass(sigmoidOutput: Bool) -> Notebook000Pass {
        // The notebook computes x @ W with W (in, out): row i holds the weights leaving input i.
        // Linear stores PyTorch's (out, in), the transpose.
        let notebookW1 = Matrix<Double>([[0.5, 0.75],
                                         [0.25, 0.25]])
        let notebookW2 = Matrix<Double>([[0.5],
                                         [0.5]])
        let hidden = Linear(weight: notebookW1.transposed(), bias: Matrix([[0, 0]]))
        let hiddenActivation = Sigmoid<Double>()
        let output = Linear(weight: notebookW2.transposed(), bias: Matrix([[0]]))
        let outputActivation = Sigmoid<Double>()
        let network = Sequential<Double>()
        network.append(hidden, name: "Dense_1")
        network.append(hiddenActivation, name: "Sigmoid_1")
        network.append(output, name: "Dense_2")
        if sigmoidOutput { network.append(outputActivation, name: "Sigmoid_2") }

        let loss = MeanSquaredError(.half)                  // mean(½(y − ŷ)²), the notebook's loss
        let x = Matrix<Double>([[1, 1]])
        let y = Matrix<Double>([[0]])

        network.zeroGradients()
        // Forward, layer by layer as network.forward(x) runs it, keeping z₁ and h to print.
        let z1 = hidden.forward(x)                          // x·W1ᵀ + b1
        let h = hiddenActivation.forward(z1)                // σ(z₁)
        let z2 = output.forward(h)                          // h·W2ᵀ + b2
        let prediction = sigmoidOutput ? outputActivation.forward(z2) : z2
        let lossValue = loss.loss(of: prediction, target: y)
        // Backward, last module first, from ∂L/∂ŷ = ŷ − y; each Linear adds its ∂L/∂W and ∂L/∂b.
        _ = network.backward(loss.gradient(of: prediction, target: y))

        return Notebook000Pass(network: network, sigmoidOutput: sigmoidOutput, input: x, target: y,
                               hiddenPreactivation: z1, hiddenActivation: h,
                               outputPreactivation: z2[0, 0], prediction: prediction[0, 0], outputWeight: output.weight.value, loss: lossValue,
                               w1Gradient: hidden.weight.gradient, b1Gradient: hidden.bias.gradient,
                               w2Gradient: output.weight.gradient, b2Gradient: output.bias.gradient)
    }
}

enum Resources {
    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil) else {
            throw ExperimentError("resource \(name) is missing from the experiment-gradient-check bundle")
        }
        return url
    }
}
