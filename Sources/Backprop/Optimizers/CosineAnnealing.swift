import RealModule

/// A learning rate that falls from η_max to η_min along half a cosine over T steps
/// (Loshchilov & Hutter, 2017, without restarts), PyTorch's `CosineAnnealingLR`: after t steps,
///
///     η_t = η_min + ½ (η_max − η_min) (1 + cos(π t / T))
///
/// η_max at t = 0, their mean at t = T/2, η_min at t = T and after (PyTorch would rise again).
/// Large steps early to travel, small ones late to settle in a minimum instead of hopping
/// around it. Any optimiser takes it through `learningRate`, set before each step:
///
/// ```swift
/// let schedule = CosineAnnealing(maximum: 1e-3, steps: epochs * stepsPerEpoch)
/// trainer.fit(data, configuration: configuration, using: &generator,
///             progress: { optimizer.learningRate = schedule.learningRate(afterSteps: $0.step) })
/// ```
public struct CosineAnnealing: Sendable, Equatable {
    /// η_max, the rate of the first step.
    public let maximum: Double
    /// η_min, the rate from step T on.
    public let minimum: Double
    /// T, the steps the decay takes.
    public let steps: Int

    public init(maximum: Double, minimum: Double = 0, steps: Int) {
        Misuse.check(steps > 0, "CosineAnnealing: steps must be positive, got \(steps)")
        self.maximum = maximum
        self.minimum = minimum
        self.steps = steps
    }

    /// η_t, the rate for the step that follows `t` completed steps.
    public func learningRate(afterSteps t: Int) -> Double {
        guard t < steps else { return minimum }
        return minimum + 0.5 * (maximum - minimum) * (1 + .cos(.pi * Double(max(t, 0)) / Double(steps)))
    }
}
