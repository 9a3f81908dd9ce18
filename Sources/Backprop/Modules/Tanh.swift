/// The hyperbolic tangent, element-wise: y = tanh(x). `[batch × n]` → `[batch × n]`.
public final class Tanh<Scalar: BLASScalar>: Module {
    /// y, kept for the backward pass, and ∂L/∂x: both reused from call to call.
    @exclusivity(unchecked) var output = Matrix<Scalar>(), inputGradient = Matrix<Scalar>()

    public init() {}

    /// y = tanh(x)
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        output.setElements(input) { x in .tanh(x) }
        return output
    }

    /// ∂L/∂x = ∂L/∂y · (1 − y²)
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        Misuse.checkBackward(self, outputGradient, lastOutput: output)
        inputGradient.setElements(output, outputGradient) { y, dy in dy * (1 - y * y) }
        return inputGradient
    }

    public var description: String { "Tanh()" }
}
