import Backprop

/// The two optimisers the notebook compares.
enum SineFitOptimizer: CaseIterable {
    case gradientDescent, adam

    var title: String { self == .gradientDescent ? "gradient descent" : "Adam" }

    /// Plain gradient descent, W ← W − η·∂L/∂W, or Adam with PyTorch's β₁ 0.9, β₂ 0.999, ε 1e-8.
    func make(_ parameters: [Parameter<Double>], learningRate: Double) -> any Optimizer<Double> {
        switch self {
        case .gradientDescent: SGD(parameters: parameters, learningRate: learningRate)
        case .adam: Adam(parameters: parameters, learningRate: learningRate)
        }
    }
}
