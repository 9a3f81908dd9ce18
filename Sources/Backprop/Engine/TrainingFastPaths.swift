/// What a module can tell a trainer so that it trains faster. Optional: a `Module` without
/// it trains correctly, only without these shortcuts. `Trainer` and `Sequential` look for it
/// once (when the model is given or a module appended), not every step.
public protocol TrainingFastPaths<Scalar>: Module {
    /// The forward pass of rows `rows` of `input` as if they were a matrix of their own. A
    /// trainer passes in-order mini-batches this way; `Linear` reads them in place.
    func forward(_ input: Matrix<Scalar>, rows: Range<Int>) -> Matrix<Scalar>

    /// The backward pass without its result: accumulates the parameter gradients only (a
    /// network's first layer has nobody to pass ∂L/∂input to).
    func accumulateParameterGradients(_ outputGradient: Matrix<Scalar>)

    /// Whether the module has learnable parameters; a backward pass can stop at the first
    /// module that has some.
    var hasParameters: Bool { get }

    /// Whether each output row depends on its own input row only, so that a large
    /// mini-batch may go through in slices that fit in the caches. A module that mixes the
    /// samples of a batch (batch normalisation) must answer false.
    var rowsAreIndependent: Bool { get }
}

extension TrainingFastPaths {
    public func forward(_ input: Matrix<Scalar>, rows: Range<Int>) -> Matrix<Scalar> {
        rows == 0..<input.rows ? forward(input) : forward(input.rows(rows))
    }

    public func accumulateParameterGradients(_ outputGradient: Matrix<Scalar>) {
        _ = backward(outputGradient)
    }
}

/// A module without fast paths, seen through them: forward of rows copies them, the
/// parameter gradients come from a full backward pass, and the answers are the safe ones.
/// Trainers and networks wrap such a module once, so that every step makes the same calls.
final class WithoutFastPaths<Scalar: BLASScalar>: TrainingFastPaths {
    let module: any Module<Scalar>

    init(_ module: any Module<Scalar>) { self.module = module }

    func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> { module.forward(input) }
    func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> { module.backward(outputGradient) }
    var parameters: [Parameter<Scalar>] { module.parameters }
    func zeroGradients() { module.zeroGradients() }
    var hasParameters: Bool { true }
    var rowsAreIndependent: Bool { false }
    var description: String { module.description }
}

extension Module {
    /// The module's fast paths, or a wrapper that answers them without any.
    var fastPaths: any TrainingFastPaths<Scalar> { self as? any TrainingFastPaths<Scalar> ?? WithoutFastPaths(self) }
}

extension Linear: TrainingFastPaths {
    public var hasParameters: Bool { true }
    public var rowsAreIndependent: Bool { true }
}

// The activations: no parameters, one row at a time (softmax within a row).
extension Sigmoid: TrainingFastPaths {
    public var hasParameters: Bool { false }
    public var rowsAreIndependent: Bool { true }
    public func zeroGradients() {}
}

extension Tanh: TrainingFastPaths {
    public var hasParameters: Bool { false }
    public var rowsAreIndependent: Bool { true }
    public func zeroGradients() {}
}

extension ReLU: TrainingFastPaths {
    public var hasParameters: Bool { false }
    public var rowsAreIndependent: Bool { true }
    public func zeroGradients() {}
}

extension Softmax: TrainingFastPaths {
    public var hasParameters: Bool { false }
    public var rowsAreIndependent: Bool { true }
    public func zeroGradients() {}
}

extension Sequential: TrainingFastPaths {
    /// The first module reads the rows in place; the rest run as in `forward`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>, rows: Range<Int>) -> Matrix<Scalar> {
        checkShapes(Shape(rows.count, input.columns))
        guard !layers.isEmpty else { return rows == 0..<input.rows ? input : input.rows(rows) }
        var activation = fastPaths[0].forward(input, rows: rows)
        for index in layers.indices.dropFirst() { activation = layers[index].module.forward(activation) }
        return activation
    }

    /// Backward through the modules after the first one with parameters, which then only
    /// accumulates its own; the parameterless modules before it never run.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func accumulateParameterGradients(_ outputGradient: Matrix<Scalar>) {
        guard let first = firstWithParameters else { return }
        var gradient = outputGradient
        for index in layers.indices.reversed() where index > first { gradient = layers[index].module.backward(gradient) }
        fastPaths[first].accumulateParameterGradients(gradient)
    }

    public var hasParameters: Bool { firstWithParameters != nil }

    public var rowsAreIndependent: Bool {
        fastPaths.indices.allSatisfy { fastPaths[$0].rowsAreIndependent }
    }
}

/// A loss that is the mean of one term per row, so that a batch's loss and gradient are the
/// row-weighted combination of those of its slices: a trainer may then pass a large batch
/// through in slices. (Not every loss is: a sum over the batch is not.)
public protocol RowAveragedLoss: Loss {}

extension MeanSquaredError: RowAveragedLoss {}
extension BinaryCrossEntropy: RowAveragedLoss {}
extension CrossEntropy: RowAveragedLoss {}
extension SoftmaxCrossEntropy: RowAveragedLoss {}
