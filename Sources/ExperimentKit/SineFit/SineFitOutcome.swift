/// One optimiser's runs of the sine fit over every seed of a sweep, and what they say
/// together: how often it reached the threshold, with what uncertainty, and where the
/// other runs stopped.
public struct SineFitOutcome: Sendable {
    /// "gradient descent", "Adam": as sentences and tables name it.
    public var optimizer: String
    public var learningRate: Double
    /// The ½·MSE a run must end at or below to count as a success.
    public var threshold: Double
    /// One run per seed, in seed order.
    public var runs: [SineFitRun]

    public init(optimizer: String, learningRate: Double, threshold: Double, runs: [SineFitRun]) {
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.threshold = threshold
        self.runs = runs
    }

    public var seeds: Int { runs.count }
    public var successes: Int { runs.filter { $0.succeeded(threshold: threshold) }.count }
    public var successRate: Double { seeds == 0 ? .nan : Double(successes) / Double(seeds) }
    /// The 95 % Wilson interval of the success rate.
    public var interval: ClosedRange<Double> { Distribution.wilsonInterval(successes: successes, of: seeds) }
    public var divergedCount: Int { runs.filter(\.diverged).count }

    /// Final ½·MSE of every run (NaN for a diverged one, which `Distribution` leaves out of its quantiles).
    public var finalLosses: Distribution { Distribution(runs.map(\.finalLoss)) }

    /// Updates to the threshold, over the successful runs.
    public var stepsToThreshold: Distribution {
        Distribution(runs.filter { $0.succeeded(threshold: threshold) }.compactMap { $0.stepsToThreshold.map(Double.init) })
    }

    /// The runs that completed above the threshold, grouped by how many humps they fit,
    /// fewest first; only counts that occur.
    public var failuresByHumps: [(humps: Int, runs: [SineFitRun])] {
        let failures = runs.filter { !$0.diverged && !$0.succeeded(threshold: threshold) }
        return (0...4).compactMap { count in
            let group = failures.filter { $0.humpCount == count }
            return group.isEmpty ? nil : (count, group)
        }
    }

    /// The index of the run the figures show: the successful run with the median final loss
    /// (the lower of the two middle ones for an even count); without successes, the median of
    /// the runs that completed; when every run diverged, the first.
    public var representativeIndex: Int {
        let successful = runs.indices.filter { runs[$0].succeeded(threshold: threshold) }
        let candidates = successful.isEmpty ? runs.indices.filter { !runs[$0].diverged } : successful
        guard !candidates.isEmpty else { return 0 }
        // Ties in loss go to the earlier seed, so the choice does not depend on the sort.
        let ordered = candidates.sorted { (runs[$0].finalLoss, $0) < (runs[$1].finalLoss, $1) }
        return ordered[(ordered.count - 1) / 2]
    }

    /// Why ``representativeIndex`` chose its run, for the page: "the median final ½·MSE among Adam's 11 successful runs".
    public var representativeReason: String {
        let successful = successes
        if successful > 0 { return successful == 1 ? "\(optimizer)'s only successful run" : "the median final ½·MSE among \(optimizer)'s \(successful) successful runs" }
        if divergedCount < seeds { return "the median final ½·MSE among \(optimizer)'s runs (none succeeded)" }
        return "the first seed (every \(optimizer) run diverged)"
    }
}
