import Backprop
import ExperimentKit

/// One learning rate's training in a sweep, and what the table and metrics.json say about it.
struct SweepRun: Sendable {
    let learningRate: Double
    let run: ProblemSetup.Run
    /// The problem's threshold, for the steps to reach it.
    let threshold: Double

    var history: TrainingHistory { run.history }

    /// Stopped as diverged, or ended on a loss that is not a number (NaN, ∞): never "completed".
    var diverged: Bool { run.diverged }

    /// The step whose loss showed divergence (after that many updates); nil for a completed run.
    var divergedAtStep: Int? { run.divergedAtStep }

    /// The loss after the last update; NaN for a diverged run.
    var finalLoss: Double { run.finalLoss }

    /// Updates applied: all of them, or those before divergence.
    var stepsTaken: Int { run.stepsTaken }

    /// Updates until the loss was first at or below the threshold; nil if it never was.
    var stepsToThreshold: Int? { run.stepsToReach(threshold) }

    /// The loss after 0, 1, 2, … updates: the loss before each update, then the final one.
    var lossCurve: [Double] { history.stepLosses + (diverged ? [] : [finalLoss]) }

    var status: String {
        if let divergedAtStep { return "diverged at step \(divergedAtStep)" }
        return diverged ? "diverged (final loss \(scientific(finalLoss)))" : "completed"
    }

    var json: JSONValue {
        var object: [String: JSONValue] = [
            "learning_rate": .number(learningRate),
            "final_loss": .number(finalLoss),
            "steps_to_threshold": stepsToThreshold.map { .integer($0) } ?? .null,
            "diverged": .bool(diverged),
            "status": .string(status),
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
