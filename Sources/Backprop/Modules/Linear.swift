/// A fully connected layer, y = x·Wᵀ + b. `[batch × inputSize]` → `[batch × outputSize]`.
///
/// The weight is stored `[outputSize × inputSize]` and the bias `[1 × outputSize]`, the
/// layout of PyTorch's `nn.Linear`, so checkpoints carry over without transposing. (The
/// notebooks' `x @ W` convention stores the transpose of this weight.)
///
/// ```swift
/// var generator = SeededGenerator(seed: 1)
/// let layer = Linear<Double>(2, 3, weightInitializer: .xavierUniform(gain: 1), using: &generator)
/// let y = layer.forward(Matrix([[1, 1]]))     // 1×3
/// ```
public final class Linear<Scalar: BLASScalar>: Module {
    public let inputSize: Int
    public let outputSize: Int
    /// W, `[outputSize × inputSize]`.
    public let weight: Parameter<Scalar>
    /// b, `[1 × outputSize]`.
    public let bias: Parameter<Scalar>

    /// x, kept for the weight gradient, and which of its rows the forward pass read.
    @exclusivity(unchecked) var input = Matrix<Scalar>(), inputRows = 0..<0
    @exclusivity(unchecked) var output = Matrix<Scalar>(), inputGradient = Matrix<Scalar>()

    /// A layer with explicit values: `weight` is `[outputSize × inputSize]`, `bias` `[1 × outputSize]`.
    public init(weight: Matrix<Scalar>, bias: Matrix<Scalar>) {
        Misuse.check(weight.rows > 0 && weight.columns > 0, "Linear: sizes must be positive, got \(weight.columns) → \(weight.rows)")
        Misuse.check(bias.rows == 1 && bias.columns == weight.rows,
                     "Linear: bias is \(bias.shape), weight \(weight.shape) needs a 1×\(weight.rows) bias")
        inputSize = weight.columns
        outputSize = weight.rows
        self.weight = Parameter(name: "weight", value: weight)
        self.bias = Parameter(name: "bias", value: bias)
    }

    /// A layer whose parameters are drawn by the initialisers from `generator`.
    public convenience init(_ inputSize: Int, _ outputSize: Int, weightInitializer: Initializer = .xavierUniform(),
                            biasInitializer: Initializer = .zeros, using generator: inout SeededGenerator) {
        Misuse.check(inputSize > 0 && outputSize > 0, "Linear: sizes must be positive, got \(inputSize) → \(outputSize)")
        self.init(weight: weightInitializer.matrix(rows: outputSize, columns: inputSize, fanIn: inputSize, fanOut: outputSize, using: &generator),
                  bias: biasInitializer.matrix(rows: 1, columns: outputSize, fanIn: inputSize, fanOut: outputSize, using: &generator))
    }

    public var parameters: [Parameter<Scalar>] { [weight, bias] }

    /// Zeroes ∂L/∂W and ∂L/∂b in place (the default goes through `parameters`, an array built per call).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func zeroGradients() {
        weight.gradient.setZero()
        bias.gradient.setZero()
    }

    /// y = x·Wᵀ + b
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        forward(input, rows: 0..<input.rows)
    }

    /// y = x·Wᵀ + b for rows `rows` of the input, read in place (a trainer passes a
    /// mini-batch this way, without copying it out of the data set).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>, rows: Range<Int>) -> Matrix<Scalar> {
        Misuse.check(input.columns == inputSize, "\(description): expected input N×\(inputSize), got \(input.shape)")
        self.input = input
        inputRows = rows
        output.assign(input[rows: rows] * weight.T + bias)
        return output
    }

    /// ∂L/∂W += (∂L/∂y)ᵀ·x,  ∂L/∂b += Σ_batch ∂L/∂y,  and ∂L/∂x = ∂L/∂y·W.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        accumulateParameterGradients(outputGradient)
        inputGradient.assign(outputGradient * weight)
        return inputGradient
    }

    /// ∂L/∂W += (∂L/∂y)ᵀ·x and ∂L/∂b += Σ_batch ∂L/∂y, without ∂L/∂x: all a network's first
    /// layer needs (for MNIST's first layer, ∂L/∂x would cost as much as the forward pass).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func accumulateParameterGradients(_ outputGradient: Matrix<Scalar>) {
        Misuse.check(input.columns == inputSize, "\(description): backward called before forward")
        Misuse.check(outputGradient.shape == Shape(inputRows.count, outputSize),
                     "\(description): output gradient is \(outputGradient.shape), the last output was \(Shape(inputRows.count, outputSize))")
        weight.gradient += outputGradient.T * input[rows: inputRows]
        bias.gradient += outputGradient.columnSums
        // Let go of x, so that the module before can overwrite its output in place next step.
        input = Matrix()
        inputRows = 0..<0
    }

    public var description: String { "Linear(\(inputSize) → \(outputSize))" }
}

extension Linear: ShapeTransforming {
    public func outputShape(forInput shape: Shape) throws(ShapeMismatch) -> Shape {
        guard shape.columns == inputSize else { throw ShapeMismatch(site: description, expected: "N×\(inputSize)", actual: "\(shape)") }
        return Shape(shape.rows, outputSize)
    }
}
