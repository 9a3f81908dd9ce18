/// Row-wise softmax: yᵢ = e^{xᵢ} / Σⱼ e^{xⱼ} over each row's columns. `[batch × k]` → `[batch × k]`.
///
/// Each row is shifted by its maximum first, so logits of ±1000 give exact probabilities
/// instead of inf/inf. For training a classifier, `SoftmaxCrossEntropy` on logits is both
/// faster and more accurate than this module followed by `CrossEntropy`.
public final class Softmax<Scalar: BLASScalar>: Activation {
    @exclusivity(unchecked) private var buffers = ActivationBuffers<Scalar>()

    public init() {}

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.forward(input) { x, y, columns in
            guard !x.isEmpty else { return }
            Kernels.softmaxRows(x.baseAddress!, y.baseAddress!, rows: x.count / columns, columns: columns)
        }
    }

    /// ∂L/∂xᵢ = yᵢ · (∂L/∂yᵢ − Σⱼ ∂L/∂yⱼ · yⱼ) per row (the Jacobian diag(y) − y·yᵀ applied to ∂L/∂y).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.backward(outputGradient, module: "Softmax") { y, dy, dx, columns in
            guard !y.isEmpty else { return }
            Kernels.softmaxBackward(y.baseAddress!, dy.baseAddress!, dx.baseAddress!, rows: y.count / columns, columns: columns)
        }
    }

    public var description: String { "Softmax()" }
}
