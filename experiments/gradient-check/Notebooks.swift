import Backprop
import Foundation

/// Notebook 000: the 2-2-1 network with W1 = [[0.5, 0.75], [0.25, 0.25]] and W2 = [[0.5], [0.5]]
/// in the notebook's (in, out) layout; ours is (out, in), hence the transposes below.
enum Notebook000 {
    struct Outcome {
        var prediction: Double, loss: Double
        var w1: Matrix<Double>, b1: Matrix<Double>, w2: Matrix<Double>, b2: Matrix<Double>
    }

    static func run(sigmoidOutput: Bool) -> Outcome {
        let hidden = Linear(weight: Matrix<Double>([[0.5, 0.25], [0.75, 0.25]]), bias: Matrix([[0, 0]]))
        let output = Linear(weight: Matrix<Double>([[0.5, 0.5]]), bias: Matrix([[0]]))
        let network = Sequential<Double>()
        network.append(hidden, name: "Dense_1")
        network.append(Sigmoid(), name: "Sigmoid_1")
        network.append(output, name: "Dense_2")
        if sigmoidOutput { network.append(Sigmoid(), name: "Sigmoid_2") }
        let loss = MeanSquaredError(.half)
        let x = Matrix<Double>([[1, 1]]), y = Matrix<Double>([[0]])
        network.zeroGradients()
        let prediction = network.forward(x)
        _ = network.backward(loss.gradient(of: prediction, target: y))
        return Outcome(prediction: prediction[0, 0], loss: loss.loss(of: prediction, target: y),
                       w1: hidden.weight.gradient, b1: hidden.bias.gradient,
                       w2: output.weight.gradient, b2: output.bias.gradient)
    }

    /// The largest difference to what the notebook printed.
    static func maxErrorAgainstPrintedValues(_ outcome: Outcome) -> Double {
        let printedW1 = Matrix<Double>([[0.07682091071252119, 0.07682091071252119], [0.06931736937963098, 0.06931736937963098]])
        return [abs(outcome.prediction - 0.7051186389026989),
                abs(outcome.loss - 0.24859614746399733),
                outcome.w1.maxAbsoluteDifference(printedW1),
                outcome.b1.maxAbsoluteDifference(Matrix([[0.07682091071252119, 0.06931736937963098]])),
                outcome.w2.maxAbsoluteDifference(Matrix([[0.47890155993425865, 0.5154830299217307]])),
                abs(outcome.b2[0, 0] - 0.7051186389026989)].max()!
    }

    /// The bonus: with ŷ = σ(z₂), δ₂ = (ŷ − y)·ŷ(1 − ŷ), ∂L/∂w₂ = h·δ₂, δ₁ = δ₂·w₂ ⊙ h(1 − h), ∂L/∂W₁ = xᵀδ₁.
    static func maxErrorAgainstHandChainRule(_ outcome: Outcome) -> Double {
        func σ(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        let h = [σ(0.5 + 0.25), σ(0.75 + 0.25)]
        let yHat = σ(0.5 * h[0] + 0.5 * h[1])
        let delta2 = yHat * yHat * (1 - yHat)
        let delta1 = h.map { delta2 * 0.5 * $0 * (1 - $0) }
        return [abs(outcome.prediction - yHat),
                outcome.w2.maxAbsoluteDifference(Matrix([[h[0] * delta2, h[1] * delta2]])),
                abs(outcome.b2[0, 0] - delta2),
                outcome.w1.maxAbsoluteDifference(Matrix([[delta1[0], delta1[0]], [delta1[1], delta1[1]]])),
                outcome.b1.maxAbsoluteDifference(Matrix([delta1]))].max()!
    }
}

/// Notebook 001: the 1-4-4-1 sigmoid network on x = [0.2, 1.2], against PyTorch autograd.
enum Notebook001 {
    private struct Fixture: Decodable {
        struct Layer: Decodable { var weight, bias, weight_grad, bias_grad: [[Double]] }
        var x, y: [[Double]]
        var loss: Double
        var layers: [Layer]
    }

    static func compare(fixture url: URL) throws -> (maxError: Double, perTensor: [String: Double]) {
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let network = Sequential<Double>()
        for (index, layer) in fixture.layers.enumerated() {
            network.append(Linear(weight: Matrix(layer.weight), bias: Matrix(layer.bias)), name: "\(2 * index)")
            network.append(Sigmoid(), name: "\(2 * index + 1)")
        }
        let loss = MeanSquaredError(.half)
        let x = Matrix(fixture.x), y = Matrix(fixture.y)
        network.zeroGradients()
        let prediction = network.forward(x)
        _ = network.backward(loss.gradient(of: prediction, target: y))
        var perTensor = ["loss": abs(loss.loss(of: prediction, target: y) - fixture.loss)]
        let references = fixture.layers.flatMap { [$0.weight_grad, $0.bias_grad] }
        for ((name, parameter), reference) in zip(network.namedParameters, references) {
            perTensor[name] = parameter.gradient.maxAbsoluteDifference(Matrix(reference))
        }
        return (perTensor.values.max()!, perTensor)
    }
}

/// Notebook 002: circles (m = 128, radius 0.7, noise 0) through a 2-3-4-5-1 ReLU network
/// with a sigmoid output and binary cross-entropy.
enum Notebook002 {
    static func check(seed: UInt64) -> GradientCheckResult {
        var generator = SeededGenerator(seed: seed)
        let data = Circles(count: 128, radius: 0.7, noise: 0, using: &generator)
        let network = Sequential<Double>()
        let sizes = [2, 3, 4, 5, 1]
        for index in 0..<4 {
            // Small random biases keep pre-activations off the ReLU kink at exactly 0,
            // where a central difference is not a derivative.
            network.append(Linear(sizes[index], sizes[index + 1], weightInitializer: .normal(standardDeviation: 1),
                                  biasInitializer: .normal(standardDeviation: 0.1), using: &generator),
                           name: index == 3 ? "Dense_4_out" : "Dense_\(index + 1)")
            network.append(index == 3 ? Sigmoid() : ReLU(), name: index == 3 ? "Sigmoid" : "ReLU_\(index + 1)")
        }
        return GradientCheck.parameters(of: network, loss: BinaryCrossEntropy(), input: data.inputs,
                                        target: data.labels, names: network.namedParameters.map(\.name))
    }
}
