/// How `Trainer.fit` runs.
public struct TrainingConfiguration: Sendable {
    public var epochs: Int
    /// Samples per step; `nil` is full-batch gradient descent.
    public var batchSize: Int?
    /// Reshuffle the samples every epoch (only meaningful with mini-batches).
    public var shuffle: Bool
    /// Stop as diverged when a step's loss exceeds this multiple of the first step's loss
    /// (fastai's learning-rate finder stops at 4×), or is NaN or infinite.
    public var divergenceFactor: Double

    public init(epochs: Int, batchSize: Int? = nil, shuffle: Bool = true, divergenceFactor: Double = 4) {
        Misuse.check(epochs >= 0, "TrainingConfiguration: epochs must be ≥ 0, got \(epochs)")
        Misuse.check(batchSize.map { $0 > 0 } ?? true, "TrainingConfiguration: batch size must be positive, got \(batchSize ?? 0)")
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.divergenceFactor = divergenceFactor
    }
}

/// Where a running `fit` is, passed to its progress callback after every step.
public struct TrainingProgress: Sendable {
    public var epoch: Int, epochs: Int
    /// Steps done so far, over the whole run, and the run's total.
    public var step: Int, totalSteps: Int
    public var loss: Double
}

/// Trains a model: zero the gradients, forward, loss, backward, optimiser step, batch after batch.
///
/// ```swift
/// let trainer = Trainer(model: network, loss: BinaryCrossEntropy(),
///                       optimizer: SGD(parameters: network.parameters, learningRate: 0.1))
/// let history = trainer.fit(Dataset.and(), configuration: .init(epochs: 10_000))
/// ```
///
/// When the model offers `TrainingFastPaths` (every module here does), in-order mini-batches
/// are read in place, the first layer skips ∂L/∂input and a batch too large for the caches
/// goes through in slices (`Trainer+Slices.swift`). Buffers are allocated on the first step
/// and reused, so steady-state training allocates nothing here.
public final class Trainer<Scalar: BLASScalar> {
    public let model: any Module<Scalar>
    public let loss: any Loss
    public let optimizer: any Optimizer<Scalar>
    /// The model through its fast paths (`WithoutFastPaths` if it has none), and whether the
    /// loss may be sliced: found once.
    let fastModel: any TrainingFastPaths<Scalar>
    let lossAveragesRows: Bool

    @exclusivity(unchecked) var batchInputs = Matrix<Scalar>(), batchTargets = Matrix<Scalar>()
    @exclusivity(unchecked) var lossGradient = Matrix<Scalar>(), sliceTargets = Matrix<Scalar>()

    public init(model: any Module<Scalar>, loss: any Loss, optimizer: any Optimizer<Scalar>) {
        self.model = model
        self.loss = loss
        self.optimizer = optimizer
        fastModel = model.fastPaths
        lossAveragesRows = loss is any RowAveragedLoss
    }

    /// Runs `configuration.epochs` epochs over `data` (at least one sample), or stops early
    /// on divergence.
    ///
    /// - Parameters:
    ///   - generator: draws the shuffles, so a seed fixes the order of batches (needed only
    ///     when mini-batches are shuffled).
    ///   - progress: called after every step (keep it cheap; throttle drawing yourself).
    ///   - onEpoch: called after every epoch with its number (0-based) and the history so
    ///     far; the values it returns are appended to `history.metrics`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func fit(
        _ data: Dataset<Scalar>, configuration: TrainingConfiguration, using generator: inout SeededGenerator,
        progress: ((TrainingProgress) -> Void)? = nil,
        onEpoch: ((Int, TrainingHistory) -> [String: Double])? = nil
    ) -> TrainingHistory {
        var history = TrainingHistory()
        let count = data.count
        // An empty data set has no loss to report; returning an empty history would let a
        // caller print nil or NaN as a result.
        Misuse.check(count > 0, "Trainer.fit: the data set '\(data.name)' has no samples")
        let batchSize = min(configuration.batchSize ?? count, count)
        let stepsPerEpoch = (count + batchSize - 1) / batchSize
        let totalSteps = stepsPerEpoch * configuration.epochs
        let fullBatch = batchSize == count
        var order = Array(0..<count)
        var firstLoss: Double?
        history.stepLosses.reserveCapacity(totalSteps)
        history.epochLosses.reserveCapacity(configuration.epochs)

        for epoch in 0..<configuration.epochs {
            if configuration.shuffle && !fullBatch { generator.shuffle(&order) }
            var epochSum = 0.0
            for batch in 0..<stepsPerEpoch {
                let lower = batch * batchSize, upper = min(lower + batchSize, count)
                let value: StepResult
                if configuration.shuffle && !fullBatch {
                    batchInputs.gatherRows(from: data.inputs, indices: order[lower..<upper])
                    batchTargets.gatherRows(from: data.targets, indices: order[lower..<upper])
                    value = step(batchInputs, rows: 0..<batchInputs.rows, batchTargets, firstLoss: firstLoss, configuration)
                } else {
                    // Batches in order: the model reads them straight out of the data set.
                    if !fullBatch { batchTargets.replaceWithRows(lower..<upper, of: data.targets) }
                    value = step(data.inputs, rows: lower..<upper, fullBatch ? data.targets : batchTargets,
                                 firstLoss: firstLoss, configuration)
                }
                history.stepLosses.append(value.loss)
                if value.diverged {
                    history.status = .diverged(step: history.stepLosses.count - 1, loss: value.loss)
                    return history
                }
                firstLoss = firstLoss ?? value.loss
                epochSum += value.loss
                progress?(TrainingProgress(epoch: epoch, epochs: configuration.epochs,
                                           step: history.stepLosses.count, totalSteps: totalSteps, loss: value.loss))
            }
            history.epochLosses.append(epochSum / Double(stepsPerEpoch))
            if let onEpoch {
                for (key, value) in onEpoch(epoch, history) { history.metrics[key, default: []].append(value) }
            }
        }
        return history
    }

    /// A fit that never shuffles (full batches, or `shuffle: false`) needs no generator.
    public func fit(
        _ data: Dataset<Scalar>, configuration: TrainingConfiguration,
        progress: ((TrainingProgress) -> Void)? = nil,
        onEpoch: ((Int, TrainingHistory) -> [String: Double])? = nil
    ) -> TrainingHistory {
        let shuffles = configuration.shuffle && (configuration.batchSize.map { $0 < data.count } ?? false)
        Misuse.check(!shuffles, "Trainer.fit: shuffled mini-batches need a generator: fit(_:configuration:using:)")
        var unused = SeededGenerator(seed: 0)
        return fit(data, configuration: configuration, using: &unused, progress: progress, onEpoch: onEpoch)
    }

    struct StepResult {
        var loss: Double
        /// NaN, infinite, or above the divergence factor times the first loss: nothing was updated.
        var diverged: Bool
    }

    /// One update on rows `rows` of `inputs`, the notebooks' loop: zero the gradients,
    /// forward, loss, backward, step. The loss is checked before anything is updated, so a
    /// diverged run never applies a NaN gradient to the weights it reports.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func step(_ inputs: Matrix<Scalar>, rows: Range<Int>, _ targets: Matrix<Scalar>,
              firstLoss: Double?, _ configuration: TrainingConfiguration) -> StepResult {
        func diverged(_ value: Double) -> Bool {
            !value.isFinite || (firstLoss.map { value > configuration.divergenceFactor * $0 } ?? false)
        }
        model.zeroGradients()
        let value: Double
        if let slice = sliceLength(rows: rows.count, columns: inputs.columns) {
            value = forwardAndBackwardInSlices(inputs, rows: rows, targets, sliceLength: slice)
            if diverged(value) { return StepResult(loss: value, diverged: true) }
        } else {
            let prediction = forward(inputs, rows: rows)
            value = Double(loss.loss(of: prediction, target: targets))
            if diverged(value) { return StepResult(loss: value, diverged: true) }
            loss.gradient(of: prediction, target: targets, into: &lossGradient)
            backward(lossGradient)
        }
        optimizer.step()
        return StepResult(loss: value, diverged: false)
    }

    /// The forward pass of rows `rows`, read in place when the model can.
    func forward(_ inputs: Matrix<Scalar>, rows: Range<Int>) -> Matrix<Scalar> {
        fastModel.forward(inputs, rows: rows)
    }

    /// The backward pass, skipping ∂L/∂input of the first layer when the model can.
    func backward(_ gradient: Matrix<Scalar>) {
        fastModel.accumulateParameterGradients(gradient)
    }
}
