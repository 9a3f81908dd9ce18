import ArgumentParser
import Foundation
import Backprop
import ExperimentKit

/// The three networks the experiment trains: the notebook's two single-layer models and a
/// small MLP that answers its task 5 ("a more sophisticated network").
enum Configuration: String, CaseIterable, ExpressibleByArgument {
    case sigmoidMSE = "sigmoid-mse"
    case softmaxCE = "softmax-ce"
    case mlp

    var title: String {
        switch self {
        case .sigmoidMSE: "Linear + Sigmoid, MSE, SGD"
        case .softmaxCE: "Linear + Softmax, cross-entropy, SGD"
        case .mlp: "MLP 784-256-128-10 ReLU, Adam"
        }
    }

    var epochs: Int { self == .mlp ? 20 : 100 }
    var batchSize: Int { self == .mlp ? 128 : 600 }
    var learningRate: Double {
        switch self {
        case .sigmoidMSE: 1e-4
        case .softmaxCE: 1e-5
        case .mlp: 1e-3
        }
    }
    /// The notebook permutes once and then walks the batches in order every epoch; the MLP
    /// reshuffles every epoch (seeded).
    var shufflesEveryEpoch: Bool { self == .mlp }
    /// Single-layer models: their ten weight rows are images worth drawing.
    var isSingleLayer: Bool { self != .mlp }

    /// How the loss and its gradient are scaled, for the output and metrics.json.
    var gradientScaling: String {
        switch self {
        case .sigmoidMSE:
            "cost ½·(ŷ−y)² per element; gradient ŷ−y per element, summed over the batch (not divided by batch or outputs), as the notebook; for a full batch this is lr 1e-4 · 600 = 0.06 on the per-sample mean of ½Σₖ(ŷₖ−yₖ)², an ordinary SGD step; reported cost is the mean of ½(ŷ−y)² over elements and batches"
        case .softmaxCE:
            "cost −Σₖ tₖ·log pₖ per sample; gradient −t/p per sample, summed over the batch (not divided by the batch size), as the notebook; for a full batch this is lr 1e-5 · 600 = 0.006 on the per-sample mean cross-entropy, a small step, hence the slow start; reported cost is the mean over samples and batches"
        case .mlp:
            "fused softmax cross-entropy on logits, mean over the batch (PyTorch's CrossEntropyLoss); Adam"
        }
    }

    var optimizerDescription: String {
        switch self {
        case .sigmoidMSE, .softmaxCE: "SGD, lr \(compactNumber(learningRate)), batch \(batchSize), no momentum"
        case .mlp: "Adam, lr \(compactNumber(learningRate)), β = (0.9, 0.999), batch \(batchSize)"
        }
    }

    /// The network, initialised from `generator`.
    func makeNetwork(inputs: Int, classes: Int, using generator: inout SeededGenerator) -> Sequential<Float> {
        let network = Sequential<Float>()
        switch self {
        case .sigmoidMSE, .softmaxCE:
            // The notebook's Linear: w = 0.1 · randn(out, in), b = 0.
            network.append(Linear(inputs, classes, weightInitializer: .normal(standardDeviation: 0.1),
                                  biasInitializer: .zeros, using: &generator), name: "linear")
            network.append(self == .sigmoidMSE ? Sigmoid() : Softmax(), name: self == .sigmoidMSE ? "sigmoid" : "softmax")
        case .mlp:
            network.append(Linear(inputs, 256, weightInitializer: .heUniform(), using: &generator), name: "dense_1")
            network.append(ReLU(), name: "relu_1")
            network.append(Linear(256, 128, weightInitializer: .heUniform(), using: &generator), name: "dense_2")
            network.append(ReLU(), name: "relu_2")
            network.append(Linear(128, classes, weightInitializer: .xavierUniform(), using: &generator), name: "logits")
        }
        return network
    }

    var loss: any Loss {
        switch self {
        case .sigmoidMSE: BatchSummedLoss(base: MeanSquaredError(.half), divisor: .elements)
        case .softmaxCE: BatchSummedLoss(base: CrossEntropy(), divisor: .rows)
        case .mlp: SoftmaxCrossEntropy()
        }
    }

    func makeOptimizer(for network: Sequential<Float>) -> any Optimizer<Float> {
        switch self {
        case .sigmoidMSE, .softmaxCE: SGD(parameters: network.parameters, learningRate: learningRate)
        case .mlp: Adam(parameters: network.parameters, learningRate: learningRate)
        }
    }

    /// Parses `--config` values: each may be a comma-separated list; empty means all.
    static func parse(_ values: [String]) throws -> [Configuration] {
        let names = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if names.isEmpty { return allCases }
        var chosen: [Configuration] = []
        for name in names {
            guard let configuration = Configuration(rawValue: name) else {
                throw ValidationError("unknown configuration '\(name)'; choose from \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if !chosen.contains(configuration) { chosen.append(configuration) }
        }
        return chosen
    }
}
