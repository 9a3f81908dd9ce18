/// Binary cross-entropy (log loss) of probabilities p against targets y in [0, 1]:
/// L = −mean[y·log p + (1 − y)·log(1 − p)] over every element.
///
/// p is clamped to [ε, 1 − ε] (ε = the type's `ulpOfOne`) so that a saturated sigmoid
/// giving exactly 0 or 1 yields a large but finite loss and gradient instead of inf/NaN.
public struct BinaryCrossEntropy: Loss {
    public init() {}

    /// L = −(1/N) Σ [y·log p + (1 − y)·log(1 − p)]
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func loss<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>) -> Scalar {
        requireSameShape(prediction, target)
        guard prediction.count > 0 else { return 0 }
        let ε = probabilityFloor(Scalar.self)
        let sum = prediction.sum(with: target) { p, y in
            let q = Swift.min(Swift.max(p, ε), 1 - ε)
            return y * .log(q) + (1 - y) * .log(1 - q)
        }
        return -sum / Scalar(prediction.count)
    }

    /// ∂L/∂p = (p − y) / (p · (1 − p) · N), with p clamped as in the loss.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func gradient<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>, into gradient: inout Matrix<Scalar>) {
        requireSameShape(prediction, target)
        let ε = probabilityFloor(Scalar.self)
        let count = Scalar(Swift.max(prediction.count, 1))
        gradient.setElements(prediction, target) { p, y in
            let q = Swift.min(Swift.max(p, ε), 1 - ε)
            return (q - y) / (q * (1 - q) * count)
        }
    }

    public var description: String { "BinaryCrossEntropy" }
}
