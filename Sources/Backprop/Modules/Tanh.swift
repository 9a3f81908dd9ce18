/// The hyperbolic tangent, element-wise. `[batch × n]` → `[batch × n]`.
public final class Tanh<Scalar: BLASScalar>: Module {
    private var buffers = ActivationBuffers<Scalar>()

    public init() {}

    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.forward(input) { x, y, _ in Kernels.tanh(x, y) }
    }

    /// ∂L/∂x = ∂L/∂y ⊙ (1 − y²), with y = tanh(x) cached by `forward`.
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.backward(outputGradient, module: "Tanh") { y, dy, dx, _ in Kernels.tanhBackward(y, dy, dx) }
    }

    public var description: String { "Tanh()" }
}
