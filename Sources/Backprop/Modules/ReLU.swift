/// The rectifier max(0, x), element-wise. `[batch × n]` → `[batch × n]`.
public final class ReLU<Scalar: BLASScalar>: Module {
    private var buffers = ElementwiseBuffers<Scalar>()

    public init() {}

    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.forward(input, Kernels.relu)
    }

    /// ∂L/∂x = ∂L/∂y ⊙ [x > 0]; the derivative at 0 is taken as 0, as PyTorch does.
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        buffers.backward(outputGradient, module: "ReLU", Kernels.reluBackward)
    }

    public var description: String { "ReLU()" }
}
