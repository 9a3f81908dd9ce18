import Foundation

/// A network that runs its modules in order: forward from first to last, backward from
/// last to first.
///
/// ```swift
/// var generator = SeededGenerator(seed: 0)
/// let network = Sequential<Double>()
/// network.append(Linear(2, 3, using: &generator), name: "Dense_1")
/// network.append(ReLU(), name: "ReLU_1")
/// network.append(Linear(3, 1, using: &generator), name: "Dense_out")
/// network.append(Sigmoid())                       // named "3", PyTorch-style
/// print(network)
/// ```
public final class Sequential<Scalar: BLASScalar>: Module {
    /// The modules in order, each with its name.
    @exclusivity(unchecked) public private(set) var layers: [(name: String, module: any Module<Scalar>)] = []
    /// The first module with parameters, where a trainer's backward pass stops.
    @exclusivity(unchecked) private var firstWithParameters: Int?
    /// The last input shape the whole chain was checked for.
    @exclusivity(unchecked) private var checkedShape: Shape?

    public init() {}

    /// A network of the given modules, named by their index.
    public convenience init(_ modules: [any Module<Scalar>]) {
        self.init()
        for module in modules { append(module) }
    }

    /// Appends a module. Without a name it is called by its index ("0", "1", …), as
    /// `nn.Sequential` does, so parameter names match PyTorch's (`0.weight`).
    public func append(_ module: any Module<Scalar>, name: String? = nil) {
        let chosen = name ?? String(layers.count)
        precondition(!layers.contains { $0.name == chosen }, "Sequential: a module is already named '\(chosen)'")
        layers.append((chosen, module))
        if firstWithParameters == nil && module.hasParameters { firstWithParameters = layers.count - 1 }
        checkedShape = nil
    }

    /// The module with the given name.
    public subscript(name: String) -> (any Module<Scalar>)? {
        layers.first { $0.name == name }?.module
    }

    public var parameters: [Parameter<Scalar>] { layers.flatMap { $0.module.parameters } }

    /// Zeroes each module's gradients in place (no `parameters` array is built per step).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func zeroGradients() {
        for index in layers.indices { layers[index].module.zeroGradients() }
    }

    /// Every parameter with its qualified name, e.g. ("Dense_1.weight", W₁).
    public var namedParameters: [(name: String, parameter: Parameter<Scalar>)] {
        layers.flatMap { layer in layer.module.parameters.map { ("\(layer.name).\($0.name)", $0) } }
    }

    public func outputShape(forInput shape: Shape) throws(ShapeMismatch) -> Shape {
        var current = shape
        for layer in layers {
            do {
                current = try layer.module.outputShape(forInput: current)
            } catch {
                throw ShapeMismatch(site: "'\(layer.name)' \(error.site)", expected: error.expected, actual: error.actual)
            }
        }
        return current
    }

    public var hasParameters: Bool { firstWithParameters != nil }

    public var rowsAreIndependent: Bool {
        layers.indices.allSatisfy { layers[$0].module.rowsAreIndependent }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        forward(input, rows: 0..<input.rows)
    }

    /// Runs the modules in order on rows `rows` of `input`; the first module reads them in place.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>, rows: Range<Int>) -> Matrix<Scalar> {
        // Checking the whole chain first turns a trap deep inside a layer into a message
        // that names the layer. Training repeats one shape, checked once.
        let shape = Shape(rows.count, input.columns)
        if shape != checkedShape {
            do {
                _ = try outputShape(forInput: shape)
            } catch {
                preconditionFailure("Sequential: \(error)")
            }
            checkedShape = shape
        }
        guard !layers.isEmpty else { return rows == 0..<input.rows ? input : input.rows(rows) }
        // Index loops, here and in `backward`: `for layer in layers` over elements whose type
        // depends on Scalar runs the standard library's unspecialised iterator when this
        // class is not specialised (debug builds, calls through `any Module`), and that
        // heap-allocates per element. An index range is concrete.
        var activation = layers[0].module.forward(input, rows: rows)
        for index in layers.indices.dropFirst() { activation = layers[index].module.forward(activation) }
        return activation
    }

    /// Runs the modules' backward passes in reverse order: ∂L/∂output → ∂L/∂input.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        var gradient = outputGradient
        for index in layers.indices.reversed() { gradient = layers[index].module.backward(gradient) }
        return gradient
    }

    /// The backward pass a trainer needs: it stops at the first module with parameters,
    /// which accumulates its gradients without computing ∂L/∂input, and it never runs the
    /// parameterless modules before it.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func accumulateParameterGradients(_ outputGradient: Matrix<Scalar>) {
        guard let first = firstWithParameters else { return }
        var gradient = outputGradient
        for index in layers.indices.reversed() where index > first { gradient = layers[index].module.backward(gradient) }
        layers[first].module.accumulateParameterGradients(gradient)
    }

    public var description: String {
        let width = layers.map(\.name.count).max() ?? 0
        var lines = ["Sequential(\(layers.count) modules, \(parameterCount) parameters)"]
        for layer in layers {
            let padded = layer.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let count = layer.module.parameterCount
            lines.append("  \(padded)  \(layer.module)" + (count > 0 ? "  [\(count) parameters]" : ""))
        }
        return lines.joined(separator: "\n")
    }
}
