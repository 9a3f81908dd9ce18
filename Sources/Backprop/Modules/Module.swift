/// A differentiable building block with an explicit forward and backward pass.
///
/// `forward(_:)` maps a `[batch × inputs]` matrix to `[batch × outputs]` and caches what
/// the backward pass needs. `backward(_:)` takes ∂L/∂output of the same shape as the last
/// output, returns ∂L/∂input, and *adds* the gradients of the module's parameters into
/// their `gradient` matrices; call `zeroGradients()` before each new accumulation.
///
/// Misuse (a wrong input width, backward before forward, a gradient of the wrong shape)
/// stops the program with a message naming the module and both shapes; use
/// `outputShape(forInput:)` to validate shapes ahead of time without trapping.
///
/// Two requirements exist for speed and have defaults built on the two above:
/// `forward(_:rows:)` reads a mini-batch straight out of a data set's rows, and
/// `accumulateParameterGradients(_:)` is a backward pass that skips ∂L/∂input, which
/// nobody needs for the first layer of a network (for MNIST's first layer it is a
/// `[batch × 784]` product, as costly as the forward pass).
public protocol Module<Scalar>: AnyObject, CustomStringConvertible {
    associatedtype Scalar: BLASScalar

    /// `[batch × inputs]` → `[batch × outputs]`.
    func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar>

    /// The forward pass of rows `rows` of `input`, as if they were a matrix of their own.
    /// A `Trainer` passes contiguous mini-batches this way; a module that reads its input
    /// through a pointer (`Linear`) does not copy them.
    func forward(_ input: Matrix<Scalar>, rows: Range<Int>) -> Matrix<Scalar>

    /// ∂L/∂output `[batch × outputs]` → ∂L/∂input `[batch × inputs]`; accumulates parameter gradients.
    func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar>

    /// The backward pass without its result: accumulates the parameter gradients only.
    func accumulateParameterGradients(_ outputGradient: Matrix<Scalar>)

    /// Whether the module has learnable parameters (answered without building `parameters`).
    var hasParameters: Bool { get }

    /// Whether each output row depends on its own input row only (true of every module in
    /// this library). A `Trainer` passes a large mini-batch through such a model in
    /// slices whose first-layer input fits in the cores' caches. The default is false, so
    /// that a module mixing the samples of a batch (batch normalisation) is never sliced.
    var rowsAreIndependent: Bool { get }

    /// Every learnable parameter with its gradient, in a fixed order.
    var parameters: [Parameter<Scalar>] { get }

    /// The output shape for an input shape, or the mismatch that `forward` would trap on.
    func outputShape(forInput shape: Shape) throws(ShapeMismatch) -> Shape

    /// Sets every parameter gradient to zero. A requirement (with a default) rather than
    /// an extension method so that containers and layers can zero in place: the default
    /// goes through `parameters`, which builds an array on every call.
    func zeroGradients()
}

extension Module {
    public var parameters: [Parameter<Scalar>] { [] }

    public var hasParameters: Bool { !parameters.isEmpty }

    public var rowsAreIndependent: Bool { false }

    public func forward(_ input: Matrix<Scalar>, rows: Range<Int>) -> Matrix<Scalar> {
        rows == 0..<input.rows ? forward(input) : forward(input.rows(rows))
    }

    public func accumulateParameterGradients(_ outputGradient: Matrix<Scalar>) {
        _ = backward(outputGradient)
    }

    public func outputShape(forInput shape: Shape) throws(ShapeMismatch) -> Shape { shape }

    /// Sets every parameter gradient to zero.
    public func zeroGradients() {
        for parameter in parameters { parameter.gradient.setZero() }
    }

    /// The number of learnable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}

/// A learnable matrix and the gradient accumulated for it. A reference type, because the
/// module that owns it and the optimiser that updates it must see the same values.
///
/// The state that training touches every step (these two matrices, the modules' buffers,
/// the optimisers' moments, the trainer's batches) is marked `@exclusivity(unchecked)`:
/// Swift's run-time exclusivity checks on class properties were a third of the
/// instructions of a tiny network's step (callgrind, AND gate: 7,200 per step), and every
/// access here is a plain read or write that never overlaps another. Do not write to a
/// parameter from inside a closure that is reading it.
public final class Parameter<Scalar: BLASScalar> {
    /// The name within its module ("weight", "bias").
    public let name: String
    @exclusivity(unchecked) public var value: Matrix<Scalar>
    /// ∂L/∂value, the same shape as `value`; accumulated by `backward`.
    @exclusivity(unchecked) public var gradient: Matrix<Scalar>

    public init(name: String, value: Matrix<Scalar>) {
        self.name = name
        self.value = value
        self.gradient = Matrix(rows: value.rows, columns: value.columns)
    }
}
