import Backprop
import ExperimentKit
import Foundation

/// A single neuron's decision border, the line w₁x₁ + w₂x₂ + b = 0 where p = σ(w·x + b) = ½.
struct LinearBorder {
    let w1: Double, w2: Double, b: Double

    init(_ dense: Linear<Double>) {
        w1 = dense.weight.value[0, 0]
        w2 = dense.weight.value[0, 1]
        b = dense.bias.value[0, 0]
    }

    /// "12.07·x₁ + 12.07·x₂ − 18.28 = 0"
    var equation: String {
        func term(_ value: Double, _ name: String, first: Bool) -> String {
            let number = NumberFormat.fixed(2).format(abs(value)) + name
            return first ? (value < 0 ? "−" : "") + number : (value < 0 ? " − " : " + ") + number
        }
        return term(w1, "·x₁", first: true) + term(w2, "·x₂", first: false) + term(b, "", first: false) + " = 0"
    }

    /// x₂ on the border at `x1`; nil when the border is vertical (or the weights are not finite).
    func x2(at x1: Double) -> Double? {
        guard w2 != 0, w1.isFinite, w2.isFinite, b.isFinite else { return nil }
        return -(w1 * x1 + b) / w2
    }
}

/// Everything the run measured, for the page, the terminal and the figures.
struct AndGateResults {
    let seed: UInt64
    let quick: Bool
    let learningRate: Double, xorLearningRate: Double
    let neuronSteps: Int, xorSteps: Int, printEvery: Int

    // The notebook's AND cell.
    let network: Sequential<Double>
    let dense: Linear<Double>
    let before: Matrix<Double>
    let lossBefore: Double
    let after: Matrix<Double>
    let border: LinearBorder
    let andHistory: TrainingHistory

    // Float-valued AND.
    let floatAnd: Dataset<Double>
    let floatNetwork: Sequential<Double>
    let floatBorder: LinearBorder
    let floatHistory: TrainingHistory

    // XOR over seeds.
    let neuronRuns: [XorRun]
    let hiddenRuns: [XorRun]
    /// The 2-2-1 run drawn and filmed, trained again from its seed.
    let shown: XorRun
    let shownNetwork: Sequential<Double>

    var and: Dataset<Double> { .and() }
    var xor: Dataset<Double> { .xor() }
    var seeds: [UInt64] { hiddenRuns.map(\.seed) }

    /// The log loss of the final weights (after the last update).
    var andFinalLoss: Double { Double(BinaryCrossEntropy().loss(of: after, target: and.targets)) }
    var floatFinalLoss: Double { Double(BinaryCrossEntropy().loss(of: floatNetwork.forward(floatAnd.inputs), target: floatAnd.targets)) }
    var andCorrect: Int { Self.correct(after, and.targets) }
    var floatCorrect: Int { Self.correct(floatNetwork.forward(floatAnd.inputs), floatAnd.targets) }

    /// The loss the notebook's cell prints: every `printEvery` steps, the loss that step computed.
    var printedLosses: [(step: Int, loss: Double)] {
        stride(from: printEvery, through: andHistory.stepLosses.count, by: printEvery).map { ($0, andHistory.stepLosses[$0 - 1]) }
    }

    /// How many rows of `predictions` (one sigmoid column) give their target's class (p ≥ ½ is 1).
    static func correct(_ predictions: Matrix<Double>, _ targets: Matrix<Double>) -> Int {
        zip(classes(of: predictions), classes(of: targets)).filter { $0 == $1 }.count
    }

    // MARK: XOR summaries

    var hiddenSuccesses: Int { hiddenRuns.filter(\.solved).count }
    var hiddenInterval: ClosedRange<Double> { Distribution.wilsonInterval(successes: hiddenSuccesses, of: hiddenRuns.count) }

    /// The 2-2-1 runs grouped by how they ended, in the outcomes' order.
    var hiddenOutcomes: [(outcome: XorOutcome, runs: [XorRun])] {
        Dictionary(grouping: hiddenRuns, by: \.outcome).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The final losses as the distribution figure and tables take them: NaN for a diverged run.
    static func finalLosses(_ runs: [XorRun]) -> [Double] {
        runs.map { $0.outcome == .diverged ? .nan : $0.finalLoss }
    }

    /// The single neuron's largest distance from ½ at any corner, over the runs that did not diverge.
    var neuronLargestDistanceFromHalf: Double? {
        neuronRuns.filter { $0.outcome != .diverged }.flatMap { $0.outputs.map { abs($0 - 0.5) } }.max()
    }
    /// Single-neuron runs whose four outputs all lie within 0.01 of ½.
    var neuronRunsAtHalf: Int {
        neuronRuns.filter { $0.outcome != .diverged && $0.outputs.allSatisfy { abs($0 - 0.5) < 0.01 } }.count
    }
    var neuronDiverged: Int { neuronRuns.filter { $0.outcome == .diverged }.count }
    var neuronSolved: Int { neuronRuns.filter(\.solved).count }

    /// Whether the shown run is the first success (else no seed solved XOR).
    var shownIsSuccess: Bool { shown.solved }
}
