/// Mean squared error over every element of the batch, in either of the notebooks' conventions.
public struct MeanSquaredError: Loss {
    public enum Convention: Sendable {
        /// L = mean ½(ŷ − y)², gradient (ŷ − y)/N: notebooks 000 and 001.
        case half
        /// L = mean (ŷ − y)², gradient 2(ŷ − y)/N: notebook 002 and PyTorch's `MSELoss`.
        case plain
    }

    public var convention: Convention

    public init(_ convention: Convention = .half) {
        self.convention = convention
    }

    /// ½ or 1.
    private var factor: Double { convention == .half ? 0.5 : 1 }

    /// L = factor · (1/N) Σ (ŷ − y)², N = batch × outputs.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func loss<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>) -> Scalar {
        requireSameShape(prediction, target)
        guard prediction.count > 0 else { return 0 }
        let sum = prediction.sum(with: target) { ŷ, y in (ŷ - y) * (ŷ - y) }
        return Scalar(factor) * sum / Scalar(prediction.count)
    }

    /// ∂L/∂ŷ = 2 · factor · (ŷ − y) / N
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func gradient<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>, into gradient: inout Matrix<Scalar>) {
        requireSameShape(prediction, target)
        let scale = Scalar(2 * factor) / Scalar(Swift.max(prediction.count, 1))
        gradient.setElements(prediction, target) { ŷ, y in scale * (ŷ - y) }
    }

    public var description: String { convention == .half ? "MeanSquaredError(mean ½(ŷ−y)²)" : "MeanSquaredError(mean (ŷ−y)²)" }
}
