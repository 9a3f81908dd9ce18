import ArgumentParser
import Backprop
import Datasets

/// The small problems that `experiment-optimizers` and `sweep-lr` train on, each with the
/// network and loss the course uses for it.
public enum Problem: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// Notebook 003: Dense(2→1) + Sigmoid on the AND truth table, log loss.
    case andGate = "and-gate"
    /// Notebook 001: the 1-4-4-1 sigmoid network fitting sin²(4πx), ½·MSE.
    case sine
    /// Circles (radius 0.7, 256 points, noise 0.05), a 2-16-16-1 ReLU network, log loss.
    case circles
    /// Notebook 004's single-layer model, Linear(784→10) + Sigmoid with ½·MSE, on a seeded
    /// subset of at most 10,000 MNIST training images (needs `make data`).
    case mnist

    /// The problems small enough to train in a second (everything but MNIST).
    public static let small: [Problem] = [.andGate, .sine, .circles]

    /// The problem's name in tables and sentences: "AND gate", "circles", "sine fit".
    public var name: String {
        switch self {
        case .andGate: "AND gate"
        case .sine: "sine fit"
        case .circles: "circles"
        case .mnist: "MNIST"
        }
    }

    /// The loss the problem is trained on, as the pages name it.
    public var lossName: String {
        switch self {
        case .andGate, .circles: "log loss"
        case .sine, .mnist: "½·MSE"
        }
    }

    public var title: String {
        switch self {
        case .andGate: "AND gate, Dense(2→1) + Sigmoid"
        case .sine: "sin²(4πx), 1-4-4-1 sigmoid network"
        case .circles: "circles, 2-16-16-1 ReLU network"
        case .mnist: "MNIST, Linear(784→10) + Sigmoid"
        }
    }

    /// The training data; the same seed gives the same data. Only MNIST reads files (from
    /// `dataDirectory`, else `BACKPROP_DATA_DIR`, else `data/mnist`) and so can throw: an
    /// `IDXError` for a missing or malformed file, an ``ExperimentError`` for a training file
    /// without images.
    public func dataset(using generator: inout SeededGenerator, dataDirectory: String? = nil) throws -> Dataset<Double> {
        switch self {
        case .andGate: return .and()
        case .sine: return .sineSquared(count: 100)
        case .circles: return .circles(count: 256, radius: 0.7, noise: 0.05, using: &generator)
        case .mnist:
            let files = try MNISTFiles.locate(.mnist, explicitDirectory: dataDirectory)
            let data = try files.load()
            guard data.train.count > 0 else { throw ExperimentError(files.trainImages, "holds no images; there is nothing to train on") }
            let subset = MNISTSplit<Double>.partition(count: data.train.count, trainCount: min(10_000, data.train.count),
                                                      validationCount: 0, using: &generator).train
            return Dataset(name: "MNIST subset", images: data.train, indices: subset)
        }
    }

    /// A freshly initialised network for this problem.
    public func makeNetwork(using generator: inout SeededGenerator) -> Sequential<Double> {
        let network = Sequential<Double>()
        switch self {
        case .andGate:
            // The notebook's 0.01·randn weights and zero bias.
            network.append(Linear(2, 1, weightInitializer: .normal(standardDeviation: 0.01), using: &generator), name: "Dense")
            network.append(Sigmoid(), name: "Sigmoid")
        case .sine:
            // Notebook 001: Xavier uniform with the sigmoid gain, biases uniform in [0, 1).
            let sizes = [1, 4, 4, 1]
            for index in 0..<3 {
                network.append(Linear(sizes[index], sizes[index + 1],
                                      weightInitializer: .xavierUniform(gain: Initializer.gain(for: .sigmoid)),
                                      biasInitializer: .uniform(), using: &generator), name: "Dense_\(index + 1)")
                network.append(Sigmoid(), name: "Sigmoid_\(index + 1)")
            }
        case .mnist:
            // The notebook's N(0, 0.1²) weights and zero bias.
            network.append(Linear(784, 10, weightInitializer: .normal(standardDeviation: 0.1), using: &generator), name: "Dense")
            network.append(Sigmoid(), name: "Sigmoid")
        case .circles:
            let sizes = [2, 16, 16, 1]
            for index in 0..<3 {
                let last = index == 2
                network.append(Linear(sizes[index], sizes[index + 1],
                                      weightInitializer: last ? .xavierUniform() : .heUniform(), using: &generator),
                               name: "Dense_\(index + 1)")
                network.append(last ? Sigmoid() : ReLU(), name: last ? "Sigmoid" : "ReLU_\(index + 1)")
            }
        }
        return network
    }

    public var loss: any Loss {
        switch self {
        case .andGate, .circles: BinaryCrossEntropy()
        case .sine, .mnist: MeanSquaredError(.half)
        }
    }

    /// Full-batch steps for a complete run, and for `--quick`.
    public func defaultSteps(quick: Bool) -> Int {
        switch self {
        // The notebook's 0.01·randn start reaches log loss 0.05 by step 683 (gradient descent,
        // η 0.5), 325 (momentum) and 889 (Adam, η 0.02) on every seed tried (0–19).
        case .andGate: quick ? 1_000 : 2_000
        // The 1-4-4-1 sigmoid fit sits on a plateau (predicting the mean, ½·MSE 0.063) for
        // thousands of steps before it bends: in 20,000 steps Adam (η 0.02) got below 0.005
        // from 37 of seeds 0–99. A quick run, for the tests, ends on the plateau.
        case .sine: quick ? 1_000 : 20_000
        case .circles: quick ? 500 : 5_000
        // Each step is a full pass over 10,000 images.
        case .mnist: quick ? 5 : 50
        }
    }

    /// Where `sweep-lr` looks by default. MNIST's ½·MSE is averaged over 10 outputs and
    /// 10,000 images, so its gradients are small and useful rates reach into the hundreds.
    public var learningRateRange: ClosedRange<Double> {
        self == .mnist ? 1e-2...1e3 : 1e-4...10
    }

    /// A loss low enough to call the problem learned, for steps-to-threshold.
    public var threshold: Double {
        switch self {
        case .andGate: 0.05
        case .sine: 0.005
        case .circles: 0.1
        // ½·MSE per output; predicting 0.5 everywhere gives 0.125.
        case .mnist: 0.03
        }
    }
}

/// The optimisers the experiments compare.
public enum OptimizerChoice: String, CaseIterable, ExpressibleByArgument, Sendable {
    case gd, momentum, adam

    public var title: String {
        switch self {
        case .gd: "gradient descent"
        case .momentum: "SGD + momentum 0.9"
        case .adam: "Adam"
        }
    }

    /// The optimiser over `parameters`, its η following `schedule` (constant by default).
    public func make<Scalar: BLASScalar>(_ parameters: [Parameter<Scalar>], learningRate: Double,
                                         schedule: LearningRateSchedule = .constant) -> any Optimizer<Scalar> {
        switch self {
        case .gd: Self.scheduled(SGD(parameters: parameters, learningRate: learningRate), schedule)
        case .momentum: Self.scheduled(SGD(parameters: parameters, learningRate: learningRate, momentum: 0.9), schedule)
        case .adam: Self.scheduled(Adam(parameters: parameters, learningRate: learningRate), schedule)
        }
    }

    /// Wrapped only when η changes, so a constant rate runs the optimiser itself.
    private static func scheduled<Base: Optimizer>(_ optimizer: Base, _ schedule: LearningRateSchedule) -> any Optimizer<Base.Scalar> {
        schedule == .constant ? optimizer : ScheduledOptimizer(optimizer, schedule: schedule)
    }

    /// A learning rate that works for every problem here.
    public var defaultLearningRate: Double {
        switch self {
        case .gd: 0.5
        case .momentum: 0.1
        // Seeds 0–99 on circles, 5,000 steps: η 0.05 reached ~1e-5 and then spiked past the
        // divergence limit on 13 runs, η 0.02 on 2. Sine fit, 20,000 steps: 0.02 reached
        // ½·MSE ≤ 0.005 from 37 of 100 seeds, 0.05 from 9 of 20 (the same within seed noise).
        case .adam: 0.02
        }
    }
}
