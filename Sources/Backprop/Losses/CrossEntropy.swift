/// Cross-entropy of row-wise probabilities p (e.g. a `Softmax` output) against target
/// distributions t (usually one-hot): L = −mean over rows of Σₖ tₖ·log pₖ.
///
/// Probabilities are floored at ε (the type's `ulpOfOne`) before the logarithm. Prefer
/// `SoftmaxCrossEntropy` on logits when training: it never takes the log of a rounded-off
/// probability.
public struct CrossEntropy: Loss {
    public init() {}

    /// L = −(1/batch) Σ_rows Σₖ tₖ · log pₖ
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func loss<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>) -> Scalar {
        requireSameShape(prediction, target)
        guard prediction.rows > 0 else { return 0 }
        let ε = probabilityFloor(Scalar.self)
        // Terms with tₖ = 0 are skipped: 0 · log 0 would be NaN.
        let sum = prediction.sum(with: target) { p, t in t == 0 ? 0 : t * .log(Swift.max(p, ε)) }
        return -sum / Scalar(prediction.rows)
    }

    /// ∂L/∂pₖ = −tₖ / (pₖ · batch)
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func gradient<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>, into gradient: inout Matrix<Scalar>) {
        requireSameShape(prediction, target)
        let ε = probabilityFloor(Scalar.self)
        let batch = Scalar(Swift.max(prediction.rows, 1))
        gradient.setElements(prediction, target) { p, t in -t / (Swift.max(p, ε) * batch) }
    }

    public var description: String { "CrossEntropy" }
}
