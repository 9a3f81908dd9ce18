import RealModule

/// Adam (Kingma & Ba, 2015) with PyTorch's numerics: for each step t,
/// m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,
/// θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε).
/// ε is added *after* the square root and after bias correction, as `torch.optim.Adam` does.
public final class Adam<Scalar: BLASScalar>: Optimizer {
    public let parameters: [Parameter<Scalar>]
    public var learningRate: Double
    public let beta1: Double, beta2: Double, epsilon: Double
    /// t, the number of steps taken.
    public private(set) var stepCount = 0
    private var m: [Matrix<Scalar>], v: [Matrix<Scalar>]

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
        let correction1 = 1 - Double.pow(beta1, t)
        let correction2 = 1 - Double.pow(beta2, t)
        let constants = Adam.Constants(beta1: Scalar(beta1), beta2: Scalar(beta2), epsilon: Scalar(epsilon),
                                       stepSize: Scalar(learningRate / correction1),
                                       sqrtCorrection2: Scalar(correction2.squareRoot()))
        for index in parameters.indices {
            let parameter = parameters[index]
            parameter.gradient.elements.withUnsafeBufferPointer { g in
                parameter.value.elements.withUnsafeMutableBufferPointer { theta in
                    m[index].elements.withUnsafeMutableBufferPointer { m in
                        v[index].elements.withUnsafeMutableBufferPointer { v in
                            Adam.update(theta, g, m, v, constants)
                        }
                    }
                }
            }
        }
    }

    struct Constants {
        var beta1, beta2, epsilon, stepSize, sqrtCorrection2: Scalar
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func update(_ theta: UnsafeMutableBufferPointer<Scalar>, _ g: UnsafeBufferPointer<Scalar>,
                       _ m: UnsafeMutableBufferPointer<Scalar>, _ v: UnsafeMutableBufferPointer<Scalar>,
                       _ c: Constants) {
        for i in theta.indices {
            m[i] = c.beta1 * m[i] + (1 - c.beta1) * g[i]
            v[i] = c.beta2 * v[i] + (1 - c.beta2) * g[i] * g[i]
            let denominator = v[i].squareRoot() / c.sqrtCorrection2 + c.epsilon
            theta[i] -= c.stepSize * m[i] / denominator
        }
    }
}
