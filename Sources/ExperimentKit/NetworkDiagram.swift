import Backprop
import Plot

/// A small network drawn at work on one sample: a column for the input, then a column per
/// `Linear` layer's outputs; each node shows its pre-activation and activation
/// ("z 0.75 → a 0.679179") and its bias, each edge is a weight W[j, i] (PyTorch's
/// [out × in] layout) coloured by sign and as wide as its magnitude. Given a loss and a
/// target, one backward pass adds every gradient: ∂L/∂W on the edges, ∂L/∂b on the nodes,
/// and on request ∂L/∂a under each node.
///
/// The passes run on a copy of the network, so the caller's parameters, gradients and
/// cached activations are untouched.
///
/// ```swift
/// let diagram = try NetworkDiagram(network, input: Matrix([[1, 1]]),
///                                  loss: MeanSquaredError(.half), target: Matrix([[0]]), digits: 6)
/// print(diagram.prediction[0, 0], diagram.loss!)           // 0.7051186389026989 0.24859614746399733
/// try diagram.figure(title: "Notebook 000: one forward and backward pass")
///     .writePNG(to: output.file("network.png"))
/// ```
///
/// Numbers are shown with `digits` significant digits (trailing zeros dropped), in
/// scientific notation below 10⁻³. Edge labels appear while every layer has at most
/// `graph.edgeLabelLimit` units (8); larger networks are drawn without them.
public struct NetworkDiagram {
    /// The drawing, ready for `Axes.layeredGraph`; its caption holds the prediction and loss.
    public var graph: LayeredGraph
    /// The network's output for the sample, 1 × outputs.
    public let prediction: Matrix<Double>
    /// The loss of the prediction against the target, when a loss was given.
    public let loss: Double?

    /// - Parameters:
    ///   - network: `Linear` layers, each followed by any number of element-wise activations
    ///     (Sigmoid, Tanh, ReLU, Softmax); nested `Sequential`s are read through.
    ///   - input: one sample, 1 × inputs.
    ///   - loss, target: both or neither; with them, gradients are shown.
    ///   - showsActivationGradients: adds ∂L/∂a (∂L/∂x for inputs, ∂L/∂ŷ for outputs) under each node.
    ///   - digits: significant digits of every number.
    ///   - inputNames: names of the inputs (default x₁, x₂, …).
    /// - Throws: `ExperimentError` naming the problem: a module that is neither `Linear` nor an
    ///   activation, an input that is not one row of the network's width, a target of the wrong shape.
    public init(_ network: Sequential<Double>, input: Matrix<Double>, loss: (any Loss)? = nil, target: Matrix<Double>? = nil,
                showsActivationGradients: Bool = false, digits: Int = 3, inputNames: [String]? = nil) throws {
        guard input.rows == 1 else {
            throw ExperimentError("NetworkDiagram: the input must be one sample (1×n), got \(input.shape)")
        }
        guard (loss == nil) == (target == nil) else {
            throw ExperimentError("NetworkDiagram: give a loss and a target together, or neither")
        }
        do {
            _ = try network.outputShape(forInput: Shape(input.rows, input.columns))
        } catch {
            throw ExperimentError("NetworkDiagram: \(error)")
        }
        let blocks = try Self.blocks(of: network)

        // Forward, keeping z and a = f(z) of every layer.
        var activation = input
        var z: [Matrix<Double>] = [], a: [Matrix<Double>] = []
        for block in blocks {
            let pre = block.linear.forward(activation)
            activation = block.activations.reduce(pre) { $1.module.forward($0) }
            z.append(pre)
            a.append(activation)
        }
        prediction = activation

        // Backward, keeping ∂L/∂a of every layer (and of the input).
        var activationGradients: [Matrix<Double>]?
        if let loss, let target {
            do {
                try loss.check(prediction, target)
            } catch {
                throw ExperimentError("NetworkDiagram: \(error)")
            }
            self.loss = Double(loss.loss(of: prediction, target: target))
            var gradient = loss.gradient(of: prediction, target: target)
            var gradients: [Matrix<Double>] = []
            for block in blocks.reversed() {
                gradients.append(gradient)
                for activation in block.activations.reversed() { gradient = activation.module.backward(gradient) }
                gradient = block.linear.backward(gradient)
            }
            gradients.append(gradient)
            activationGradients = gradients.reversed()
        } else {
            self.loss = nil
        }

        let number = { (value: Double) in NetworkDiagram.format(value, digits: digits) }
        let showsGradients = activationGradients != nil
        var columns: [LayeredGraph.Column] = []
        columns.append(.init(title: "input", nodes: (0..<input.columns).map { i in
            let name = inputNames.flatMap { i < $0.count ? $0[i] : nil } ?? "x" + Self.subscripted(i + 1)
            var detail: String?
            if showsActivationGradients, let gradients = activationGradients { detail = "∂L/∂x \(number(gradients[0][0, i]))" }
            return .init(label: "\(name) \(number(input[0, i]))", detail: detail, fill: input[0, i])
        }))
        for (k, block) in blocks.enumerated() {
            let isOutput = k == blocks.count - 1
            let function = block.activations.map { Self.symbol(of: $0.module) }.joined(separator: " ∘ ")
            let title = (isOutput ? "output" : "hidden \(k + 1)") + " (\(function.isEmpty ? "linear" : function))"
            columns.append(.init(title: title, nodes: (0..<block.linear.outputSize).map { j in
                let zValue = z[k][0, j], aValue = a[k][0, j]
                let output = isOutput ? "ŷ" : "a"
                let label = block.activations.isEmpty ? "\(isOutput ? "ŷ" : "z") \(number(zValue))"
                                                     : "z \(number(zValue)) → \(output) \(number(aValue))"
                var detail = "b \(number(block.linear.bias.value[0, j]))"
                if showsGradients { detail += " / ∂ \(number(block.linear.bias.gradient[0, j]))" }
                if showsActivationGradients, let gradients = activationGradients {
                    detail += "\n∂L/∂\(output) \(number(gradients[k + 1][0, j]))"
                }
                return .init(label: label, detail: detail, fill: aValue)
            }))
        }
        graph = LayeredGraph(columns: columns)
        for (k, block) in blocks.enumerated() {
            let weight = block.linear.weight
            for j in 0..<weight.value.rows {
                for i in 0..<weight.value.columns {
                    var label = "w \(number(weight.value[j, i]))"
                    if showsGradients { label += " / ∂ \(number(weight.gradient[j, i]))" }
                    graph.connect(column: k, from: i, to: j, value: weight.value[j, i], label: label)
                }
            }
        }
        graph.key = ("w > 0", "w < 0")
        let values = { (m: Matrix<Double>) in m.elements.map(number).joined(separator: ", ") }
        var caption = "x = [\(values(input))] → ŷ = \(prediction.count == 1 ? number(prediction[0, 0]) : "[\(values(prediction))]")"
        if let target, let lossValue = self.loss {
            caption += ";  target y = \(target.count == 1 ? number(target[0, 0]) : "[\(values(target))]"),  loss L = \(number(lossValue))"
        }
        graph.caption = caption
    }

    /// A figure holding only the diagram, sized for the network when no size is given:
    /// wide enough for the edge labels between columns, tall enough for the largest layer.
    public func figure(title: String? = nil, width: Int? = nil, height: Int? = nil) -> Figure {
        let columns = graph.columns.count
        let tallest = graph.columns.map(\.nodes.count).max() ?? 1
        let labelled = graph.showsEdgeLabels
        let detailLines = graph.columns.flatMap(\.nodes).map { ($0.detail ?? "").split(separator: "\n").count }.max() ?? 0
        let defaultWidth = max(760, min(1800, (labelled ? 300 : 250) + (labelled ? 400 : 260) * (columns - 1)))
        let defaultHeight = min(1100, (title == nil ? 260 : 300) + (labelled ? 90 + 24 * detailLines : 28) * tallest)
        let figure = Figure(width: width ?? defaultWidth, height: height ?? max(defaultHeight, 440), title: title)
        figure[0, 0].layeredGraph(graph)
        return figure
    }

    /// A number as the diagram shows it.
    public static func format(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return NumberFormat.automatic.format(value) }
        guard value != 0 else { return "0" }
        let magnitude = abs(value)
        guard magnitude >= 1e-3 && magnitude < 1e5 else { return NumberFormat.scientific(max(1, min(digits - 1, 2))).format(value) }
        let text = NumberFormat.significant(max(1, digits)).format(value)
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed.removeLast() }
        if trimmed.hasSuffix(".") { trimmed.removeLast() }
        return String(trimmed)
    }

    /// A `Linear` layer and the activations after it, each a copy of the network's module.
    private struct Block {
        var linear: Linear<Double>
        var activations: [(name: String, module: any Module<Double>)]
    }

    private static func blocks(of network: Sequential<Double>) throws -> [Block] {
        var blocks: [Block] = []
        func read(_ sequential: Sequential<Double>) throws {
            for (name, module) in sequential.layers {
                switch module {
                case let nested as Sequential<Double>:
                    try read(nested)
                case let linear as Linear<Double>:
                    blocks.append(Block(linear: Linear(weight: linear.weight.value, bias: linear.bias.value), activations: []))
                default:
                    guard let copy = activationCopy(of: module) else {
                        throw ExperimentError("NetworkDiagram: module '\(name)' (\(module)) is neither Linear nor an activation (Sigmoid, Tanh, ReLU, Softmax)")
                    }
                    guard !blocks.isEmpty else {
                        throw ExperimentError("NetworkDiagram: module '\(name)' (\(module)) comes before any Linear layer; the diagram starts with one")
                    }
                    blocks[blocks.count - 1].activations.append((name, copy))
                }
            }
        }
        try read(network)
        guard !blocks.isEmpty else { throw ExperimentError("NetworkDiagram: the network has no Linear layer") }
        return blocks
    }

    private static func activationCopy(of module: any Module<Double>) -> (any Module<Double>)? {
        switch module {
        case is Sigmoid<Double>: Sigmoid<Double>()
        case is Tanh<Double>: Tanh<Double>()
        case is ReLU<Double>: ReLU<Double>()
        case is Softmax<Double>: Softmax<Double>()
        default: nil
        }
    }

    private static func symbol(of module: any Module<Double>) -> String {
        switch module {
        case is Sigmoid<Double>: "σ"
        case is Tanh<Double>: "tanh"
        case is ReLU<Double>: "ReLU"
        case is Softmax<Double>: "softmax"
        default: "\(module)"
        }
    }

    private static func subscripted(_ n: Int) -> String {
        let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        return String(String(n).map { digits[Int(String($0))!] })
    }
}
