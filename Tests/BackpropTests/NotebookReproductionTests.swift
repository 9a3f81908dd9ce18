import Foundation
import XCTest
@testable import Backprop

/// The numbers the course notebooks printed, reproduced exactly.
final class NotebookReproductionTests: XCTestCase {
    // MARK: Notebook 000: the 2-2-1 network with fixed weights

    /// The notebook stores weights as (in, out) and computes x·W; ours are (out, in) like
    /// PyTorch, so every matrix below is the transpose of the notebook's.
    private func notebook000Network(sigmoidOutput: Bool) -> Sequential<Double> {
        let network = Sequential<Double>()
        network.append(Linear(weight: Matrix([[0.5, 0.25], [0.75, 0.25]]), bias: Matrix([[0, 0]])), name: "hidden")
        network.append(Sigmoid(), name: "sigmoid")
        network.append(Linear(weight: Matrix([[0.5, 0.5]]), bias: Matrix([[0]])), name: "output")
        if sigmoidOutput { network.append(Sigmoid(), name: "output_sigmoid") }
        return network
    }

    func testNotebook000ForwardAndBackwardMatchPrintedNumbers() {
        let network = notebook000Network(sigmoidOutput: false)
        let loss = MeanSquaredError(.half)
        let x = Matrix<Double>([[1, 1]]), y = Matrix<Double>([[0]])

        let prediction = network.forward(x)
        XCTAssertEqual(prediction[0, 0], 0.7051186389026989, accuracy: 1e-12)
        XCTAssertEqual(loss.loss(of: prediction, target: y), 0.24859614746399733, accuracy: 1e-12)

        network.zeroGradients()
        _ = network.backward(loss.gradient(of: prediction, target: y))
        let hidden = network["hidden"] as! Linear<Double>
        let output = network["output"] as! Linear<Double>
        // Notebook W1 gradient rows [0.0768…, 0.0693…] are per input; ours are per output unit.
        let expectedW1 = Matrix<Double>([[0.07682091071252119, 0.07682091071252119],
                                         [0.06931736937963098, 0.06931736937963098]])
        XCTAssertLessThan(hidden.weight.gradient.maxAbsoluteDifference(expectedW1), 1e-12)
        XCTAssertLessThan(hidden.bias.gradient.maxAbsoluteDifference(Matrix([[0.07682091071252119, 0.06931736937963098]])), 1e-12)
        XCTAssertLessThan(output.weight.gradient.maxAbsoluteDifference(Matrix([[0.47890155993425865, 0.5154830299217307]])), 1e-12)
        XCTAssertEqual(output.bias.gradient[0, 0], 0.7051186389026989, accuracy: 1e-12)
    }

    /// The notebook's bonus: a sigmoid on the output too, checked against the chain rule
    /// written out by hand, scalar by scalar.
    func testNotebook000WithSigmoidOutputMatchesHandDerivedChainRule() {
        let network = notebook000Network(sigmoidOutput: true)
        let loss = MeanSquaredError(.half)
        let x = Matrix<Double>([[1, 1]]), y = Matrix<Double>([[0]])
        network.zeroGradients()
        let prediction = network.forward(x)
        _ = network.backward(loss.gradient(of: prediction, target: y))

        func σ(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        // Forward by hand: z₁ = x·W1 (notebook layout), h = σ(z₁), z₂ = h·w₂, ŷ = σ(z₂).
        let h1 = σ(1 * 0.5 + 1 * 0.25), h2 = σ(1 * 0.75 + 1 * 0.25)
        let yHat = σ(0.5 * h1 + 0.5 * h2)
        // L = ½(ŷ − y)²  ⇒  δ₂ = ∂L/∂z₂ = (ŷ − y)·ŷ(1 − ŷ).
        let delta2 = (yHat - 0) * yHat * (1 - yHat)
        // ∂L/∂w₂ⱼ = hⱼ·δ₂;  δ₁ⱼ = δ₂·w₂ⱼ·hⱼ(1 − hⱼ);  ∂L/∂W1ᵢⱼ = xᵢ·δ₁ⱼ with xᵢ = 1.
        let delta1 = [delta2 * 0.5 * h1 * (1 - h1), delta2 * 0.5 * h2 * (1 - h2)]

        XCTAssertEqual(prediction[0, 0], yHat, accuracy: 1e-15)
        let hidden = network["hidden"] as! Linear<Double>
        let output = network["output"] as! Linear<Double>
        XCTAssertLessThan(output.weight.gradient.maxAbsoluteDifference(Matrix([[h1 * delta2, h2 * delta2]])), 1e-15)
        XCTAssertEqual(output.bias.gradient[0, 0], delta2, accuracy: 1e-15)
        XCTAssertLessThan(hidden.weight.gradient.maxAbsoluteDifference(Matrix([[delta1[0], delta1[0]], [delta1[1], delta1[1]]])), 1e-15)
        XCTAssertLessThan(hidden.bias.gradient.maxAbsoluteDifference(Matrix([delta1])), 1e-15)
        // And it really differs from the linear-output case (the notebook's point).
        XCTAssertNotEqual(output.bias.gradient[0, 0], 0.7051186389026989, accuracy: 1e-3)
    }

    // MARK: Notebook 001: batched gradients equal PyTorch's autograd

    private struct SineFixture: Decodable {
        struct Layer: Decodable {
            var weight: [[Double]], bias: [[Double]], weight_grad: [[Double]], bias_grad: [[Double]]
        }
        var x: [[Double]], y: [[Double]], prediction: [[Double]], loss: Double, layers: [Layer]
    }

    func testNotebook001BatchedGradientsMatchPyTorchAutograd() throws {
        // One copy of the fixture, shipped with experiment-gradient-check, read from the source tree.
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("experiments/gradient-check/Resources/sine_gradients.json")
        let fixture = try JSONDecoder().decode(SineFixture.self, from: Data(contentsOf: url))
        let network = Sequential<Double>()
        var linears: [Linear<Double>] = []
        for layer in fixture.layers {
            let linear = Linear(weight: Matrix(layer.weight), bias: Matrix(layer.bias))
            linears.append(linear)
            network.append(linear)
            network.append(Sigmoid())
        }
        let loss = MeanSquaredError(.half)
        let x = Matrix(fixture.x), y = Matrix(fixture.y)
        XCTAssertEqual(x.rows, 2, "one batched pass over both samples")

        network.zeroGradients()
        let prediction = network.forward(x)
        XCTAssertLessThan(prediction.maxAbsoluteDifference(Matrix(fixture.prediction)), 1e-12)
        XCTAssertEqual(loss.loss(of: prediction, target: y), fixture.loss, accuracy: 1e-12)
        _ = network.backward(loss.gradient(of: prediction, target: y))
        for (index, (linear, reference)) in zip(linears, fixture.layers).enumerated() {
            let weightError = linear.weight.gradient.maxAbsoluteDifference(Matrix(reference.weight_grad))
            let biasError = linear.bias.gradient.maxAbsoluteDifference(Matrix(reference.bias_grad))
            XCTAssertLessThan(weightError, 1e-12, "layer \(index) weight gradient")
            XCTAssertLessThan(biasError, 1e-12, "layer \(index) bias gradient")
            // Relative too: these gradients are ~1e-4, so 1e-12 absolute alone would be weak.
            let scale = linear.weight.gradient.elements.map(abs).max()!
            XCTAssertLessThan(weightError / scale, 1e-10, "layer \(index) weight gradient, relative")
        }
    }

    // MARK: Notebook 002: circles, 2-3-4-5-1 ReLU network, BCE, gradient check

    func testNotebook002CirclesNetworkPassesGradientCheck() {
        // Several seeds, so that a pass is not one lucky draw.
        for seed in UInt64(0)..<8 {
            let (network, result) = circlesCheck(seed: seed)
            XCTAssertLessThan(result.relativeDifference, 1e-7, "seed \(seed); the notebook printed 5.6e-9")
            XCTAssertEqual(result.entries.count, 8)
            XCTAssertEqual(result.entries.map(\.count).reduce(0, +), network.parameterCount)
        }
    }

    private func circlesCheck(seed: UInt64) -> (Sequential<Double>, GradientCheckResult) {
        var generator = SeededGenerator(seed: seed)
        let data = Circles(count: 128, radius: 0.7, noise: 0, using: &generator)
        let network = Sequential<Double>()
        // randn weights as in the notebook. Biases are small random values rather than the
        // notebook's zeros: with zero biases, a sample whose ReLUs are all off feeds an exact
        // 0 into the next ReLU, a kink where the one-sided derivative and the central
        // difference disagree by design (most seeds hit one, giving differences of ~1e-2).
        let sizes = [2, 3, 4, 5, 1]
        for (index, (fanIn, fanOut)) in zip(sizes, sizes.dropFirst()).enumerated() {
            network.append(Linear(fanIn, fanOut, weightInitializer: .normal(standardDeviation: 1),
                                  biasInitializer: .normal(standardDeviation: 0.1), using: &generator),
                           name: index == 3 ? "Dense_4_out" : "Dense_\(index + 1)")
            network.append(index == 3 ? Sigmoid() : ReLU(), name: index == 3 ? "Sigmoid" : "ReLU_\(index + 1)")
        }
        let result = GradientCheck.parameters(of: network, loss: BinaryCrossEntropy(),
                                              input: data.inputs, target: data.labels,
                                              names: network.namedParameters.map(\.name))
        return (network, result)
    }
}
