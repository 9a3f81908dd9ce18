import Backprop

/// How one run of notebook 001's sine fit ended: one optimiser trained from one seed's
/// initial weights. `experiment-sine-fit` collects one per seed and optimiser.
public struct SineFitRun: Sendable, Equatable {
    public var seed: UInt64
    /// ½·MSE of the initial weights, before the first update.
    public var initialLoss: Double
    /// ½·MSE of the trained network, after its last update; NaN when the run diverged.
    public var finalLoss: Double
    /// The step whose loss stopped the run as diverged (NaN, infinite, or above the trainer's
    /// divergence factor times the first loss); nil when the run completed.
    public var divergedAtStep: Int?
    /// The number of updates after which ½·MSE first fell below the threshold, counted as
    /// `TrainingHistory.stepsToReach` counts them (the loss after i updates is at index i);
    /// nil if it never did.
    public var stepsToThreshold: Int?
    /// For each of the target's four humps, left to right, whether the trained network draws
    /// it (see ``SineHumps``). All false for a diverged run.
    public var humps: [Bool]

    public init(seed: UInt64, initialLoss: Double, finalLoss: Double, divergedAtStep: Int? = nil, stepsToThreshold: Int?, humps: [Bool]) {
        self.seed = seed
        self.initialLoss = initialLoss
        self.finalLoss = finalLoss
        self.divergedAtStep = divergedAtStep
        self.stepsToThreshold = stepsToThreshold
        self.humps = humps
    }

    public var diverged: Bool { divergedAtStep != nil }

    /// How many of the four humps the fit draws.
    public var humpCount: Int { humps.filter { $0 }.count }

    /// Whether the run completed with a higher loss than it started with.
    public var endedAboveStart: Bool { !diverged && finalLoss > initialLoss }

    /// Whether the final ½·MSE is at most `threshold` (a diverged run's NaN never is).
    public func succeeded(threshold: Double) -> Bool { finalLoss <= threshold }
}

/// The four humps of sin²(4πx) on [0, 1]: peaks of 1 at x = 1/8, 3/8, 5/8, 7/8, troughs of 0
/// at x = 0, 1/4, 1/2, 3/4, 1. Runs of the sine fit that stop above the threshold have
/// settled on a fit that leaves some humps out (a flat shelf instead); counting the humps
/// drawn tells those local minima apart.
public enum SineHumps {
    /// The x of each peak, left to right.
    public static let peaks: [Double] = [0.125, 0.375, 0.625, 0.875]

    /// Where a fit is read: x = k/8 for k = 0…8, troughs and peaks alternating.
    public static let probes: [Double] = (0...8).map { Double($0) / 8 }

    /// Which humps a fit draws, from its predictions at ``probes``: hump k is drawn when the
    /// prediction at its peak is above 0.75 and at both troughs beside it below 0.25 (the
    /// target is 1 and 0 there; a shelf sits near 0.5 and fails both tests).
    public static func fitted(predictionsAtProbes y: [Double]) -> [Bool] {
        Misuse.check(y.count == probes.count, "SineHumps: \(probes.count) predictions (x = k/8) needed, got \(y.count)")
        return (0..<4).map { k in y[2 * k + 1] > 0.75 && y[2 * k] < 0.25 && y[2 * k + 2] < 0.25 }
    }
}
