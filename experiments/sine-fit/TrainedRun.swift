import Backprop
import ExperimentKit
import Foundation

/// What one optimiser's run from one seed leaves for the report: the outcome the claims
/// count, and what the figures of that seed draw (loss curve, film frames, final weights).
/// Kept small, so a sweep of many seeds does not hold every step's loss.
struct TrainedRun: Sendable {
    /// Final loss, divergence, steps to the threshold, humps fitted.
    let outcome: SineFitRun
    /// The loss after `steps[i]` updates, at about 600 log-spaced steps from 0 to the last update.
    let lossCurve: (steps: [Int], losses: [Double])
    /// The film's snapshots, each with the loss of the state it holds.
    let frames: [(snapshot: FilmRecorder<Double>.Snapshot, loss: Double)]
    /// The trained parameters, in `Sequential.parameters` order.
    let finalParameters: [Matrix<Double>]
    /// Wall-clock time per step; printed, never recorded (it would make metrics.json differ between runs).
    let secondsPerStep: Double

    static let curvePoints = 600

    /// - Parameters:
    ///   - network: the trained network; its loss on `data` is the run's final loss.
    ///   - history: the run's losses before each update (index i: after i updates).
    init(seed: UInt64, network: Sequential<Double>, history: TrainingHistory, data: Dataset<Double>, threshold: Double,
         frames: [(snapshot: FilmRecorder<Double>.Snapshot, loss: Double)], seconds: Double) {
        // The loss after the last update needs one more forward pass: the history holds the
        // losses before each update.
        let finalLoss = history.diverged ? Double.nan
            : MeanSquaredError(.half).loss(of: network.forward(data.inputs), target: data.targets)
        let probes = network.forward(Matrix(rows: SineHumps.probes.count, columns: 1, elements: SineHumps.probes)).elements
        let divergedAt = history.divergedAtStep
        let updates = history.stepLosses.count
        outcome = SineFitRun(seed: seed, initialLoss: history.stepLosses.first ?? .nan, finalLoss: finalLoss, divergedAtStep: divergedAt,
                             stepsToThreshold: history.stepsToReach(threshold) ?? (finalLoss <= threshold ? updates : nil),
                             humps: divergedAt == nil ? SineHumps.fitted(predictionsAtProbes: probes) : [false, false, false, false])

        // Log-spaced samples show the first updates and the long plateaus alike on a log axis.
        let sampled = FilmRecorder<Double>.logSpacedSteps(count: Self.curvePoints, below: updates)
        var curveSteps = sampled, curveLosses = sampled.map { history.stepLosses[$0] }
        if !history.diverged {
            curveSteps.append(updates)
            curveLosses.append(finalLoss)
        }
        lossCurve = (curveSteps, curveLosses)
        self.frames = frames
        finalParameters = network.parameters.map(\.value)
        secondsPerStep = seconds / Double(max(updates, 1))
    }
}
