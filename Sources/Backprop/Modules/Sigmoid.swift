/// The logistic function σ(x) = 1 / (1 + e⁻ˣ), element-wise. `[batch × n]` → `[batch × n]`.
public final class Sigmoid<Scalar: BLASScalar>: Module {
    private var buffers = ElementwiseBuffers<Scalar>()

    public init() {}

    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.forward(input, Kernels.sigmoid)
    }

    /// ∂L/∂x = ∂L/∂y ⊙ y ⊙ (1 − y), with y = σ(x) cached by `forward`.
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.backward(outputGradient, module: "Sigmoid", Kernels.sigmoidBackward)
    }

    public var description: String { "Sigmoid()" }
}
