import Backprop
import Datasets
import ExperimentKit
import Foundation

/// What one configuration's training produced.
struct RunResult {
    let configuration: Configuration
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
    var diverged: TrainingHistory.Status = .completed

    var bestValidationAccuracy: Double { validationAccuracy.isEmpty ? 0 : validationAccuracy[bestEpoch] }
    var meanTrainingSeconds: Double { trainingSeconds.isEmpty ? 0 : trainingSeconds.reduce(0, +) / Double(trainingSeconds.count) }
}

/// Trains `configuration` on `split.train`, validating after every epoch, and evaluates the
/// weights of the best validation epoch on the test set once at the end.
func train(_ configuration: Configuration, on split: MNISTSplit<Float>, epochs: Int,
           using generator: inout SeededGenerator) -> RunResult {
    let classes = split.train.targets.columns
    let network = configuration.makeNetwork(inputs: split.train.inputs.columns, classes: classes, using: &generator)
    let trainer = Trainer(model: network, loss: configuration.loss, optimizer: configuration.makeOptimizer(for: network))
    var result = RunResult(configuration: configuration, network: network,
                           initialWeight: (network.layers.first?.module as? Linear<Float>)?.weight.value)
    let batchSize = configuration.batchSize
    let stepsPerEpoch = (split.train.count + batchSize - 1) / batchSize
    let validationLabels = split.validation.classLabels
    let name = configuration.rawValue

    func trainingBar(_ epoch: Int) -> ProgressBar {
        ProgressBar("\(name) training   e=\(epoch + 1)", total: stepsPerEpoch)
    }
    var bar = trainingBar(0)
    let clock = ContinuousClock()
    var epochStart = clock.now
    var bestWeights: [Matrix<Float>] = network.parameters.map(\.value)

    let history = trainer.fit(
        split.train,
        configuration: TrainingConfiguration(epochs: epochs, batchSize: batchSize,
                                             shuffle: configuration.shufflesEveryEpoch),
        using: &generator,
        progress: { progress in
            bar.update(progress.step - progress.epoch * stepsPerEpoch, info: "cost \(formatFixed(progress.loss, decimals: 5))")
        },
        onEpoch: { epoch, history in
            bar.finish(info: "cost \(formatFixed(history.epochLosses[epoch], decimals: 5))")
            let trained = clock.now
            let cost = history.epochLosses[epoch]
            let validationBar = ProgressBar("\(name) validation e=\(epoch + 1)", total: split.validation.count)
            let predictions = predictClasses(network, split.validation.inputs, batchSize: 1000, bar: validationBar)
            let correct = zip(predictions, validationLabels).filter { $0.0 == $0.1 }.count
            let accuracy = Double(correct) / Double(max(validationLabels.count, 1))
            validationBar.finish(info: "accuracy \(formatFixed(100 * accuracy, decimals: 2)) %")
            let validated = clock.now

            result.trainingCost.append(cost)
            result.validationAccuracy.append(accuracy)
            result.trainingSeconds.append(seconds(trained - epochStart))
            result.validationSeconds.append(seconds(validated - trained))
            if accuracy > result.validationAccuracy[result.bestEpoch] || epoch == 0 {
                result.bestEpoch = epoch
                bestWeights = network.parameters.map(\.value)
            }
            print("\(name)  epoch \(pad(epoch + 1, to: epochs))/\(epochs)  cost=\(formatFixed(cost, decimals: 6))  "
                  + "accuracy=\(formatFixed(accuracy, decimals: 6))  (\(formatFixed(seconds(trained - epochStart), decimals: 2)) s training)")
            epochStart = clock.now
            bar = trainingBar(epoch + 1)
            return ["validation_accuracy": accuracy]
        })
    result.diverged = history.status
    if history.diverged { print("\(name): training DIVERGED (\(history.status)); the last good epoch's weights are kept") }

    // Keep the weights of the best validation epoch: chosen on validation data only.
    for (parameter, value) in zip(network.parameters, bestWeights) { parameter.value = value }
    let testBar = ProgressBar("\(name) test", total: split.test.count)
    result.testPredictions = predictClasses(network, split.test.inputs, batchSize: 1000, bar: testBar)
    let testLabels = split.test.classLabels
    result.testAccuracy = Double(zip(result.testPredictions, testLabels).filter { $0.0 == $0.1 }.count) / Double(max(testLabels.count, 1))
    testBar.finish(info: "accuracy \(formatFixed(100 * result.testAccuracy, decimals: 2)) %")
    return result
}

/// The predicted class (argmax of the output) of every row of `inputs`, in batches of
/// `batchSize` rows so the activations stay small; advances `bar` per row.
func predictClasses(_ network: Sequential<Float>, _ inputs: Matrix<Float>, batchSize: Int, bar: ProgressBar?) -> [Int] {
    var predictions: [Int] = []
    predictions.reserveCapacity(inputs.rows)
    var lower = 0
    while lower < inputs.rows {
        let upper = min(lower + batchSize, inputs.rows)
        // `rows(_:)` copies one contiguous block; the generic `gatherRows` showed up in perf.
        predictions += network.forward(inputs.rows(lower..<upper)).argmaxPerRow()
        lower = upper
        bar?.update(lower)
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
