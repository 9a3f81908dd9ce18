import Backprop

/// Notebook 004's cost convention: the same loss value as `base`, but a gradient that is
/// *summed* over the batch instead of averaged.
///
/// The notebook's `MeanSquareError.gradient` returns ŷ − y per element and its
/// `CrossEntropy.gradient` returns −t/p, neither divided by anything, so `Linear.backward`
/// adds up one gradient per sample and the step is lr · Σ_batch. That is why its learning
/// rates (1e-4, 1e-5) are so small. The library's losses divide by the count they average
/// over; multiplying by that count again restores the notebook's step exactly, including
/// on the shorter last batch (50,000 = 83 · 600 + 200).
struct BatchSummedLoss: Loss {
    enum Divisor: Sendable {
        /// The base loss averages over every element (batch × outputs), as `MeanSquaredError`.
        case elements
        /// The base loss averages over rows (samples), as `CrossEntropy`.
        case rows
    }

    let base: any Loss
    let divisor: Divisor

    init(_ base: any Loss, summedOver divisor: Divisor) {
        self.base = base
        self.divisor = divisor
    }

    func loss<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>) -> Scalar {
        base.loss(of: prediction, target: target)
    }

    func gradient<Scalar: BLASScalar>(of prediction: Matrix<Scalar>, target: Matrix<Scalar>, into gradient: inout Matrix<Scalar>) {
        base.gradient(of: prediction, target: target, into: &gradient)
        gradient.scale(by: Scalar(divisor == .elements ? prediction.count : prediction.rows))
    }

    var description: String { "\(base), gradient summed over the batch" }
}
