/// A fully connected layer, y = x·Wᵀ + b. `[batch × inputSize]` → `[batch × outputSize]`.
///
/// The weight is stored `[outputSize × inputSize]` and the bias `[1 × outputSize]`, the
/// layout of PyTorch's `nn.Linear`, so checkpoints carry over without transposing.
/// (The notebooks' `x @ W` convention stores the transpose of this weight.)
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

    /// The matrix the last forward pass read and which of its rows: the whole of a
    /// hidden layer's input, or one mini-batch of a data set for a first layer.
    @exclusivity(unchecked) private var input = Matrix<Scalar>(rows: 0, columns: 0)
    @exclusivity(unchecked) private var inputRows = 0..<0
    @exclusivity(unchecked) private var hasInput = false
    @exclusivity(unchecked) private var output = Matrix<Scalar>(rows: 0, columns: 0)
    @exclusivity(unchecked) private var inputGradient = Matrix<Scalar>(rows: 0, columns: 0)
    /// The second thread's partial ∂L/∂W when a product cuts the batch in two (`Product`).
    @exclusivity(unchecked) private var partialWeightGradient: [Scalar] = []

    /// A layer with explicit values: `weight` is `[outputSize × inputSize]`, `bias` `[1 × outputSize]`.
    public init(weight: Matrix<Scalar>, bias: Matrix<Scalar>) {
        precondition(bias.rows == 1 && bias.columns == weight.rows,
                     "Linear: bias is \(bias.shape), weight \(weight.shape) needs a 1×\(weight.rows) bias")
        inputSize = weight.columns
        outputSize = weight.rows
        self.weight = Parameter(name: "weight", value: weight)
        self.bias = Parameter(name: "bias", value: bias)
    }

    /// A layer whose parameters are drawn by the initialisers from `generator`.
    public convenience init(
        _ inputSize: Int, _ outputSize: Int,
        weightInitializer: Initializer = .xavierUniform(),
        biasInitializer: Initializer = .zeros,
        using generator: inout SeededGenerator
    ) {
        precondition(inputSize > 0 && outputSize > 0, "Linear: sizes must be positive, got \(inputSize) → \(outputSize)")
        let weight: Matrix<Scalar> = weightInitializer.matrix(rows: outputSize, columns: inputSize,
                                                              fanIn: inputSize, fanOut: outputSize, using: &generator)
        let bias: Matrix<Scalar> = biasInitializer.matrix(rows: 1, columns: outputSize,
                                                          fanIn: inputSize, fanOut: outputSize, using: &generator)
        self.init(weight: weight, bias: bias)
    }

    public var parameters: [Parameter<Scalar>] { [weight, bias] }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func zeroGradients() {
        weight.gradient.setZero()
        bias.gradient.setZero()
    }

    public func outputShape(forInput shape: Shape) throws(ShapeMismatch) -> Shape {
        guard shape.columns == inputSize else {
            throw ShapeMismatch(site: description, expected: "N×\(inputSize)", actual: "\(shape)")
        }
        return Shape(shape.rows, outputSize)
    }

    public var hasParameters: Bool { true }

    public var rowsAreIndependent: Bool { true }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        forward(input, rows: 0..<input.rows)
    }

    /// y = x·Wᵀ + b: the bias is written into every row first and the product is added onto
    /// it by the same BLAS call (β = 1), so there is no separate broadcasting pass. x is
    /// read in place, through a pointer to its first row.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>, rows: Range<Int>) -> Matrix<Scalar> {
        precondition(input.columns == inputSize, "\(description): expected input N×\(inputSize), got \(input.shape)")
        precondition(rows.lowerBound >= 0 && rows.upperBound <= input.rows, "\(description): rows \(rows) outside the input \(input.shape)")
        self.input = input
        inputRows = rows
        hasInput = true
        output.reshape(rows: rows.count, columns: outputSize)
        output.fillRows(with: bias.value)
        guard !rows.isEmpty else { return output }
        input.elements.withUnsafeBufferPointer { x in
            weight.value.elements.withUnsafeBufferPointer { w in
                output.elements.withUnsafeMutableBufferPointer { y in
                    Product.run(transposeA: false, transposeB: true, m: rows.count, n: outputSize, k: inputSize,
                                alpha: 1, a: x.baseAddress! + rows.lowerBound * inputSize, lda: inputSize,
                                b: w.baseAddress!, ldb: inputSize, beta: 1, c: y.baseAddress!, ldc: outputSize)
                }
            }
        }
        return output
    }

    /// ∂L/∂W += (∂L/∂y)ᵀ·x, ∂L/∂b += Σ_batch ∂L/∂y, and returns ∂L/∂x = ∂L/∂y·W.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        accumulateParameterGradients(outputGradient)
        Matrix.multiply(outputGradient, weight.value, into: &inputGradient)
        return inputGradient
    }

    /// ∂L/∂W += (∂L/∂y)ᵀ·x and ∂L/∂b += Σ_batch ∂L/∂y, without ∂L/∂x.
    ///
    /// The cached input is released afterwards, so that the previous layer can reuse its
    /// output buffer in the next step without a copy.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func accumulateParameterGradients(_ outputGradient: Matrix<Scalar>) {
        precondition(hasInput, "\(description): backward called before forward")
        precondition(outputGradient.shape == Shape(inputRows.count, outputSize),
                     "\(description): output gradient is \(outputGradient.shape), the last output was \(Shape(inputRows.count, outputSize))")
        if !inputRows.isEmpty {
            let scratch = Product.scratchCount(m: outputSize, n: inputSize, k: inputRows.count)
            if partialWeightGradient.count < scratch {
                partialWeightGradient = [Scalar](repeating: 0, count: scratch)
            }
            outputGradient.elements.withUnsafeBufferPointer { dy in
                input.elements.withUnsafeBufferPointer { x in
                    weight.gradient.elements.withUnsafeMutableBufferPointer { dw in
                        partialWeightGradient.withUnsafeMutableBufferPointer { partial in
                            Product.run(transposeA: true, transposeB: false, m: outputSize, n: inputSize, k: inputRows.count,
                                        alpha: 1, a: dy.baseAddress!, lda: outputSize,
                                        b: x.baseAddress! + inputRows.lowerBound * inputSize, ldb: inputSize,
                                        beta: 1, c: dw.baseAddress!, ldc: inputSize, scratch: partial)
                        }
                    }
                }
            }
        }
        outputGradient.sumColumns(into: &bias.gradient)
        input = Matrix(rows: 0, columns: 0)
        hasInput = false
    }

    public var description: String { "Linear(\(inputSize) → \(outputSize))" }
}
