import ExperimentKit

/// A run's loss after each number of updates, cut down for drawing on a log step axis
/// without losing its spikes: the steps are split into stretches that grow with the step
/// (one step each up to `fullSteps`, then about 1/`fullSteps` of the step number), and each
/// stretch keeps its lowest and highest loss, in step order. A curve keeps a few thousand
/// points however many steps it has, so every seed's curve can be kept and the figures need
/// no second run of the seeds they show.
struct LossCurve: Sendable, Equatable {
    /// Updates made: 0 for the initial weights, then 1, 2, … (a subset of them).
    let steps: [Double]
    /// The loss after that many updates.
    let losses: [Double]

    /// The curve of a run: the loss before each update, then the loss after the last one
    /// (when the run did not diverge).
    init(_ run: ProblemSetup.Run, fullSteps: Int = 400) {
        self.init(run.history.stepLosses + (run.diverged ? [] : [run.finalLoss]), fullSteps: fullSteps)
    }

    /// - Parameter stepLosses: the loss after 0, 1, 2, … updates.
    init(_ stepLosses: [Double], fullSteps: Int = 400) {
        var steps: [Double] = [], losses: [Double] = []
        var start = 0
        while start < stepLosses.count {
            let bucket = start..<min(start + max(start / max(fullSteps, 1), 1), stepLosses.count)
            start = bucket.upperBound
            // NaN (a diverged step) is kept, so the line breaks where the run stopped.
            let low = bucket.min { Self.order(stepLosses[$0], stepLosses[$1]) }!
            let high = bucket.max { Self.order(stepLosses[$0], stepLosses[$1]) }!
            // The first and the last step too: where the curve starts and ends.
            let ends = [0, stepLosses.count - 1].filter(bucket.contains)
            for index in Set([low, high] + ends).sorted() {
                steps.append(Double(index))
                losses.append(stepLosses[index])
            }
        }
        self.steps = steps
        self.losses = losses
    }

    /// Finite losses in their order, NaN above everything.
    private static func order(_ a: Double, _ b: Double) -> Bool {
        a.isNaN ? false : (b.isNaN ? true : a < b)
    }
}
