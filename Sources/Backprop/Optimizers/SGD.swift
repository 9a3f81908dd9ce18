/// Stochastic gradient descent, optionally with momentum, with PyTorch's semantics:
/// v ← μ·v + g (v = g on the first step), θ ← θ − η·v. With μ = 0 it is plain θ ← θ − η·g.
public final class SGD<Scalar: BLASScalar>: Optimizer {
    public let parameters: [Parameter<Scalar>]
    @exclusivity(unchecked) public var learningRate: Double
    /// μ.
    public let momentum: Double
    @exclusivity(unchecked) private var velocities: [Matrix<Scalar>]
    @exclusivity(unchecked) private var started = false

    public init(parameters: [Parameter<Scalar>], learningRate: Double, momentum: Double = 0) {
        precondition(momentum >= 0 && momentum < 1, "SGD: momentum must be in [0, 1), got \(momentum)")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        velocities = momentum == 0 ? [] : parameters.map { Matrix(rows: $0.value.rows, columns: $0.value.columns) }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func step() {
        let eta = Scalar(learningRate)
        if momentum == 0 {
            // Index loops: see `Sequential.forward` (no per-element allocation when unspecialised).
            for index in parameters.indices { parameters[index].value.add(parameters[index].gradient, scaledBy: -eta) }
            return
        }
        let mu = Scalar(started ? momentum : 0)
        for index in parameters.indices {
            let parameter = parameters[index]
            velocities[index].scale(by: mu)
            velocities[index].add(parameter.gradient)
            parameter.value.add(velocities[index], scaledBy: -eta)
        }
        started = true
    }
}
