/// The rectifier max(0, x), element-wise. `[batch × n]` → `[batch × n]`.
public final class ReLU<Scalar: BLASScalar>: Activation {
    @exclusivity(unchecked) private var buffers = ActivationBuffers<Scalar>()

    public init() {}

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.forward(input) { x, y, _ in Kernels.relu(x, y) }
    }

    /// ∂L/∂x = ∂L/∂y ⊙ [x > 0]; the derivative at 0 is taken as 0, as PyTorch does.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.backward(outputGradient, module: "ReLU") { y, dy, dx, _ in Kernels.reluBackward(y, dy, dx) }
    }

    public var description: String { "ReLU()" }
}
