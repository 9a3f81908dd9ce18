import Backprop
import Foundation

/// Notebook 001's verification cell: the 1-4-4-1 network with a sigmoid after every layer, on
/// two samples x = [0.2, 1.2], against PyTorch autograd on the same weights (a fixture written
/// by tools/reference_sine_gradients.py).
enum Notebook001 {
    private struct Fixture: Decodable {
        struct Layer: Decodable {
            var weight: [[Double]], bias: [[Double]], weightGradient: [[Double]], biasGradient: [[Double]]
            enum CodingKeys: String, CodingKey {
                case weight, bias, weightGradient = "weight_grad", biasGradient = "bias_grad"
            }
        }
        var x: [[Double]], y: [[Double]]
        var loss: Double
        var layers: [Layer]
    }

    /// The largest |ours − PyTorch| over the loss and every gradient, and per tensor
    /// ("loss", "0.weight", "0.bias", … as nn.Sequential names them).
    static func compare(fixture url: URL) throws -> (maxError: Double, perTensor: [String: Double]) {
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let network = Sequential<Double>()
        for layer in fixture.layers {
            network.append(Linear(weight: Matrix(layer.weight), bias: Matrix(layer.bias)))
            network.append(Sigmoid())
        }
        let loss = MeanSquaredError(.half)
        let x = Matrix(fixture.x), y = Matrix(fixture.y)

        network.zeroGradients()
        let prediction = network.forward(x)
        let lossValue = loss.loss(of: prediction, target: y)
        _ = network.backward(loss.gradient(of: prediction, target: y))

        var perTensor = ["loss": abs(lossValue - fixture.loss)]
        let references = fixture.layers.flatMap { [$0.weightGradient, $0.biasGradient] }
        for ((name, parameter), reference) in zip(network.namedParameters, references) {
            perTensor[name] = parameter.gradient.maxAbsoluteDifference(Matrix(reference))
        }
        return (perTensor.values.max()!, perTensor)
    }
}
