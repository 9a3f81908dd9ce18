import ExperimentKit

/// The runs of every seed and activation, and what they say together.
struct GradientFlowSweep {
    let seeds: [UInt64]
    /// Seed-major: the runs of seed k are at k·activations.count ..< (k + 1)·activations.count.
    /// The first seed's runs record everything; the others their first `earlySteps` steps.
    let runs: [GradientFlowRun]
    let activations: [HiddenActivation]
    /// The N of "the first/last ratio averaged over the first N steps".
    let earlySteps: Int

    func run(seed index: Int, _ activation: HiddenActivation) -> GradientFlowRun {
        runs[index * activations.count + activations.firstIndex(of: activation)!]
    }

    /// Per seed, how many times smaller sigmoid's first/last gradient ratio at step 0 is than ReLU's.
    var sigmoidShortfalls: [Double] {
        seeds.indices.map { shortfall(seed: $0) }
    }

    /// ReLU's first/last gradient ratio at step 0 over sigmoid's, for the seed at `index`.
    func shortfall(seed index: Int) -> Double {
        run(seed: index, .relu).firstToLastGradientRatio(atStep: 0) / run(seed: index, .sigmoid).firstToLastGradientRatio(atStep: 0)
    }

    /// The same over the geometric mean of the first `earlySteps` steps.
    func earlyShortfall(seed index: Int) -> Double {
        run(seed: index, .relu).meanFirstToLastGradientRatio(overFirst: earlySteps)
            / run(seed: index, .sigmoid).meanFirstToLastGradientRatio(overFirst: earlySteps)
    }

    /// Steps over which the early average was actually taken (fewer if a run was shorter).
    var earlyStepsTaken: Int {
        runs.map { min(earlySteps, $0.recordedSteps) }.min() ?? 0
    }
}
