import Backprop

/// What one forward and backward pass through notebook 000's 2-2-1 network computed, in our
/// layout: a weight and its gradient are `[out × in]` as in PyTorch's `nn.Linear`, so our
/// `W1[j, i]` is the notebook's `W1[i][j]`, the edge from input i to hidden unit j.
struct Notebook000Pass {
    /// The network, its parameters holding the gradients of this pass.
    var network: Sequential<Double>
    var sigmoidOutput: Bool
    /// x, 1 × 2, and y, 1 × 1.
    var input: Matrix<Double>, target: Matrix<Double>
    /// z₁ = x·W1ᵀ + b1 and h = σ(z₁), 1 × 2.
    var hiddenPreactivation: Matrix<Double>, hiddenActivation: Matrix<Double>
    /// z₂ = h·W2ᵀ + b2, and ŷ (z₂ itself, or σ(z₂) with a sigmoid output).
    var outputPreactivation: Double, prediction: Double
    /// W2, 1 × 2, the weights a hidden unit's δ is multiplied by.
    var outputWeight: Matrix<Double>
    var loss: Double
    /// ∂L/∂W1 (2 × 2), ∂L/∂b1 (1 × 2), ∂L/∂W2 (1 × 2), ∂L/∂b2 (1 × 1).
    var w1Gradient: Matrix<Double>, b1Gradient: Matrix<Double>, w2Gradient: Matrix<Double>, b2Gradient: Matrix<Double>

    /// Every number of the pass, named, in the order the notebook prints them.
    var quantities: [Notebook000Quantity] {
        var list: [Notebook000Quantity] = []
        for j in 0..<2 { list.append(.init(key: "z1[\(j)]", symbol: "z₁[\(j)]", place: "h\(sub(j))", value: hiddenPreactivation[0, j])) }
        for j in 0..<2 { list.append(.init(key: "h[\(j)]", symbol: "h[\(j)] = σ(z₁[\(j)])", place: "h\(sub(j))", value: hiddenActivation[0, j])) }
        if sigmoidOutput { list.append(.init(key: "z2", symbol: "z₂", place: "ŷ", value: outputPreactivation)) }
        list.append(.init(key: "prediction", symbol: sigmoidOutput ? "ŷ = σ(z₂)" : "ŷ = z₂", place: "ŷ", value: prediction))
        list.append(.init(key: "loss", symbol: "L", place: "", value: loss))
        list += Notebook000Quantity.weightGradients("W1", inputs: ["x₁", "x₂"], outputs: ["h₁", "h₂"], ours: w1Gradient)
        for j in 0..<2 { list.append(.init(key: "b1[\(j)]", symbol: "∂L/∂b1[\(j)]", place: "h\(sub(j))", value: b1Gradient[0, j], isGradient: true)) }
        list += Notebook000Quantity.weightGradients("W2", inputs: ["h₁", "h₂"], outputs: ["ŷ"], ours: w2Gradient)
        list.append(.init(key: "b2", symbol: "∂L/∂b2", place: "ŷ", value: b2Gradient[0, 0], isGradient: true))
        return list
    }

    private func sub(_ index: Int) -> String { ["₁", "₂"][index] }
}

/// One number of notebook 000's pass: a forward value or a gradient.
struct Notebook000Quantity {
    /// Stable key in metrics.json: "z1[0]", "prediction", "loss", "W1[1,0]" (our [out, in]
    /// index), "b1[0]", "W2[0,1]", "b2".
    var key: String
    /// As a reader writes it: "∂L/∂W1[0][1]" (the notebook's [in][out] index), "h[0] = σ(z₁[0])".
    var symbol: String
    /// The node ("h₁") or edge ("x₁ → h₂") it belongs to in the diagram.
    var place: String
    var value: Double
    var isGradient = false

    /// The symbol with a word joiner between index brackets, so a narrow table column does
    /// not break "W1[0][1]" after "[0]".
    var unbreakableSymbol: String { symbol.replacingOccurrences(of: "][", with: "]\u{2060}[").replacingOccurrences(of: "/", with: "/\u{2060}") }

    /// One entry per weight, in the notebook's print order (row i = input, column j = unit):
    /// symbol with the notebook's index `[i][j]`, key with ours `[j,i]`.
    static func weightGradients(_ name: String, inputs: [String], outputs: [String], ours gradient: Matrix<Double>) -> [Self] {
        var list: [Self] = []
        for i in inputs.indices {
            for j in outputs.indices {
                list.append(.init(key: "\(name)[\(j),\(i)]", symbol: "∂L/∂\(name)[\(i)][\(j)]",
                                  place: "\(inputs[i]) → \(outputs[j])", value: gradient[j, i], isGradient: true))
            }
        }
        return list
    }
}
