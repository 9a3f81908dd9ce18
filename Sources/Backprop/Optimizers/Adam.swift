import RealModule

/// Adam (Kingma & Ba, 2015), with ε where PyTorch's `torch.optim.Adam` puts it: for each
/// step t and each element,
///
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     θ ← θ − η/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε)
public final class Adam<Scalar: BLASScalar>: Optimizer {
    public let parameters: [Parameter<Scalar>]
    @exclusivity(unchecked) public var learningRate: Double
    public let beta1: Double, beta2: Double, epsilon: Double
    /// t, the number of steps taken.
    public private(set) var stepCount = 0
    /// m and v for each parameter: running means of g and of g².
    @exclusivity(unchecked) var m: [Matrix<Scalar>], v: [Matrix<Scalar>]

    public init(parameters: [Parameter<Scalar>], learningRate: Double = 0.001,
                beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        m = parameters.map { Matrix(rows: $0.value.rows, columns: $0.value.columns) }
        v = m
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func step() {
        stepCount += 1
        let t = Double(stepCount)
        let step = Step(beta1: Scalar(beta1), beta2: Scalar(beta2), epsilon: Scalar(epsilon),
                        size: Scalar(learningRate / (1 - .pow(beta1, t))),
                        rootOfCorrection2: Scalar((1 - .pow(beta2, t)).squareRoot()))
        for index in parameters.indices {
            Adam.update(&parameters[index].value, &m[index], &v[index], gradient: parameters[index].gradient, step)
        }
    }

    /// This step's constants: β₁, β₂, ε, η/(1 − β₁ᵗ) and √(1 − β₂ᵗ).
    struct Step {
        var beta1, beta2, epsilon, size, rootOfCorrection2: Scalar
    }

    /// The update of one element θ with its moments m, v and gradient g. The engine applies
    /// it to every element (in vector instructions where the CPU has them: `Adam+Engine.swift`).
    @inline(__always)
    static func update(_ θ: inout Scalar, _ m: inout Scalar, _ v: inout Scalar, _ g: Scalar, _ step: Step) {
        m = step.beta1 * m + (1 - step.beta1) * g
        v = step.beta2 * v + (1 - step.beta2) * g * g
        θ -= step.size * (m / (v.squareRoot() / step.rootOfCorrection2 + step.epsilon))
    }
}
