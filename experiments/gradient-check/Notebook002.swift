import Backprop

/// Notebook 002's main cell: circles (m = 128, radius 0.7, noise 0) through a 2-3-4-5-1
/// network, ReLU hidden layers and a sigmoid output, binary cross-entropy, and the gradient
/// check against central differences.
enum Notebook002 {
    /// What the notebook's `gradient_check` printed for its own random weights.
    static let printedDifference = 5.627174213001082e-09

    /// Closest an output probability may come to 0 or 1: beyond it 1 − p cancels to a few
    /// digits in log(1 − p), and the central difference, not the gradient, goes wrong (7 of
    /// seeds 0–300 put p within 1.3e-6 of 1 and missed the bound by up to 65×).
    static let saturation = 1e-4
    /// Draws tried before the last one is kept whatever its outputs.
    static let maximumDraws = 20

    /// The model as the notebook builds it with `add_module`, drawn from `seed`, and how many
    /// draws it took to find one whose sigmoid output does not saturate on the data.
    static func model(seed: UInt64) -> (mlp: Sequential<Double>, data: Circles, draws: Int) {
        var generator = SeededGenerator(seed: seed)
        let data = Circles(count: 128, radius: 0.7, noise: 0, using: &generator)
        // Weights N(0, 1) as the notebook's np.random.randn. Its biases start at 0; ours are
        // small and random, so that no pre-activation sits on the ReLU kink at exactly 0,
        // where a central difference is not a derivative.
        func linear(_ inputs: Int, _ outputs: Int) -> Linear<Double> {
            Linear(inputs, outputs, weightInitializer: .normal(standardDeviation: 1),
                   biasInitializer: .normal(standardDeviation: 0.1), using: &generator)
        }
        var draw = 0
        while true {
            draw += 1
            let mlp = Sequential<Double>()
            mlp.append(linear(2, 3), name: "Dense_1")
            mlp.append(ReLU(), name: "ReLU_1")
            mlp.append(linear(3, 4), name: "Dense_2")
            mlp.append(ReLU(), name: "ReLU_2")
            mlp.append(linear(4, 5), name: "Dense_3")
            mlp.append(ReLU(), name: "ReLU_3")
            mlp.append(linear(5, 1), name: "Dense_4_out")
            mlp.append(Sigmoid(), name: "Sigmoid")
            let p = mlp.forward(data.inputs).elements
            if draw == maximumDraws || p.allSatisfy({ Swift.min($0, 1 - $0) >= saturation }) { return (mlp, data, draw) }
        }
    }

    /// ‖g − g_num‖ / (‖g‖ + ‖g_num‖) over every parameter, the measure the notebook prints.
    static func check(_ mlp: Sequential<Double>, on data: Circles, epsilon: Double) -> GradientCheckResult {
        GradientCheck.parameters(of: mlp, loss: BinaryCrossEntropy(), input: data.inputs, target: data.labels,
                                 step: epsilon, names: mlp.namedParameters.map(\.name))
    }
}
