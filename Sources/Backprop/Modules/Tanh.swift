/// The hyperbolic tangent, element-wise. `[batch × n]` → `[batch × n]`.
public final class Tanh<Scalar: BLASScalar>: Activation {
    @exclusivity(unchecked) private var buffers = ActivationBuffers<Scalar>()

    public init() {}

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.forward(input) { x, y, _ in Kernels.tanh(x, y) }
    }

    /// ∂L/∂x = ∂L/∂y ⊙ (1 − y²), with y = tanh(x) cached by `forward`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.backward(outputGradient, module: "Tanh") { y, dy, dx, _ in Kernels.tanhBackward(y, dy, dx) }
    }

    public var description: String { "Tanh()" }
}
