/// An optimiser whose learning rate follows a schedule: before each update it sets the
/// wrapped optimiser's η to `schedule.learningRate(atStep: t, base: learningRate)`.
///
/// ```swift
/// let optimizer = ScheduledOptimizer(Adam(parameters: network.parameters, learningRate: 0.1),
///                                    schedule: .warmUpCosine(warmUp: 500, steps: 20_000))
/// trainer = Trainer(model: network, loss: loss, optimizer: optimizer)   // fit as usual
/// ```
public final class ScheduledOptimizer<Base: Optimizer>: Optimizer {
    public typealias Scalar = Base.Scalar
    /// The optimiser that updates the parameters, at the scheduled rate.
    public let base: Base
    public let schedule: LearningRateSchedule
    /// η₀, the rate the schedule scales (the wrapped optimiser's rate when wrapped).
    @exclusivity(unchecked) public var learningRate: Double
    /// t, the number of updates taken.
    @exclusivity(unchecked) public private(set) var stepCount = 0

    public init(_ base: Base, schedule: LearningRateSchedule) {
        if let misuse = schedule.misuse { Misuse.fail("ScheduledOptimizer: \(misuse)") }
        self.base = base
        self.schedule = schedule
        learningRate = base.learningRate
    }

    public var parameters: [Parameter<Scalar>] { base.parameters }

    public func step() {
        base.learningRate = schedule.learningRate(atStep: stepCount, base: learningRate)
        base.step()
        stepCount += 1
    }
}
