import Backprop

/// The vanishing-gradient experiment's fixed parts: the circles data and one draw of random
/// numbers for the weights, both from a seed, and the shape of the deep network.
///
/// Every activation's network is built from a copy of the same generator, so the three
/// networks start from the same uniform draws, scaled by each initialiser's bound: they
/// differ by the activation and its initialisation only.
///
/// ```swift
/// let setup = GradientFlowSetup(seed: 0)
/// let sigmoid = setup.train(.sigmoid, learningRate: 0.1, steps: 2_000)
/// let relu = setup.train(.relu, learningRate: 0.1, steps: 2_000)
/// print(relu.firstToLastGradientRatio(atStep: 0) / sigmoid.firstToLastGradientRatio(atStep: 0))
/// ```
public struct GradientFlowSetup: Sendable {
    /// The circles problem's data (`Problem.circles`): `[256 × 2]` points, `[256 × 1]` labels.
    public let data: Dataset<Double>
    /// Hidden layers, each `width` units wide.
    public let depth: Int
    public let width: Int
    private let weightGenerator: SeededGenerator

    public init(seed: UInt64, depth: Int = 8, width: Int = 16) {
        Misuse.check(depth >= 1 && width >= 1, "GradientFlowSetup: depth and width must be positive, got \(depth) and \(width)")
        var generator = SeededGenerator(seed: seed)
        // Circles never reads files, so this cannot throw.
        data = try! Problem.circles.dataset(using: &generator)
        self.depth = depth
        self.width = width
        weightGenerator = generator
    }

    /// Linear layers: `depth` hidden ones and the output layer.
    public var linearLayerCount: Int { depth + 1 }

    /// A fresh network: `depth` × (Linear → activation) of `width` units, then Linear(width → 1)
    /// → Sigmoid for the probability of the inner class. Hidden weights use the activation's
    /// initialiser, the output layer Xavier-uniform with gain 1 (it feeds a sigmoid) in every
    /// network; biases start at zero.
    public func makeNetwork(_ activation: HiddenActivation) -> Sequential<Double> {
        var generator = weightGenerator
        let network = Sequential<Double>()
        var inputs = data.inputs.columns
        for layer in 1...depth {
            network.append(Linear(inputs, width, weightInitializer: activation.initializer, using: &generator), name: "Linear_\(layer)")
            network.append(activation.makeModule(), name: "\(activation.title)_\(layer)")
            inputs = width
        }
        network.append(Linear(inputs, 1, weightInitializer: .xavierUniform(gain: 1), using: &generator), name: "Linear_\(depth + 1)")
        network.append(Sigmoid(), name: "sigmoid_out")
        return network
    }

    /// What a run keeps.
    public enum Recording: Sendable, Equatable {
        /// Every step's norms and the hidden activations before and after training.
        case everything
        /// The norms of the first `steps` steps only, and no activations: what a seed sweep
        /// needs, in memory that does not grow with the length of the run.
        case firstSteps(Int)
    }

    /// Trains a fresh network for `activation` with full-batch gradient descent and binary
    /// cross-entropy, recording each step (see `GradientFlowRun`).
    public func train(_ activation: HiddenActivation, learningRate: Double, steps: Int, recording: Recording = .everything,
                      progress: ((TrainingProgress) -> Void)? = nil) -> GradientFlowRun {
        train(makeNetwork(activation), activation: activation, learningRate: learningRate, steps: steps,
              recording: recording, progress: progress)
    }

    /// Trains `network` (from `makeNetwork`, possibly trained already) for `steps` more steps.
    /// The run stops early, without failing, if the loss diverges (NaN, ∞, or 4× the first).
    public func train(_ network: Sequential<Double>, activation: HiddenActivation, learningRate: Double, steps: Int,
                      recording: Recording = .everything, progress: ((TrainingProgress) -> Void)? = nil) -> GradientFlowRun {
        let weights = network.layers.compactMap { ($0.module as? Linear<Double>)?.weight }
        let everything = recording == .everything
        let initial = everything ? Self.hiddenActivations(of: network, on: data).hidden : []
        let capacity: Int
        switch recording {
        case .everything: capacity = steps
        case .firstSteps(let count): capacity = min(max(count, 0), steps)
        }
        let recorder = GradientFlowRecorder(SGD(parameters: network.parameters, learningRate: learningRate),
                                            watching: weights, capacity: capacity)
        let trainer = Trainer(model: network, loss: BinaryCrossEntropy(), optimizer: recorder)
        let history = trainer.fit(data, configuration: TrainingConfiguration(epochs: steps), progress: progress)
        let final = Self.hiddenActivations(of: network, on: data)
        return GradientFlowRun(
            activation: activation, learningRate: learningRate, layerCount: weights.count, steps: steps,
            stepsTaken: recorder.stepsTaken, recordedSteps: min(recorder.stepsTaken, capacity),
            gradientNorms: recorder.gradientNorms, updateRatios: recorder.updateRatios,
            history: history, initialActivations: initial, finalActivations: everything ? final.hidden : [],
            finalLoss: Double(BinaryCrossEntropy().loss(of: final.prediction, target: data.targets)),
            finalAccuracy: accuracy(of: final.prediction, targets: data.targets))
    }

    /// One forward pass over the whole data set, keeping each hidden activation's output
    /// (`[samples × width]`, flattened) and the network's prediction `[samples × 1]`.
    static func hiddenActivations(of network: Sequential<Double>, on data: Dataset<Double>) -> (hidden: [[Double]], prediction: Matrix<Double>) {
        var hidden: [[Double]] = []
        var activation = data.inputs
        let layers = network.layers
        for (index, layer) in layers.enumerated() {
            activation = layer.module.forward(activation)
            // A hidden activation: not a Linear, and not the output's sigmoid.
            if !(layer.module is Linear<Double>) && index < layers.count - 1 { hidden.append(activation.elements) }
        }
        return (hidden, activation)
    }
}
