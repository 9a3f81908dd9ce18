import Backprop
import ExperimentKit
import Plot
import XCTest

final class NetworkDiagramTests: XCTestCase {
    /// Notebook 000's 2-2-1 network: W1 = [[0.5, 0.75], [0.25, 0.25]] in the notebook's
    /// (in, out) layout, which is [[0.5, 0.25], [0.75, 0.25]] in ours; W2 = [0.5, 0.5]; no biases.
    private func notebook000(sigmoidOutput: Bool = false) -> Sequential<Double> {
        let network = Sequential<Double>()
        network.append(Linear(weight: Matrix([[0.5, 0.25], [0.75, 0.25]]), bias: Matrix([[0, 0]])), name: "Dense_1")
        network.append(Sigmoid(), name: "Sigmoid_1")
        network.append(Linear(weight: Matrix([[0.5, 0.5]]), bias: Matrix([[0]])), name: "Dense_2")
        if sigmoidOutput { network.append(Sigmoid(), name: "Sigmoid_2") }
        return network
    }

    private func notebookDiagram(_ network: Sequential<Double>, activationGradients: Bool = false) throws -> NetworkDiagram {
        try NetworkDiagram(network, input: Matrix([[1, 1]]), loss: MeanSquaredError(.half), target: Matrix([[0]]),
                           showsActivationGradients: activationGradients, digits: 6)
    }

    /// Every number the notebook printed, to six significant digits, in the text handed to
    /// the renderer: prediction 0.70511864, loss 0.24859614746399733, W1 gradient rows
    /// 0.07682091 and 0.06931737, W2 gradients 0.47890156 and 0.51548303, b2 gradient 0.70511864.
    func testNotebook000DiagramCarriesTheNotebooksNumbers() throws {
        let diagram = try notebookDiagram(notebook000())
        XCTAssertEqual(diagram.prediction[0, 0], 0.7051186389026989, accuracy: 1e-15)
        XCTAssertEqual(try XCTUnwrap(diagram.loss), 0.24859614746399733, accuracy: 1e-15)
        let figure = diagram.figure(title: "Notebook 000")
        let layout = diagram.graph.layout(width: figure.width, height: figure.height)

        // Edges: weight W[j, i] from input i to unit j, with ∂L/∂W[j, i].
        XCTAssertEqual(Set(layout.texts(.edgeLabel).map(\.text)), [
            "w 0.5 / ∂ 0.0768209", "w 0.25 / ∂ 0.0768209",      // into hidden unit 1
            "w 0.75 / ∂ 0.0693174", "w 0.25 / ∂ 0.0693174",     // into hidden unit 2
            "w 0.5 / ∂ 0.478902", "w 0.5 / ∂ 0.515483",         // into the output
        ])
        XCTAssertEqual(layout.texts(.edgeLabel).count, 6)
        let edgeLabels = layout.texts(.edgeLabel).map { (diagram.graph.edges[$0.edge!], $0.text) }
        for (edge, text) in edgeLabels where edge.column == 1 {
            XCTAssertEqual(text, edge.from == 0 ? "w 0.5 / ∂ 0.478902" : "w 0.5 / ∂ 0.515483")
        }
        // Nodes: σ(0.75) = 0.679179, σ(1) = 0.731059; biases 0 with ∂L/∂b = the row sums of δ.
        XCTAssertEqual(layout.texts(.nodeLabel).map(\.text), ["x₁ 1", "x₂ 1", "z 0.75 → a 0.679179", "z 1 → a 0.731059", "ŷ 0.705119"])
        XCTAssertEqual(layout.texts(.nodeDetail).map(\.text), ["b 0 / ∂ 0.0768209", "b 0 / ∂ 0.0693174", "b 0 / ∂ 0.705119"])
        XCTAssertEqual(layout.texts(.columnTitle).map(\.text), ["input", "hidden 1 (σ)", "output (linear)"])
        XCTAssertEqual(layout.texts(.caption).map(\.text), ["x = [1, 1] → ŷ = 0.705119;  target y = 0,  loss L = 0.248596"])
        // Edge colour and width: all weights positive here, the widest is 0.75.
        XCTAssertTrue(layout.edges.allSatisfy { $0.color == diagram.graph.positiveColor })
        let widest = try XCTUnwrap(layout.edges.max { $0.width < $1.width })
        XCTAssertEqual(diagram.graph.edges[widest.edge].value, 0.75)
    }

    /// The bonus: a sigmoid on the output; the gradients are the hand-derived chain rule's.
    func testSigmoidOutputVariantShowsTheActivationAndItsGradients() throws {
        let diagram = try notebookDiagram(notebook000(sigmoidOutput: true), activationGradients: true)
        func σ(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        let h = [σ(0.75), σ(1)], yHat = σ(0.5 * h[0] + 0.5 * h[1])
        let delta2 = yHat * yHat * (1 - yHat)
        let format = { NetworkDiagram.format($0, digits: 6) }
        let layout = diagram.graph.layout(width: 1200, height: 700)
        XCTAssertEqual(layout.texts(.columnTitle).last?.text, "output (σ)")
        XCTAssertEqual(layout.texts(.nodeLabel).last?.text, "z \(format(0.5 * h[0] + 0.5 * h[1])) → ŷ \(format(yHat))")
        XCTAssertTrue(layout.texts(.edgeLabel).contains { $0.text == "w 0.5 / ∂ \(format(h[0] * delta2))" })
        XCTAssertTrue(layout.texts(.edgeLabel).contains { $0.text == "w 0.5 / ∂ \(format(h[1] * delta2))" })
        let details = layout.texts(.nodeDetail).map(\.text)
        XCTAssertTrue(details.contains("b 0 / ∂ \(format(delta2))"), "\(details)")
        // ∂L/∂ŷ = ŷ − y for ½·MSE; ∂L/∂a of hidden unit i = δ₂ · w₂ᵢ.
        XCTAssertTrue(details.contains("∂L/∂ŷ \(format(yHat))"), "\(details)")
        XCTAssertTrue(details.contains("∂L/∂a \(format(delta2 * 0.5))"), "\(details)")
        XCTAssertEqual(format(0.1006142663), "0.100614")
    }

    /// Drawing between a forward and a backward pass changes nothing the caller holds:
    /// parameters, accumulated gradients, and the activations the backward pass needs.
    func testDrawingLeavesTheNetworkAsItWas() throws {
        let network = notebook000()
        for parameter in network.parameters { parameter.gradient = Matrix(rows: parameter.gradient.rows, columns: parameter.gradient.columns, repeating: 0.25) }
        let values = network.parameters.map(\.value), gradients = network.parameters.map(\.gradient)
        let x = Matrix<Double>([[1, 1]])
        let prediction = network.forward(x)
        _ = try notebookDiagram(network)
        _ = try NetworkDiagram(network, input: Matrix([[0.3, -2]]))
        XCTAssertEqual(network.parameters.map(\.value), values)
        XCTAssertEqual(network.parameters.map(\.gradient), gradients)
        network.zeroGradients()
        _ = network.backward(MeanSquaredError(.half).gradient(of: prediction, target: Matrix([[0]])))
        let w2 = network.parameters[2].gradient
        XCTAssertEqual(w2[0, 0], 0.47890155993425865, accuracy: 1e-15, "the backward pass used the caller's forward pass")
        XCTAssertEqual(w2[0, 1], 0.5154830299217307, accuracy: 1e-15)
    }

    func testNetworkWiderThanTheLimitHasNoEdgeLabels() throws {
        var generator = SeededGenerator(seed: 3)
        let network = Sequential<Double>()
        network.append(Linear(2, 9, using: &generator))
        network.append(Tanh())
        network.append(Linear(9, 1, using: &generator))
        let diagram = try NetworkDiagram(network, input: Matrix([[0.5, -0.5]]), loss: MeanSquaredError(.half), target: Matrix([[1]]))
        let figure = diagram.figure()
        XCTAssertFalse(diagram.graph.showsEdgeLabels)
        let layout = diagram.graph.layout(width: figure.width, height: figure.height)
        XCTAssertTrue(layout.texts(.edgeLabel).isEmpty)
        XCTAssertEqual(layout.edges.count, 2 * 9 + 9)
        XCTAssertEqual(layout.texts(.columnTitle).map(\.text), ["input", "hidden 1 (tanh)", "output (linear)"])
        // The same network 8 wide is labelled.
        let narrow = Sequential<Double>()
        narrow.append(Linear(2, 8, using: &generator))
        narrow.append(Tanh())
        narrow.append(Linear(8, 1, using: &generator))
        XCTAssertTrue(try NetworkDiagram(narrow, input: Matrix([[0.5, -0.5]])).graph.showsEdgeLabels)
    }

    func testBadInputsAreReportedWithTheirCause() {
        let network = notebook000()
        XCTAssertThrowsError(try NetworkDiagram(network, input: Matrix([[1, 1, 1]]))) { error in
            XCTAssertTrue("\(error)".contains("Dense_1"), "\(error)")
        }
        XCTAssertThrowsError(try NetworkDiagram(network, input: Matrix([[1, 1], [2, 2]]))) { error in
            XCTAssertTrue("\(error)".contains("one sample"), "\(error)")
        }
        XCTAssertThrowsError(try NetworkDiagram(network, input: Matrix([[1, 1]]), loss: MeanSquaredError(.half), target: Matrix([[0, 1]]))) { error in
            XCTAssertTrue("\(error)".contains("1×2"), "\(error)")
        }
        let softmaxFirst = Sequential<Double>()
        softmaxFirst.append(Softmax(), name: "first")
        softmaxFirst.append(Linear(weight: Matrix([[1, 1]]), bias: Matrix([[0]])))
        XCTAssertThrowsError(try NetworkDiagram(softmaxFirst, input: Matrix([[1, 1]]))) { error in
            XCTAssertTrue("\(error)".contains("'first'"), "\(error)")
        }
    }

    func testNumbersKeepTheirDigitsWithoutTrailingZeros() {
        XCTAssertEqual(NetworkDiagram.format(0.7051186389026989, digits: 6), "0.705119")
        XCTAssertEqual(NetworkDiagram.format(0.5, digits: 6), "0.5")
        XCTAssertEqual(NetworkDiagram.format(-12.5, digits: 3), "-12.5")
        XCTAssertEqual(NetworkDiagram.format(0, digits: 3), "0")
        XCTAssertEqual(NetworkDiagram.format(0.000123456, digits: 3), "1.23e-4")
        XCTAssertEqual(NetworkDiagram.format(.nan, digits: 3), "NaN")
    }

    /// Writes the diagrams to look at when VISUALS_SAMPLE_DIR is set.
    func testDiagramsRenderForTheExperimentsShapes() throws {
        let directory = ProcessInfo.processInfo.environment["VISUALS_SAMPLE_DIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("diagram-\(UUID().uuidString)")
        defer { if ProcessInfo.processInfo.environment["VISUALS_SAMPLE_DIR"] == nil { try? FileManager.default.removeItem(at: directory) } }
        var generator = SeededGenerator(seed: 1)
        let sine = Sequential<Double>()
        sine.append(Linear(1, 4, weightInitializer: .xavierUniform(gain: 4), using: &generator)); sine.append(Sigmoid())
        sine.append(Linear(4, 4, weightInitializer: .xavierUniform(gain: 4), using: &generator)); sine.append(Sigmoid())
        sine.append(Linear(4, 1, weightInitializer: .xavierUniform(gain: 4), using: &generator)); sine.append(Sigmoid())
        let and = Sequential<Double>()
        and.append(Linear(weight: Matrix([[5.2, 5.1]]), bias: Matrix([[-7.9]]))); and.append(Sigmoid())
        let cases: [(String, NetworkDiagram, String)] = [
            ("diagram-notebook000.png", try notebookDiagram(notebook000()), "Notebook 000: x = [1, 1], y = 0, one forward and backward pass"),
            ("diagram-notebook000-sigmoid.png", try notebookDiagram(notebook000(sigmoidOutput: true), activationGradients: true), "Bonus: a sigmoid on the output"),
            ("diagram-sine.png", try NetworkDiagram(sine, input: Matrix([[0.3]]), loss: MeanSquaredError(.half), target: Matrix([[0.9]])), "1-4-4-1 at x = 0.3"),
            ("diagram-and.png", try NetworkDiagram(and, input: Matrix([[1, 1]]), loss: BinaryCrossEntropy(), target: Matrix([[1]])), "AND neuron at x = [1, 1]"),
        ]
        for (name, diagram, title) in cases {
            let figure = diagram.figure(title: title)
            let url = directory.appendingPathComponent(name)
            try figure.writePNG(to: url)
            XCTAssertGreaterThan(try Data(contentsOf: url).count, 10_000, name)
            let layout = diagram.graph.layout(width: figure.width, height: figure.height)
            let outside = layout.texts.filter { $0.kind != .nodeLabel && $0.kind != .nodeDetail }
            for (a, first) in outside.enumerated() {
                for second in outside[(a + 1)...] { XCTAssertFalse(first.frame.intersects(second.frame), "\(name): '\(first.text)' overlaps '\(second.text)'") }
                for node in layout.nodes { XCTAssertFalse(first.frame.intersects(node.frame), "\(name): '\(first.text)' overlaps a node") }
            }
        }
    }
}
