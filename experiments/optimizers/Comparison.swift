import ExperimentKit

/// What the sweep keeps of one run (seed × problem × optimiser): enough for the tables and
/// metrics.json; the loss curves are drawn from a rerun of the seeds they show.
struct RunSummary: Sendable {
    /// The loss after the last update; NaN for a diverged run.
    let finalLoss: Double
    let diverged: Bool
    let divergedAtStep: Int?
    /// The loss that showed the divergence (NaN, infinite, or above 4× the first).
    let divergedLoss: Double?
    /// Updates until the loss was first at or below the problem's threshold (nil: never).
    let stepsToThreshold: Int?
    /// Ended at or below the threshold without diverging.
    let succeeded: Bool

    init(_ run: ProblemSetup.Run, threshold: Double) {
        finalLoss = run.finalLoss
        diverged = run.diverged
        divergedAtStep = run.divergedAtStep
        if case .diverged(_, let loss) = run.history.status { divergedLoss = loss } else { divergedLoss = nil }
        stepsToThreshold = run.stepsToReach(threshold)
        succeeded = run.succeeded(below: threshold)
    }
}

/// Every run of the sweep, and what the page says about a problem × optimiser over the seeds.
struct Comparison {
    let seeds: [UInt64]
    let problems: [Problem]
    let optimizers: [OptimizerChoice]
    let learningRates: [OptimizerChoice: Double]
    let steps: [Problem: Int]
    /// `runs[problem][optimizer][k]` is the run from `seeds[k]`.
    let runs: [Problem: [OptimizerChoice: [RunSummary]]]

    func runs(_ problem: Problem, _ optimizer: OptimizerChoice) -> [RunSummary] { runs[problem]![optimizer]! }

    func outcome(_ problem: Problem, _ optimizer: OptimizerChoice) -> Outcome {
        Outcome(runs: runs(problem, optimizer))
    }

    /// The seeds' runs of one problem × optimiser, summarised.
    struct Outcome {
        let runs: [RunSummary]
        var count: Int { runs.count }
        var successes: Int { runs.filter(\.succeeded).count }
        var successRate: Double { Double(successes) / Double(max(count, 1)) }
        /// 95 % Wilson interval of the success rate.
        var successInterval: ClosedRange<Double> { Distribution.wilsonInterval(successes: successes, of: count) }
        var divergedRuns: Int { runs.filter(\.diverged).count }
        /// Final losses, NaN for the diverged runs (which the distribution leaves out of its quartiles).
        var finalLosses: Distribution { Distribution(runs.map(\.finalLoss)) }
        /// Steps to the threshold of the runs that reached it (diverged ones included: they did reach it).
        var stepsToThreshold: Distribution { Distribution(runs.compactMap(\.stepsToThreshold).map(Double.init)) }
        /// How many runs reached the threshold at some step.
        var reachedThreshold: Int { runs.filter { $0.stepsToThreshold != nil }.count }

        /// (largest − smallest) / median of the completed runs' final losses: how far the
        /// seeds' runs end apart. Nil without a completed run.
        var finalLossRelativeSpread: Double? {
            let losses = finalLosses
            guard let low = losses.minimum, let high = losses.maximum, let median = losses.median, median > 0 else { return nil }
            return (high - low) / median
        }
    }

    /// The seed whose figures stand for a problem: ranking the seeds by final loss for each
    /// optimiser (a diverged run ranks last), the seed whose ranks lie closest to the middle
    /// rank, summed over the optimisers; on a tie the earlier seed. Returns an index into `seeds`.
    func representativeSeedIndex(for problem: Problem) -> Int {
        let middle = Double(seeds.count - 1) / 2
        var distance = [Double](repeating: 0, count: seeds.count)
        for optimizer in optimizers {
            let runs = runs(problem, optimizer)
            let order = runs.indices.sorted { a, b in
                let (la, lb) = (runs[a].diverged ? .infinity : runs[a].finalLoss, runs[b].diverged ? .infinity : runs[b].finalLoss)
                return la != lb ? la < lb : a < b
            }
            for (rank, index) in order.enumerated() { distance[index] += abs(Double(rank) - middle) }
        }
        return distance.indices.min { (distance[$0], $0) < (distance[$1], $1) }!
    }

    /// Seeds (indices) on which `fast` reached the threshold in fewer steps than `slow`,
    /// counting a seed where only `fast` reached it; and on how many seeds either reached it.
    func pairedWins(_ problem: Problem, _ fast: OptimizerChoice, over slow: OptimizerChoice) -> (wins: Int, comparable: Int) {
        var wins = 0, comparable = 0
        for (a, b) in zip(runs(problem, fast), runs(problem, slow)) where a.stepsToThreshold != nil || b.stepsToThreshold != nil {
            comparable += 1
            if let sa = a.stepsToThreshold, sa < (b.stepsToThreshold ?? .max) { wins += 1 }
        }
        return (wins, comparable)
    }
}
