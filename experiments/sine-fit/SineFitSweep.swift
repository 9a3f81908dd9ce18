import Backprop
import ExperimentKit

/// Every seed's two runs and what they add up to; the figures and the report read from it.
struct SineFitSweep {
    let seeds: [UInt64]
    let steps: Int
    let data: Dataset<Double>
    let threshold: Double
    /// Per seed, in seed order: the runs of `optimizers`, in that order.
    let trained: [[TrainedRun]]
    /// The notebook's two optimisers: gradient descent and Adam (PyTorch's β₁ 0.9, β₂ 0.999, ε 1e-8).
    static let optimizers: [OptimizerChoice] = [.gd, .adam]
    var optimizers: [OptimizerChoice] { Self.optimizers }
    /// Per optimiser, over every seed.
    let outcomes: [SineFitOutcome]
    /// The seed the single-seed figures show (index into `seeds`), chosen by Adam's outcome.
    let representative: Int
    /// ½·MSE of predicting the targets' mean everywhere: the plateau a fit with no hump sits on.
    let meanPredictionLoss: Double

    init(seeds: [UInt64], steps: Int, data: Dataset<Double>, threshold: Double, trained: [[TrainedRun]], learningRates: [Double]) {
        self.seeds = seeds
        self.steps = steps
        self.data = data
        self.threshold = threshold
        self.trained = trained
        outcomes = Self.optimizers.enumerated().map { index, optimizer in
            SineFitOutcome(optimizer: optimizer.title, learningRate: learningRates[index], threshold: threshold,
                           runs: trained.map { $0[index].outcome })
        }
        representative = outcomes[Self.optimizers.firstIndex(of: .adam)!].representativeIndex
        let mean = data.targets.sum() / Double(data.count)
        meanPredictionLoss = MeanSquaredError(.half).loss(of: Matrix(rows: data.count, columns: 1, repeating: mean), target: data.targets)
    }

    func outcome(_ optimizer: OptimizerChoice) -> SineFitOutcome { outcomes[optimizers.firstIndex(of: optimizer)!] }

    /// The run of `optimizer` from the seed at `index`.
    func run(_ optimizer: OptimizerChoice, seed index: Int) -> TrainedRun { trained[index][optimizers.firstIndex(of: optimizer)!] }

    var representativeSeed: UInt64 { seeds[representative] }

    /// "seeds 0–19", "seed 5".
    var seedRange: String {
        seeds.count == 1 ? "seed \(seeds[0])" : "seeds \(seeds[0])–\(seeds.last!)"
    }
}
