import Backprop

/// A problem's data and one fixed set of initial weights, drawn from a seed, so that
/// several optimisers or learning rates can be compared from exactly the same start.
///
/// ```swift
/// let setup = ProblemSetup(.circles, seed: 0)
/// let gd = setup.train(.gd, learningRate: 0.5, steps: 1_000)
/// let adam = setup.train(.adam, learningRate: 0.01, steps: 1_000)   // same initial weights
/// ```
///
/// It is a value holding only `Sendable` parts, so concurrent tasks can share one and each
/// build its own network and optimiser from it.
public struct ProblemSetup: Sendable {
    public let problem: Problem
    /// The training data, drawn first from the seed.
    public let data: Dataset<Double>
    /// The generator as it was right after the data were drawn. Every network is built from
    /// a copy of it, which is what makes the initial weights identical across runs.
    private let weightGenerator: SeededGenerator

    /// - Parameter dataDirectory: where MNIST's files are (see `Problem.dataset`).
    public init(_ problem: Problem, seed: UInt64, dataDirectory: String? = nil) throws {
        var generator = SeededGenerator(seed: seed)
        self.problem = problem
        data = try problem.dataset(using: &generator, dataDirectory: dataDirectory)
        weightGenerator = generator
    }

    /// The problem's title, with the number of training images for MNIST (the file decides it).
    public var title: String {
        problem == .mnist ? "MNIST (\(NumberFormat.integer.format(Double(data.count))) training images), Linear(784→10) + Sigmoid" : problem.title
    }

    /// A network with the shared initial weights (a new object on every call).
    public func makeNetwork() -> Sequential<Double> {
        var generator = weightGenerator
        return problem.makeNetwork(using: &generator)
    }

    /// Full-batch training for `steps` steps from the shared initial weights; stops early,
    /// without failing, when the loss diverges (see `TrainingConfiguration.divergenceFactor`).
    public func train(_ optimizer: OptimizerChoice, learningRate: Double, steps: Int) -> TrainingHistory {
        let network = makeNetwork()
        let trainer = Trainer(model: network, loss: problem.loss,
                              optimizer: optimizer.make(network.parameters, learningRate: learningRate))
        // Full batches never shuffle, so this generator is never drawn from; it is only
        // there because `fit` takes one.
        var unused = SeededGenerator(seed: 0)
        return trainer.fit(data, configuration: TrainingConfiguration(epochs: steps), using: &unused)
    }
}

extension TrainingHistory {
    /// The number of updates after which the loss first fell below `threshold`, or nil
    /// if it never did. Step losses are measured before each update, so index i is the loss
    /// after i updates.
    public func stepsToReach(_ threshold: Double) -> Int? {
        stepLosses.firstIndex { $0 < threshold }
    }
}
