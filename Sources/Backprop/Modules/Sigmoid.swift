/// The logistic function σ(x) = 1 / (1 + e⁻ˣ), element-wise. `[batch × n]` → `[batch × n]`.
public final class Sigmoid<Scalar: BLASScalar>: Activation {
    @exclusivity(unchecked) private var buffers = ActivationBuffers<Scalar>()

    public init() {}

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.forward(input) { x, y, _ in Kernels.sigmoid(x, y) }
    }

    /// ∂L/∂x = ∂L/∂y ⊙ y ⊙ (1 − y), with y = σ(x) cached by `forward`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.backward(outputGradient, module: "Sigmoid") { y, dy, dx, _ in Kernels.sigmoidBackward(y, dy, dx) }
    }

    public var description: String { "Sigmoid()" }
}
