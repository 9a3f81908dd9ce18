/// A differentiable building block with an explicit forward and backward pass.
///
/// `forward(_:)` maps a `[batch × inputs]` matrix to `[batch × outputs]` and keeps what the
/// backward pass needs. `backward(_:)` takes ∂L/∂output, of the shape of the last output,
/// returns ∂L/∂input, and *adds* the gradients of the module's parameters into their
/// `gradient` matrices; call `zeroGradients()` before each new accumulation.
///
/// Misuse (a wrong input width, backward before forward, a gradient of the wrong shape)
/// stops the program with a message naming the module and both shapes, in debug and
/// release builds; `Sequential.outputShape(forInput:)` validates a network's shapes ahead
/// of time as a thrown error instead.
///
/// Four requirements, as micrograd's `Module`; everything a trainer can use to go faster is
/// an optional refinement (`TrainingFastPaths`), and a module without it trains correctly.
public protocol Module<Scalar>: AnyObject, CustomStringConvertible {
    associatedtype Scalar: BLASScalar

    /// `[batch × inputs]` → `[batch × outputs]`.
    func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar>

    /// ∂L/∂output `[batch × outputs]` → ∂L/∂input `[batch × inputs]`; accumulates parameter gradients.
    func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar>

    /// Every learnable parameter with its gradient, in a fixed order.
    var parameters: [Parameter<Scalar>] { get }

    /// Sets every parameter gradient to zero.
    func zeroGradients()
}

extension Module {
    public var parameters: [Parameter<Scalar>] { [] }

    public func zeroGradients() {
        for parameter in parameters { parameter.gradient.setZero() }
    }

    /// The number of learnable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}

/// A module whose output shape is not its input's, or which accepts only some input shapes
/// (`Linear`): what `Sequential.outputShape(forInput:)` asks each module. Modules that keep
/// the shape (the activations) need not conform.
public protocol ShapeTransforming {
    /// The output shape for an input shape, or the mismatch that `forward` would stop on.
    func outputShape(forInput shape: Shape) throws(ShapeMismatch) -> Shape
}

/// A learnable matrix and the gradient accumulated for it. A reference type, because the
/// module that owns it and the optimiser that updates it must see the same values.
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
