/// Softmax and cross-entropy fused, on logits z (the last `Linear`'s output, no `Softmax`
/// module after it): L = mean over rows of Σₖ tₖ·(log Σⱼ e^{zⱼ} − zₖ). PyTorch's `CrossEntropyLoss`.
///
/// The log-sum-exp is shifted by the row maximum, so logits of ±1000 give exact finite
/// values; the gradient never divides by a probability.
public struct SoftmaxCrossEntropy: Loss {
    public init() {}

    /// L = (1/batch) Σ_rows Σₖ tₖ · (log Σⱼ e^{zⱼ} − zₖ)
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func loss<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>) -> Scalar {
        requireSameShape(prediction, target)
        guard prediction.rows > 0 else { return 0 }
        let sum = prediction.sumOverRows(with: target) { z, t in
            let largest = z.maximum()
            let logSumExp = largest + .log(z.sum { z in .exp(z - largest) })
            return t.sum(with: z) { t, z in t == 0 ? 0 : t * (logSumExp - z) }
        }
        return sum / Scalar(prediction.rows)
    }

    /// ∂L/∂zₖ = (softmax(z)ₖ · Σⱼ tⱼ − tₖ) / batch, which is (pₖ − tₖ)/batch for one-hot targets.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func gradient<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>, into gradient: inout Matrix<Scalar>) {
        requireSameShape(prediction, target)
        let batch = Scalar(prediction.rows)
        gradient.setRows(prediction, target) { z, t, g in
            let largest = z.maximum()
            for k in z.indices { g[k] = .exp(z[k] - largest) }
            let total = g.sum(), mass = t.sum { $0 }
            for k in z.indices { g[k] = (g[k] / total * mass - t[k]) / batch }
        }
    }

    public var description: String { "SoftmaxCrossEntropy" }
}
