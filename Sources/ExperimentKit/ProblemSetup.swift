import Backprop

/// A problem's data and one fixed set of initial weights, drawn from a seed, so that
/// several optimisers or learning rates can be compared from exactly the same start.
///
/// ```swift
/// let setup = try ProblemSetup(.circles, seed: 0)
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
    ///
    /// - Parameter film: snapshots the parameters at its steps (nothing is drawn from it otherwise).
    public func train(_ optimizer: OptimizerChoice, learningRate: Double, steps: Int,
                      film: FilmRecorder<Double>? = nil) -> Run {
        let network = makeNetwork()
        let parameters = network.parameters
        let trainer = Trainer(model: network, loss: problem.loss,
                              optimizer: optimizer.make(parameters, learningRate: learningRate))
        film?.recordStart(parameters)
        let history = trainer.fit(data, configuration: TrainingConfiguration(epochs: steps),
                                  progress: film.map { film in { film.record(after: $0.step, parameters) } })
        // The loss of the trained network, after the last update; the history holds the loss
        // before each update.
        let finalLoss = history.diverged ? Double.nan
                                         : Double(problem.loss.loss(of: network.forward(data.inputs), target: data.targets))
        return Run(history: history, finalLoss: finalLoss)
    }

    /// One training run: its history and the loss it ended on.
    public struct Run: Sendable, Equatable {
        /// The loss before each update (index i: after i updates), and how the run ended.
        public let history: TrainingHistory
        /// The loss after the last update; NaN when the run diverged (it has no final state).
        public let finalLoss: Double

        /// Stopped as diverged, or ended on a loss that is not a number (NaN, ∞).
        public var diverged: Bool { history.diverged || !finalLoss.isFinite }

        /// The step (0-based) whose loss showed divergence; nil for a completed run.
        public var divergedAtStep: Int? { history.divergedAtStep }

        /// Updates applied: all of them, or those before divergence.
        public var stepsTaken: Int { divergedAtStep ?? history.stepLosses.count }

        /// The number of updates after which the loss was first at or below `threshold`
        /// (0: the initial weights already were), counting the loss after the last update;
        /// nil if it never was. A diverged run counts the steps before it diverged.
        public func stepsToReach(_ threshold: Double) -> Int? {
            history.stepsToReach(threshold) ?? (finalLoss <= threshold ? history.stepLosses.count : nil)
        }

        /// Whether the run ended at or below `threshold` without diverging.
        public func succeeded(below threshold: Double) -> Bool { !diverged && finalLoss <= threshold }
    }
}

extension TrainingHistory {
    /// The step (0-based) whose loss showed divergence; nil for a completed run.
    public var divergedAtStep: Int? {
        if case .diverged(let step, _) = status { return step }
        return nil
    }

    /// The number of updates after which the loss was first at or below `threshold`, or nil
    /// if it never was. Step losses are measured before each update, so index i is the loss
    /// after i updates.
    public func stepsToReach(_ threshold: Double) -> Int? {
        stepLosses.firstIndex { $0 <= threshold }
    }
}
