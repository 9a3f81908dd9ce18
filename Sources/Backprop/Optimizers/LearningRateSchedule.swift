import RealModule

/// How η changes during a run: the learning rate of update t (t = 0 for the first) as a
/// multiple of the base rate η₀. Each case is the closed form of a PyTorch scheduler
/// stepped once per update (in full-batch training, once per epoch).
///
/// ```swift
/// let adam = Adam(parameters: network.parameters, learningRate: 0.1)        // η₀
/// let optimizer = ScheduledOptimizer(adam, schedule: .cosine(steps: 20_000))
/// let trainer = Trainer(model: network, loss: MeanSquaredError(.half), optimizer: optimizer)
/// ```
public enum LearningRateSchedule: Sendable, Equatable {
    /// η₀ at every update.
    case constant
    /// η₀·γ^⌊t / every⌋: multiplied by γ = `factor` every `every` updates (`StepLR`).
    case stepDecay(every: Int, factor: Double)
    /// η₀·γᵗ (`ExponentialLR`).
    case exponential(factor: Double)
    /// Half a cosine from η₀ down to `minimum`·η₀ over `steps` updates, then held there:
    /// η₀·(m + (1 − m)·(1 + cos(π·t/T))/2) for t ≤ T (`CosineAnnealingLR` with T_max = T,
    /// eta_min = m·η₀).
    case cosine(steps: Int, minimum: Double = 0)
    /// A linear rise over the first w updates, η₀·(t + 1)/w, then the cosine from η₀ down to
    /// `minimum`·η₀ over the remaining T − w (`LinearLR` then `CosineAnnealingLR` in a `SequentialLR`).
    case warmUpCosine(warmUp: Int, steps: Int, minimum: Double = 0)

    /// η for update `t` (0-based) when the base rate is `base`.
    public func learningRate(atStep t: Int, base: Double) -> Double {
        base * factor(atStep: t)
    }

    /// η(t)/η₀.
    public func factor(atStep t: Int) -> Double {
        switch self {
        case .constant:
            return 1
        case .stepDecay(let every, let γ):
            return .pow(γ, Double(t / every))
        case .exponential(let γ):
            return .pow(γ, Double(t))
        case .cosine(let steps, let minimum):
            return Self.halfCosine(Double(min(t, steps)) / Double(steps), minimum)
        case .warmUpCosine(let warmUp, let steps, let minimum):
            if t < warmUp { return Double(t + 1) / Double(warmUp) }
            return Self.halfCosine(Double(min(t - warmUp, steps - warmUp)) / Double(steps - warmUp), minimum)
        }
    }

    /// Why this schedule cannot run (a zero length, a negative factor), or nil.
    var misuse: String? {
        switch self {
        case .constant:
            return nil
        case .stepDecay(let every, let factor):
            return every > 0 && factor > 0 ? nil : "stepDecay needs every > 0 and factor > 0, got every \(every), factor \(factor)"
        case .exponential(let factor):
            return factor > 0 ? nil : "exponential needs factor > 0, got \(factor)"
        case .cosine(let steps, let minimum):
            return steps > 0 && minimum >= 0 ? nil : "cosine needs steps > 0 and minimum ≥ 0, got steps \(steps), minimum \(minimum)"
        case .warmUpCosine(let warmUp, let steps, let minimum):
            return warmUp >= 0 && steps > warmUp && minimum >= 0 ? nil
                : "warmUpCosine needs 0 ≤ warmUp < steps and minimum ≥ 0, got warmUp \(warmUp), steps \(steps), minimum \(minimum)"
        }
    }

    /// From 1 at progress 0 down to `minimum` at progress 1.
    static func halfCosine(_ progress: Double, _ minimum: Double) -> Double {
        minimum + (1 - minimum) * (1 + .cos(.pi * progress)) / 2
    }
}
