/// The logistic function, element-wise: y = σ(x) = 1 / (1 + e⁻ˣ). `[batch × n]` → `[batch × n]`.
public final class Sigmoid<Scalar: BLASScalar>: Module {
    /// y, kept for the backward pass (σ′ is computed from it), and ∂L/∂x: both reused from
    /// call to call.
    @exclusivity(unchecked) var output = Matrix<Scalar>(), inputGradient = Matrix<Scalar>()

    public init() {}

    /// y = 1 / (1 + e⁻ˣ)
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        output.setElements(input) { x in 1 / (1 + .exp(-x)) }
        return output
    }

    /// ∂L/∂x = ∂L/∂y · σ′(x) = ∂L/∂y · y · (1 − y)
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        Misuse.checkBackward(self, outputGradient, lastOutput: output)
        inputGradient.setElements(output, outputGradient) { y, dy in dy * y * (1 - y) }
        return inputGradient
    }

    public var description: String { "Sigmoid()" }
}
