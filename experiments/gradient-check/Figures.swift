import Backprop
import ExperimentKit

/// Notebook 000's network drawn at work: each node with z → a and its bias b / ∂L/∂b, each
/// edge with its weight w / ∂L/∂w, for the linear output and for the bonus's sigmoid output.
enum Figures {
    struct Diagram {
        var file: String
        var caption: Markdown
    }

    static func diagrams(_ linear: Notebook000Pass, _ bonus: Notebook000Pass, to output: OutputDirectory) throws -> [Diagram] {
        var diagrams: [Diagram] = []
        for (pass, file) in [(linear, "network-linear-output.png"), (bonus, "network-sigmoid-output.png")] {
            let diagram = try NetworkDiagram(pass.network, input: pass.input, loss: MeanSquaredError(.half), target: pass.target,
                                             showsActivationGradients: true, digits: 6)
            let title = pass.sigmoidOutput ? "Bonus: notebook 000's network with a sigmoid on the output"
                                           : "Notebook 000: one forward and backward pass, x = [1, 1], y = 0"
            try diagram.figure(title: title).writePNG(to: output.file(file))
            diagrams.append(Diagram(file: file, caption: caption(pass, linear: linear)))
        }
        return diagrams
    }

    /// What to look at, with this pass's numbers: an edge's ∂L/∂w is the δ of the unit it
    /// enters (the ∂ beside that unit's bias) times the value leaving the node it starts from.
    static func caption(_ pass: Notebook000Pass, linear: Notebook000Pass) -> Markdown {
        let n = { (value: Double) in NetworkDiagram.format(value, digits: 6) }
        let delta2 = pass.b2Gradient[0, 0], h = pass.hiddenActivation
        let delta1 = [pass.b1Gradient[0, 0], pass.b1Gradient[0, 1]]
        let reading: Markdown = """
            Each edge shows its weight w / ∂L/∂w; each unit z → a, its bias b / ∂L/∂b, and ∂L/∂a; \
            the hidden units are h₁ (top) and h₂. \
            Read any edge as the chain rule: its ∂L/∂w is δ = ∂L/∂z of the unit it enters (the ∂ beside that unit's bias) \
            times the value leaving the node it starts from. \
            Edge h₂ → ŷ: δ₂ \(n(delta2)) × h₂ \(n(h[0, 1])) = \(n(pass.w2Gradient[0, 1])); \
            edge x₂ → h₁: δ₁ \(n(delta1[0])) × x₂ \(n(pass.input[0, 1])) = \(n(pass.w1Gradient[0, 1]))\
            \(pass.input[0, 0] == pass.input[0, 1] ? Markdown(", the same as on x₁ → h₁ because x₁ = x₂") : "").
            """
        guard pass.sigmoidOutput else {
            return """
                \(reading) With a linear output δ₂ = ŷ − y = \(n(delta2)), and the loss \(n(pass.loss)) is ½·\(n(pass.prediction))². \
                A hidden unit's δ is δ₂ times its outgoing weight times σ′(z) = h(1 − h): \
                for h₁, \(n(delta2)) × \(n(pass.outputWeight[0, 0])) × \(n(h[0, 0] * (1 - h[0, 0]))) = \(n(delta1[0])).
                """
        }
        // The hidden layer is the same in both networks and every gradient carries δ₂, so
        // each one changes by the same factor; say so only when the numbers agree.
        let linearValues = Dictionary(uniqueKeysWithValues: linear.quantities.map { ($0.key, $0.value) })
        let ratios = pass.quantities.filter(\.isGradient).compactMap { q in linearValues[q.key].map { q.value / $0 } }
        let low = ratios.min() ?? .nan, high = ratios.max() ?? .nan
        let factor: Markdown = high - low <= 1e-12 * abs(high)
            ? "every one of the nine gradients is \(n(low))× the linear-output network's"
            : "the gradients are \(n(low))× to \(n(high))× the linear-output network's"
        return """
            \(reading) The sigmoid on the output multiplies ŷ − y = \(n(pass.prediction)) by \
            σ′(z₂) = ŷ(1 − ŷ) = \(n(pass.prediction * (1 - pass.prediction))), so δ₂ = \(n(delta2)), and \(factor).
            """
    }
}
