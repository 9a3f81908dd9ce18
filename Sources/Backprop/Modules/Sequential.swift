/// A network that runs its modules in order: forward from first to last, backward from
/// last to first, each module's output the next one's input.
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
    /// What each module offers a trainer (`TrainingFastPaths`), and the first module that has
    /// (or, without fast paths, may have) parameters: found once, when a module is appended.
    @exclusivity(unchecked) var fastPaths: [any TrainingFastPaths<Scalar>] = []
    @exclusivity(unchecked) var firstWithParameters: Int?
    /// The last input shape the whole chain was checked for: training repeats one shape.
    @exclusivity(unchecked) var checkedShape: Shape?

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
        Misuse.check(!layers.contains { $0.name == chosen }, "Sequential: a module is already named '\(chosen)'")
        layers.append((chosen, module))
        fastPaths.append(module.fastPaths)
        if firstWithParameters == nil && module.fastPaths.hasParameters { firstWithParameters = layers.count - 1 }
        checkedShape = nil
    }

    /// The module with the given name.
    public subscript(name: String) -> (any Module<Scalar>)? {
        layers.first { $0.name == name }?.module
    }

    /// x → module₁ → module₂ → … → y
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ input: Matrix<Scalar>) -> Matrix<Scalar> {
        checkShapes(Shape(input.rows, input.columns))
        var activation = input
        // Index loops here and in `backward`: a `for … in layers` over elements whose type
        // depends on Scalar heap-allocates per element when the loop is not specialised.
        for index in layers.indices { activation = layers[index].module.forward(activation) }
        return activation
    }

    /// ∂L/∂y → … → module₂ → module₁ → ∂L/∂x, each module adding its parameter gradients.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ outputGradient: Matrix<Scalar>) -> Matrix<Scalar> {
        var gradient = outputGradient
        for index in layers.indices.reversed() { gradient = layers[index].module.backward(gradient) }
        return gradient
    }

    public var parameters: [Parameter<Scalar>] { layers.flatMap { $0.module.parameters } }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func zeroGradients() {
        for index in layers.indices { layers[index].module.zeroGradients() }
    }

    /// Every parameter with its qualified name, e.g. ("Dense_1.weight", W₁).
    public var namedParameters: [(name: String, parameter: Parameter<Scalar>)] {
        layers.flatMap { layer in layer.module.parameters.map { ("\(layer.name).\($0.name)", $0) } }
    }

    /// Checking the whole chain once per input shape turns a stop deep inside a layer into
    /// a message that names the layer.
    func checkShapes(_ shape: Shape) {
        guard shape != checkedShape else { return }
        do {
            _ = try outputShape(forInput: shape)
        } catch {
            Misuse.fail("Sequential: \(error)")
        }
        checkedShape = shape
    }

    public var description: String {
        let width = layers.map(\.name.count).max() ?? 0
        var lines = ["Sequential(\(layers.count) modules, \(parameterCount) parameters)"]
        for layer in layers {
            let padded = layer.name + String(repeating: " ", count: width - layer.name.count)
            let count = layer.module.parameterCount
            lines.append("  \(padded)  \(layer.module)" + (count > 0 ? "  [\(count) parameters]" : ""))
        }
        return lines.joined(separator: "\n")
    }
}

extension Sequential: ShapeTransforming {
    /// The shape after every module, or the first mismatch, named by the module's name.
    public func outputShape(forInput shape: Shape) throws(ShapeMismatch) -> Shape {
        var current = shape
        for layer in layers {
            guard let shaped = layer.module as? any ShapeTransforming else { continue }
            do {
                current = try shaped.outputShape(forInput: current)
            } catch {
                throw ShapeMismatch(site: "'\(layer.name)' \(error.site)", expected: error.expected, actual: error.actual)
            }
        }
        return current
    }
}
