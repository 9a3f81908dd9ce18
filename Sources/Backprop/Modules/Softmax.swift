/// Row-wise softmax: yₖ = e^{xₖ} / Σⱼ e^{xⱼ} over each row. `[batch × k]` → `[batch × k]`.
///
/// Each row is shifted by its maximum first (which leaves y unchanged), so logits of ±1000
/// give exact probabilities instead of inf/inf. For training a classifier,
/// `SoftmaxCrossEntropy` on logits is faster and more accurate than this module followed
/// by `CrossEntropy`.
public final class Softmax<Scalar: BLASScalar>: Module {
    /// y, kept for the backward pass, and ∂L/∂x.
    @exclusivity(unchecked) var output = Matrix<Scalar>(), inputGradient = Matrix<Scalar>()

    public init() {}

    /// yₖ = e^{xₖ − max x} / Σⱼ e^{xⱼ − max x}, row by row.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        output.setRows(input) { x, y in
            let largest = x.maximum()
            for k in x.indices { y[k] = .exp(x[k] - largest) }
            let total = y.sum()
            for k in y.indices { y[k] /= total }
        }
        return output
    }

    /// ∂L/∂xₖ = yₖ · (∂L/∂yₖ − Σⱼ ∂L/∂yⱼ · yⱼ), row by row: the Jacobian diag(y) − y·yᵀ applied to ∂L/∂y.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        Misuse.checkBackward(self, outputGradient, lastOutput: output)
        inputGradient.setRows(output, outputGradient) { y, dy, dx in
            let dot = dy.sum(with: y) { dy, y in dy * y }
            for k in y.indices { dx[k] = y[k] * (dy[k] - dot) }
        }
        return inputGradient
    }

    public var description: String { "Softmax()" }
}
