import RealModule

/// How a parameter matrix is filled. Draws come from the generator in row-major order, so
/// a seed fixes every weight.
public enum Initializer: Sendable, Equatable {
    /// Glorot & Bengio (2010): U(−a, a) with a = gain·√(6 / (fanIn + fanOut)), as PyTorch's `xavier_uniform_`.
    case xavierUniform(gain: Double = 1)
    /// N(0, σ²) with σ = gain·√(2 / (fanIn + fanOut)), as PyTorch's `xavier_normal_`.
    case xavierNormal(gain: Double = 1)
    /// He et al. (2015) for ReLU layers: U(−a, a) with a = gain·√(3 / fanIn); pass `gain(for: .relu)`.
    case heUniform(gain: Double = 2.0.squareRoot())
    /// N(0, σ²), e.g. the notebooks' `σ·randn` with σ = 0.1 or 0.01.
    case normal(standardDeviation: Double)
    /// U(lower, upper); `.uniform()` is [0, 1), the notebooks' `np.random.rand`.
    case uniform(lower: Double = 0, upper: Double = 1)
    case zeros
    case constant(Double)

    /// A `rows × columns` matrix drawn from this initialiser.
    public func matrix<Scalar: BLASScalar>(
        rows: Int, columns: Int, fanIn: Int, fanOut: Int, using generator: inout SeededGenerator
    ) -> Matrix<Scalar> {
        let count = rows * columns
        var values = [Double]()
        values.reserveCapacity(count)
        switch self {
        case .xavierUniform(let gain):
            let bound = gain * (6.0 / Double(fanIn + fanOut)).squareRoot()
            for _ in 0..<count { values.append(generator.uniform(-bound, bound)) }
        case .xavierNormal(let gain):
            let deviation = gain * (2.0 / Double(fanIn + fanOut)).squareRoot()
            for _ in 0..<count { values.append(deviation * generator.normal()) }
        case .heUniform(let gain):
            let bound = gain * (3.0 / Double(fanIn)).squareRoot()
            for _ in 0..<count { values.append(generator.uniform(-bound, bound)) }
        case .normal(let deviation):
            for _ in 0..<count { values.append(deviation * generator.normal()) }
        case .uniform(let lower, let upper):
            for _ in 0..<count { values.append(generator.uniform(lower, upper)) }
        case .zeros:
            values = [Double](repeating: 0, count: count)
        case .constant(let value):
            values = [Double](repeating: value, count: count)
        }
        return Matrix(rows: rows, columns: columns, elements: values.map { Scalar($0) })
    }

    /// The recommended gain for a nonlinearity, as PyTorch's `calculate_gain`:
    /// linear and sigmoid 1, tanh 5/3, ReLU √2.
    public static func gain(for nonlinearity: Nonlinearity) -> Double {
        switch nonlinearity {
        case .linear, .sigmoid: 1
        case .tanh: 5.0 / 3.0
        case .relu: 2.0.squareRoot()
        }
    }

    /// Nonlinearities that `gain(for:)` knows (PyTorch's `calculate_gain(nonlinearity)`).
    public enum Nonlinearity: String, Sendable, CaseIterable {
        case linear, sigmoid, tanh, relu
    }
}
