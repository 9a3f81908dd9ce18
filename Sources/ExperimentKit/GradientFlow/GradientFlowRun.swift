import Backprop
import Foundation

/// What one training run of the gradient-flow network recorded: per step and per Linear
/// layer (input layer first) ‖∂L/∂W‖ and ‖ΔW‖/‖W‖, the losses, and each hidden layer's
/// activations over the data before and after training.
public struct GradientFlowRun: Sendable {
    public let activation: HiddenActivation
    public let learningRate: Double
    /// Linear layers, hidden and output: the columns of the recorded tables.
    public let layerCount: Int
    /// The steps asked for, those taken (fewer only if the run diverged), and the first ones
    /// of those whose norms were recorded (all, unless the recording was limited).
    public let steps: Int
    public let stepsTaken: Int
    public let recordedSteps: Int
    /// `[capacity × layerCount]`, row-major: the Frobenius norm ‖∂L/∂W‖ of each layer's weight
    /// gradient at each recorded step, before that step's update. NaN for steps not taken.
    public let gradientNorms: [Double]
    /// `[capacity × layerCount]`, row-major: ‖ΔW‖ / ‖W‖ of each step's update, W as it was before it.
    public let updateRatios: [Double]
    /// The loss of every step, before its update, and how the run ended.
    public let history: TrainingHistory
    /// Per hidden layer, its activations over every sample (`samples × width` values); empty
    /// when the recording was limited to the first steps.
    public let initialActivations: [[Double]]
    public let finalActivations: [[Double]]
    /// Binary cross-entropy and accuracy (prediction ≥ 0.5 ⇒ class 1) after the last update.
    public let finalLoss: Double
    public let finalAccuracy: Double

    public var diverged: Bool { history.diverged }

    /// ‖∂L/∂W‖ of `layer` (0 = first Linear) at `step` (0 = the initial weights); NaN for a
    /// step that was not recorded.
    public func gradientNorm(step: Int, layer: Int) -> Double {
        Misuse.check(layer >= 0 && layer < layerCount, "GradientFlowRun: layer \(layer) outside the \(layerCount) Linear layers")
        return (0..<recordedSteps).contains(step) ? gradientNorms[step * layerCount + layer] : .nan
    }

    /// ‖∂L/∂W‖ of `layer` at every recorded step.
    public func gradientNorms(layer: Int) -> [Double] {
        (0..<recordedSteps).map { gradientNorm(step: $0, layer: layer) }
    }

    /// ‖ΔW‖/‖W‖ of `layer` at every recorded step.
    public func updateRatios(layer: Int) -> [Double] {
        (0..<recordedSteps).map { updateRatios[$0 * layerCount + layer] }
    }

    /// ‖∂L/∂W₁‖ / ‖∂L/∂W_last‖ at `step`: how much weaker the gradient reaching the first
    /// layer is than the one at the output layer.
    public func firstToLastGradientRatio(atStep step: Int) -> Double {
        gradientNorm(step: step, layer: 0) / gradientNorm(step: step, layer: layerCount - 1)
    }

    /// The geometric mean of `firstToLastGradientRatio` over steps 0 ..< min(count, recordedSteps):
    /// the ratio's typical value early in training. Geometric, because the ratio spans decades.
    public func meanFirstToLastGradientRatio(overFirst count: Int) -> Double {
        let steps = min(count, recordedSteps)
        guard steps > 0 else { return .nan }
        let logSum = (0..<steps).reduce(0.0) { $0 + log(firstToLastGradientRatio(atStep: $1)) }
        return exp(logSum / Double(steps))
    }
}
