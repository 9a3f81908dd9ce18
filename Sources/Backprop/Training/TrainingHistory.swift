/// What a training run recorded, and how it ended.
public struct TrainingHistory: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case completed
        /// The loss at `step` (0-based) was NaN, infinite, or above the divergence factor
        /// times the first step's loss; training stopped before updating on it.
        case diverged(step: Int, loss: Double)
    }

    /// The loss of each step's batch, before that step's update.
    public var stepLosses: [Double] = []
    /// The mean batch loss of each completed epoch.
    public var epochLosses: [Double] = []
    /// Per-epoch values the caller added (e.g. "validation accuracy"), one per completed epoch.
    public var metrics: [String: [Double]] = [:]
    public var status: Status = .completed

    public init() {}

    public var diverged: Bool {
        if case .diverged = status { return true }
        return false
    }

    /// The last finite loss recorded (the final epoch's mean, or the last good step if diverged).
    public var finalLoss: Double? {
        if diverged { return stepLosses.last(where: \.isFinite) }
        return epochLosses.last
    }
}
