import Backprop
import Datasets
import ExperimentKit
import Foundation

/// What one run — a configuration trained from one seed — produced.
///
/// `@unchecked Sendable`: the network goes from the task that trained it to the main thread
/// once that task has ended; no two threads ever use it at once.
struct RunResult: @unchecked Sendable {
    let configuration: Configuration
    let seed: UInt64
    let network: Sequential<Float>
    /// The first layer's weight before training, to show what training changed.
    let initialWeight: Matrix<Float>?
    var trainingCost: [Double] = []
    var validationAccuracy: [Double] = []
    /// Wall-clock seconds of each epoch's training pass (validation excluded).
    var trainingSeconds: [Double] = []
    var validationSeconds: [Double] = []
    /// 0-based epoch whose weights gave the best validation accuracy (the weights kept).
    var bestEpoch = 0
    var testAccuracy = 0.0
    /// Predicted class of every test image, from the kept weights.
    var testPredictions: [Int] = []
    var status: TrainingHistory.Status = .completed

    var bestValidationAccuracy: Double { validationAccuracy.isEmpty ? 0 : validationAccuracy[bestEpoch] }
    var meanTrainingSeconds: Double { trainingSeconds.isEmpty ? 0 : trainingSeconds.reduce(0, +) / Double(trainingSeconds.count) }
    var diverged: Bool { status != .completed }
}

/// Notebook 004's `train`: every epoch runs `train_epoch` (for each batch: zero the gradients,
/// forward pass, cost, backward pass, update; that loop is `Trainer.fit`), then
/// `validate_epoch` (the accuracy on the validation images), and prints both. The weights of
/// the best validation epoch are kept and evaluated once on the test images.
///
/// - Parameters:
///   - generator: draws the initial weights, then the shuffles.
///   - printsEpochs: print the notebook's `cost=…, accuracy=…` line after every epoch.
///   - progress: advanced by one after every epoch.
func train(_ configuration: Configuration, seed: UInt64, on split: MNISTSplit<Float>, epochs: Int,
           using generator: inout SeededGenerator, printsEpochs: Bool, progress: ProgressBar) -> RunResult {
    let network = configuration.model(&generator)
    let stepsPerEpoch = (split.train.count + configuration.batchSize - 1) / configuration.batchSize
    let optimizer = configuration.optimizer.make(network.parameters, learningRate: configuration.learningRate,
                                                 schedule: configuration.cosineDecay ? .cosine(steps: epochs * stepsPerEpoch) : .constant)
    let trainer = Trainer(model: network, loss: configuration.loss, optimizer: optimizer)
    var result = RunResult(configuration: configuration, seed: seed, network: network,
                           initialWeight: (network.layers.first?.module as? Linear<Float>)?.weight.value)
    let validationLabels = split.validation.classLabels
    let name = "\(configuration.name) seed \(seed)"
    var bestWeights = network.parameters.map(\.value)
    let clock = ContinuousClock()
    var epochStart = clock.now

    let history = trainer.fit(
        split.train,
        configuration: TrainingConfiguration(epochs: epochs, batchSize: configuration.batchSize,
                                             shuffle: configuration.shufflesEveryEpoch),
        using: &generator,
        onEpoch: { epoch, history in
            let trained = clock.now
            let cost = history.epochLosses[epoch]
            let accuracy = classAccuracy(network, split.validation.inputs, labels: validationLabels)
            result.trainingCost.append(cost)
            result.validationAccuracy.append(accuracy)
            result.trainingSeconds.append(seconds(trained - epochStart))
            result.validationSeconds.append(seconds(clock.now - trained))
            if epoch == 0 || accuracy > result.validationAccuracy[result.bestEpoch] {
                result.bestEpoch = epoch
                bestWeights = network.parameters.map(\.value)
            }
            if printsEpochs {
                print("\(name)  epoch \(pad(epoch + 1, to: epochs))/\(epochs)  cost=\(formatFixed(cost, decimals: 6))  "
                      + "accuracy=\(formatFixed(accuracy, decimals: 6))  (\(formatFixed(seconds(trained - epochStart), decimals: 3)) s training)")
            }
            progress.advance(info: "\(name): validation accuracy \(formatFixed(100 * accuracy, decimals: 2)) %")
            epochStart = clock.now
            return [:]
        })
    result.status = history.status
    if history.diverged {
        print("\(name): training DIVERGED (\(history.status)); the best epoch before it is kept")
        // The epochs never run still count as done for the progress bar.
        for _ in result.validationAccuracy.count..<epochs { progress.advance() }
    }

    // Keep the weights of the best validation epoch: chosen on validation images only.
    network.load(parameterValues: bestWeights)
    result.testPredictions = predictedClasses(network, split.test.inputs)
    result.testAccuracy = accuracy(predictions: result.testPredictions, labels: split.test.classLabels)
    return result
}

/// The fraction of rows of `inputs` whose predicted class is the label.
func classAccuracy(_ network: Sequential<Float>, _ inputs: Matrix<Float>, labels: [Int]) -> Double {
    accuracy(predictions: predictedClasses(network, inputs), labels: labels)
}

/// The predicted class (argmax of the output) of every row of `inputs`, in batches of 1,000
/// rows so the activations stay small.
func predictedClasses(_ network: Sequential<Float>, _ inputs: Matrix<Float>) -> [Int] {
    var predictions: [Int] = []
    predictions.reserveCapacity(inputs.rows)
    var lower = 0
    while lower < inputs.rows {
        let upper = min(lower + 1_000, inputs.rows)
        // `rows(_:)` copies one contiguous block; the generic `gatherRows` showed up in perf.
        predictions += network.forward(inputs.rows(lower..<upper)).argmaxPerRow()
        lower = upper
    }
    return predictions
}

func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
}

func pad(_ value: Int, to maximum: Int) -> String {
    let text = String(value)
    return String(repeating: " ", count: max(0, String(maximum).count - text.count)) + text
}
