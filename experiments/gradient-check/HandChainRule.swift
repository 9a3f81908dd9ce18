import Foundation

/// Notebook 000's network computed by hand, one scalar at a time, from the weights as the
/// notebook writes them: the reference our layered backward pass must reproduce, and the
/// bonus exercise the notebook leaves open (a sigmoid on the output).
///
///     z₁[j] = Σᵢ x[i]·W1[i][j] + b1[j],   h[j] = σ(z₁[j]),   z₂ = Σⱼ h[j]·W2[j] + b2,   ŷ = z₂ or σ(z₂)
///     L = ½(y − ŷ)²
///     δ₂ = ∂L/∂z₂ = (ŷ − y) · (1, or ŷ(1 − ŷ) with the sigmoid)
///     ∂L/∂W2[j] = δ₂·h[j],   ∂L/∂b2 = δ₂
///     δ₁[j] = ∂L/∂z₁[j] = δ₂·W2[j]·h[j](1 − h[j])
///     ∂L/∂W1[i][j] = x[i]·δ₁[j],   ∂L/∂b1[j] = δ₁[j]
struct HandChainRule {
    /// The notebook's weights in its (in, out) layout, W1[i][j] from input i to unit j; biases 0.
    static let w1 = [[0.5, 0.75], [0.25, 0.25]]
    static let w2 = [0.5, 0.5]
    static let x = [1.0, 1.0], y = 0.0

    let z1: [Double], h: [Double], z2: Double, prediction: Double, loss: Double
    /// ∂L/∂z₂ and ∂L/∂z₁: the "upstream" gradient each Linear layer multiplies by its input.
    let delta2: Double, delta1: [Double]

    init(sigmoidOutput: Bool) {
        func σ(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        let (x, y, w1, w2) = (Self.x, Self.y, Self.w1, Self.w2)
        z1 = (0..<2).map { j in x[0] * w1[0][j] + x[1] * w1[1][j] }
        h = z1.map(σ)
        z2 = h[0] * w2[0] + h[1] * w2[1]
        prediction = sigmoidOutput ? σ(z2) : z2
        loss = 0.5 * (y - prediction) * (y - prediction)
        delta2 = (prediction - y) * (sigmoidOutput ? prediction * (1 - prediction) : 1)
        delta1 = (0..<2).map { [delta2, h] j in delta2 * w2[j] * h[j] * (1 - h[j]) }
    }

    /// The numbers under the keys of `Notebook000Pass.quantities`.
    var values: [String: Double] {
        var values = ["z1[0]": z1[0], "z1[1]": z1[1], "h[0]": h[0], "h[1]": h[1], "z2": z2,
                      "prediction": prediction, "loss": loss, "b2": delta2]
        for j in 0..<2 {
            values["b1[\(j)]"] = delta1[j]
            values["W2[0,\(j)]"] = delta2 * h[j]
            for i in 0..<2 { values["W1[\(j),\(i)]"] = Self.x[i] * delta1[j] }
        }
        return values
    }
}
