/// The hyperbolic tangent, element-wise. `[batch × n]` → `[batch × n]`.
public final class Tanh<Scalar: BLASScalar>: Module {
    private var buffers = ElementwiseBuffers<Scalar>()

    public init() {}

    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.forward(input, Kernels.tanh)
    }

    /// ∂L/∂x = ∂L/∂y ⊙ (1 − y²), with y = tanh(x) cached by `forward`.
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.backward(outputGradient, module: "Tanh", Kernels.tanhBackward)
    }

    public var description: String { "Tanh()" }
}
