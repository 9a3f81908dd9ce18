/// Row-wise softmax: yᵢ = e^{xᵢ} / Σⱼ e^{xⱼ} over each row's columns. `[batch × k]` → `[batch × k]`.
///
/// Each row is shifted by its maximum first, so logits of ±1000 give exact probabilities
/// instead of inf/inf. For training a classifier, `SoftmaxCrossEntropy` on logits is both
/// faster and more accurate than this module followed by `CrossEntropy`.
public final class Softmax<Scalar: BLASScalar>: Module {
    private var output = Matrix<Scalar>(rows: 0, columns: 0)
    private var inputGradient = Matrix<Scalar>(rows: 0, columns: 0)
    private var hasOutput = false

    public init() {}

    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        output.reshape(rows: input.rows, columns: input.columns)
        input.elements.withUnsafeBufferPointer { x in
            output.elements.withUnsafeMutableBufferPointer { y in
                Kernels.softmaxRows(x.baseAddress!, y.baseAddress!, rows: input.rows, columns: input.columns)
            }
        }
        hasOutput = true
        return output
    }

    /// ∂L/∂xᵢ = yᵢ · (∂L/∂yᵢ − Σⱼ ∂L/∂yⱼ · yⱼ) per row (the Jacobian diag(y) − y·yᵀ applied to ∂L/∂y).
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        precondition(hasOutput, "Softmax: backward called before forward")
        precondition(outputGradient.shape == output.shape,
                     "Softmax: output gradient is \(outputGradient.shape), the last output was \(output.shape)")
        inputGradient.reshape(rows: output.rows, columns: output.columns)
        output.elements.withUnsafeBufferPointer { y in
            outputGradient.elements.withUnsafeBufferPointer { dy in
                inputGradient.elements.withUnsafeMutableBufferPointer { dx in
                    Kernels.softmaxBackward(y.baseAddress!, dy.baseAddress!, dx.baseAddress!, rows: output.rows, columns: output.columns)
                }
            }
        }
        return inputGradient
    }

    public var description: String { "Softmax()" }
}
