/// The rectifier, element-wise: y = max(0, x). `[batch × n]` → `[batch × n]`.
///
/// NaN stays NaN in both directions, as in PyTorch, so that a broken input or weight shows
/// instead of turning into a plausible 0.
public final class ReLU<Scalar: BLASScalar>: Module {
    /// y, kept for the backward pass (y > 0 exactly where x > 0), and ∂L/∂x.
    @exclusivity(unchecked) var output = Matrix<Scalar>(), inputGradient = Matrix<Scalar>()

    public init() {}

    /// y = max(0, x)
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        output.setElements(input) { x in x < 0 ? 0 : x }
        return output
    }

    /// ∂L/∂x = ∂L/∂y where x > 0, else 0 (the derivative at 0 is taken as 0, as PyTorch does).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        Misuse.checkBackward(self, outputGradient, lastOutput: output)
        inputGradient.setElements(output, outputGradient) { y, dy in y <= 0 ? 0 : dy }
        return inputGradient
    }

    public var description: String { "ReLU()" }
}
