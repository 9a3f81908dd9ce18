/// Stochastic gradient descent, optionally with momentum, with PyTorch's semantics:
/// v ← μ·v + g (v = g on the first step), θ ← θ − η·v. With μ = 0 it is plain θ ← θ − η·g.
public final class SGD<Scalar: BLASScalar>: Optimizer {
    public let parameters: [Parameter<Scalar>]
    @exclusivity(unchecked) public var learningRate: Double
    /// μ.
    public let momentum: Double
    /// v for each parameter (empty without momentum).
    @exclusivity(unchecked) var velocities: [Matrix<Scalar>]
    @exclusivity(unchecked) var started = false

    public init(parameters: [Parameter<Scalar>], learningRate: Double, momentum: Double = 0) {
        Misuse.check(momentum >= 0 && momentum < 1, "SGD: momentum must be in [0, 1), got \(momentum)")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        velocities = momentum == 0 ? [] : parameters.map { Matrix(rows: $0.value.rows, columns: $0.value.columns) }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func step() {
        let η = Scalar(learningRate), μ = Scalar(started ? momentum : 0)
        for index in parameters.indices {
            let parameter = parameters[index]
            if momentum == 0 {
                parameter.value.updateElements(with: parameter.gradient) { θ, g in θ - η * g }
            } else {
                velocities[index].updateElements(with: parameter.gradient) { v, g in μ * v + g }
                parameter.value.updateElements(with: velocities[index]) { θ, v in θ - η * v }
            }
        }
        started = true
    }
}
