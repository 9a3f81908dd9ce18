import Backprop

/// The nonlinearity between the hidden layers of the gradient-flow network, with the
/// initialisation that suits it.
public enum HiddenActivation: String, CaseIterable, Sendable {
    case sigmoid, tanh, relu

    /// The name as written in text and figures: "sigmoid", "tanh", "ReLU".
    public var title: String {
        switch self {
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .relu: "ReLU"
        }
    }

    /// Xavier-uniform with the activation's gain (PyTorch's `calculate_gain`) for sigmoid and
    /// tanh; He-uniform for ReLU, which zeroes half its inputs and so needs twice the variance.
    public var initializer: Initializer {
        switch self {
        case .sigmoid: .xavierUniform(gain: Initializer.gain(for: .sigmoid))
        case .tanh: .xavierUniform(gain: Initializer.gain(for: .tanh))
        case .relu: .heUniform(gain: Initializer.gain(for: .relu))
        }
    }

    /// How the initialiser is written in the report.
    public var initializerTitle: String {
        switch self {
        case .sigmoid: "Xavier-uniform, gain 1"
        case .tanh: "Xavier-uniform, gain 5/3"
        case .relu: "He-uniform, gain √2"
        }
    }

    /// A new module computing the activation.
    public func makeModule() -> any Module<Double> {
        switch self {
        case .sigmoid: Sigmoid<Double>()
        case .tanh: Tanh<Double>()
        case .relu: ReLU<Double>()
        }
    }
}
