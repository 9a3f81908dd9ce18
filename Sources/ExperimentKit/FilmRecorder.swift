import Backprop
import Foundation

/// Snapshots of a network's parameters at log-spaced steps of a training run, from which
/// the experiments draw the frames of a training film (what the network computes after 0,
/// 1, 3, 10, … updates).
///
/// Between the chosen steps it does nothing but compare the step number, so recording
/// does not change how fast the training loop runs. Pass `record` to `Trainer.fit`'s
/// `progress`, and call `recordStart` before training:
///
/// ```swift
/// let film = FilmRecorder<Double>(frames: 16, totalSteps: steps)
/// let parameters = network.parameters     // once: `parameters` builds a new array per call
/// film.recordStart(parameters)
/// let history = trainer.fit(data, configuration: .init(epochs: steps),
///                           progress: { film.record(after: $0.step, parameters) })
/// let frames = film.frames(losses: history)   // each with the loss the run had at its step
/// ```
public final class FilmRecorder<Scalar: BLASScalar> {
    /// A snapshot: the parameters after `step` updates.
    public struct Snapshot {
        public var step: Int
        public var parameters: [Matrix<Scalar>]
    }

    /// The steps to snapshot, ascending: 0, the last step, and log-spaced ones between.
    public let steps: [Int]
    public private(set) var snapshots: [Snapshot] = []
    /// The step the next snapshot is due at (Int.max once all are taken): the one number a
    /// step between snapshots compares with. Unchecked for exclusivity, as the trainer's
    /// per-step state is: the run-time check would cost more than the comparison.
    @exclusivity(unchecked) private var due: Int

    /// - Parameters:
    ///   - frames: how many snapshots (at most `totalSteps` of them).
    ///   - totalSteps: the run's number of steps; frames are taken after 0 … totalSteps − 1 updates,
    ///     the states whose loss the run's history records.
    public init(frames: Int, totalSteps: Int) {
        steps = FilmRecorder.logSpacedSteps(count: frames, below: totalSteps)
        due = steps.first ?? .max
    }

    /// `count` distinct steps in 0..<limit: 0, limit − 1 and log-spaced ones between (where
    /// log spacing would repeat a step, the next free step is taken).
    public static func logSpacedSteps(count: Int, below limit: Int) -> [Int] {
        let count = Swift.min(count, limit)
        guard count > 2 else { return count == 2 ? [0, limit - 1] : count == 1 ? [0] : [] }
        var steps: [Int] = [0]
        let last = Double(limit - 1)
        for index in 1..<count {
            // Geometric from 1 up to the last step: 1, …, limit − 1.
            let ideal = Int(pow(last, Double(index - 1) / Double(count - 2)).rounded())
            let remaining = count - 1 - index          // frames still to place after this one
            steps.append(Swift.min(Swift.max(ideal, steps.last! + 1), limit - 1 - remaining))
        }
        return steps
    }

    /// Records the state before training (step 0).
    public func recordStart(_ parameters: [Parameter<Scalar>]) {
        record(after: 0, parameters)
    }

    /// Records the parameters when `completed` updates have been made and that count is
    /// one of `steps`; otherwise returns at once.
    @inline(__always)
    public func record(after completed: Int, _ parameters: [Parameter<Scalar>]) {
        if completed == due { snapshot(after: completed, parameters) }
    }

    @inline(never)
    private func snapshot(after completed: Int, _ parameters: [Parameter<Scalar>]) {
        snapshots.append(Snapshot(step: completed, parameters: parameters.map(\.value)))
        due = snapshots.count < steps.count ? steps[snapshots.count] : .max
    }

    /// Each snapshot with the loss the history recorded at its step (the loss of the state
    /// the snapshot holds), in step order; snapshots after a divergence have none.
    public func frames(losses history: TrainingHistory) -> [(snapshot: Snapshot, loss: Double)] {
        snapshots.compactMap { snapshot in
            snapshot.step < history.stepLosses.count ? (snapshot, history.stepLosses[snapshot.step]) : nil
        }
    }
}

// Snapshots hold values only, so runs on several threads can hand them back.
extension FilmRecorder.Snapshot: Sendable {}

extension Sequential {
    /// Sets every parameter to a snapshot's values (same order as `parameters`).
    public func load(_ snapshot: FilmRecorder<Scalar>.Snapshot) {
        load(parameterValues: snapshot.parameters)
    }

    /// Sets every parameter to the matching value (same order as `parameters`): the weights a
    /// run ended with, or those of its best epoch.
    public func load(parameterValues values: [Matrix<Scalar>]) {
        for (parameter, value) in zip(parameters, values) { parameter.value = value }
    }
}
