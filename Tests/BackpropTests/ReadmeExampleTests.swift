import XCTest
import Backprop

/// The README's fifteen-line example, kept compiling and learning.
final class ReadmeExampleTests: XCTestCase {
    func testReadmeExampleLearnsCircles() {
        var generator = SeededGenerator(seed: 42)
        let data = Circles(count: 128, radius: 0.7, noise: 0.05, using: &generator)
        let network = Sequential<Double>()
        network.append(Linear(2, 8, weightInitializer: .heUniform(), using: &generator), name: "Dense_1")
        network.append(ReLU(), name: "ReLU_1")
        network.append(Linear(8, 1, using: &generator), name: "Dense_out")
        network.append(Sigmoid(), name: "Sigmoid")
        let loss = BinaryCrossEntropy()
        var losses: [Double] = []
        for _ in 0..<2000 {
            network.zeroGradients()
            let prediction = network.forward(data.inputs)
            _ = network.backward(loss.gradient(of: prediction, target: data.labels))
            for p in network.parameters { p.value.add(p.gradient, scaledBy: -0.5) }
            losses.append(loss.loss(of: prediction, target: data.labels))
        }
        XCTAssertLessThan(losses.last!, 0.5 * losses.first!, "training must at least halve the loss")
        let accuracy = zip(network.forward(data.inputs).elements, data.labels.elements)
            .filter { ($0 > 0.5) == ($1 == 1) }.count
        XCTAssertGreaterThan(accuracy, 110, "8 hidden ReLUs separate a disc from a square (of 128 points)")
        XCTAssertLessThan(GradientCheck.parameters(of: network, loss: loss, input: data.inputs, target: data.labels).relativeDifference, 1e-6)
    }
}
