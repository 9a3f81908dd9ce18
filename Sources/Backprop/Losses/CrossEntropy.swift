/// Cross-entropy of row-wise probabilities p (e.g. a `Softmax` output) against target
/// distributions t (usually one-hot): L = −mean over rows of Σₖ tₖ·log pₖ.
///
/// Probabilities are floored at ε (the type's `ulpOfOne`) before the logarithm. Prefer
/// `SoftmaxCrossEntropy` on logits when training: it never takes the log of a rounded-off
/// probability.
public struct CrossEntropy: Loss {
    public init() {}

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func loss<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>) -> Scalar {
        requireSameShape(prediction, target)
        guard prediction.rows > 0 else { return 0 }
        let epsilon = probabilityFloor(Scalar.self)
        var sum: Scalar = 0
        prediction.elements.withUnsafeBufferPointer { p in
            target.elements.withUnsafeBufferPointer { t in
                for i in p.indices where t[i] != 0 { sum -= t[i] * Scalar.log(Swift.max(p[i], epsilon)) }
            }
        }
        return sum / Scalar(prediction.rows)
    }

    /// ∂L/∂pₖ = −tₖ / (pₖ · batch).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func gradient<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>, into gradient: inout Matrix<Scalar>) {
        requireSameShape(prediction, target)
        gradient.reshape(rows: prediction.rows, columns: prediction.columns)
        let epsilon = probabilityFloor(Scalar.self)
        let batch = Scalar(Swift.max(prediction.rows, 1))
        prediction.elements.withUnsafeBufferPointer { p in
            target.elements.withUnsafeBufferPointer { t in
                gradient.elements.withUnsafeMutableBufferPointer { g in
                    for i in p.indices { g[i] = -t[i] / (Swift.max(p[i], epsilon) * batch) }
                }
            }
        }
    }

    public var averagesRows: Bool { true }

    public var description: String { "CrossEntropy" }
}
