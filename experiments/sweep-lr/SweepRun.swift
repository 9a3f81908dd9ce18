import Backprop
import ExperimentKit
import Plot

/// One learning rate's training in a sweep, and what the table and metrics.json say about it.
struct SweepRun: Sendable {
    let learningRate: Double
    let history: TrainingHistory

    /// Stopped as diverged, or ended on a loss that is not a number (NaN, ∞): never "ok".
    var diverged: Bool { history.diverged || !finalLoss.isFinite }

    /// The step (0-based) whose loss showed divergence; nil for a completed run.
    var divergedAtStep: Int? {
        if case .diverged(let step, _) = history.status { return step }
        return nil
    }

    /// The last epoch's loss, or for a diverged run the last finite loss it reached.
    var finalLoss: Double { history.finalLoss ?? .nan }

    /// Updates applied: all of them, or those before divergence.
    var stepsTaken: Int { divergedAtStep ?? history.stepLosses.count }

    var status: String {
        if let divergedAtStep { return "diverged at step \(divergedAtStep)" }
        return diverged ? "diverged (final loss \(scientific(finalLoss)))" : "ok"
    }

    func json(threshold: Double) -> JSONValue {
        var object: [String: JSONValue] = [
            "steps_to_threshold": history.stepsToReach(threshold).map { .integer($0) } ?? .string("never"),
            "learning_rate": .number(learningRate),
            "final_loss": .number(finalLoss),
            "diverged": .bool(diverged),
            "steps": .integer(stepsTaken),
        ]
        if let divergedAtStep { object["diverged_at_step"] = .integer(divergedAtStep) }
        return .object(object)
    }

    /// The completed run with the lowest final loss (the smaller rate on a tie), or nil
    /// when every run diverged.
    static func best(of runs: [SweepRun]) -> SweepRun? {
        runs.filter { !$0.diverged && $0.finalLoss.isFinite }
            .min { ($0.finalLoss, $0.learningRate) < ($1.finalLoss, $1.learningRate) }
    }
}
