import Backprop
import ExperimentKit
import Foundation

/// One network trained on XOR from one seed: how it ended, read from its outputs at the
/// four corners.
struct XorRun: Sendable {
    let seed: UInt64
    /// p(y = 1) at the four corners, in the data set's order (1,1), (1,0), (0,1), (0,0).
    let outputs: [Double]
    /// The log loss of the final weights (after the last update).
    let finalLoss: Double
    /// The step whose loss stopped the run as diverged, if any.
    let divergedAtStep: Int?
    /// The loss per step, thinned for drawing.
    let curve: (steps: [Double], losses: [Double])
    /// The final weights and biases, in the network's parameter order.
    let parameters: [Matrix<Double>]
    /// Corners whose output gives their target's class (p ≥ ½ is 1).
    let correctCorners: Int
    let outcome: XorOutcome

    /// Trains `network` (freshly built from `seed`) on XOR and reads off how it ended.
    static func train(_ network: Sequential<Double>, seed: UInt64, learningRate: Double, steps: Int,
                      film: FilmRecorder<Double>? = nil) -> (run: XorRun, history: TrainingHistory) {
        let xor = Dataset<Double>.xor()
        let history = AndGateExperiment.fit(network, on: xor, learningRate: learningRate, steps: steps, film: film)
        let predictions = network.forward(xor.inputs)
        let outputs = predictions.elements
        let finalLoss = Double(BinaryCrossEntropy().loss(of: predictions, target: xor.targets))
        let correct = AndGateResults.correct(predictions, xor.targets)
        let run = XorRun(seed: seed, outputs: outputs, finalLoss: finalLoss, divergedAtStep: history.divergedAtStep,
                      curve: AndGateFigures.logThinned(history.stepLosses), parameters: network.parameters.map(\.value),
                      correctCorners: correct,
                      outcome: XorOutcome(outputs: outputs, targets: xor.targets.elements, allCorrect: correct == xor.count,
                                          loss: finalLoss, diverged: history.divergedAtStep != nil))
        return (run, history)
    }

    var solved: Bool { outcome == .solved }
}

/// How a run on XOR ended, told from the outputs at the four corners (not from the loss
/// alone, and not from a list of seeds known to fail).
///
/// A network stuck on a plateau answers its unlearned corners with one shared output, the
/// mean of their targets, which is the best a constant can do for them: four corners at ½
/// (log loss ln 2, the start), three at ⅔ or ⅓ (one corner learned), two at ½ (two learned,
/// ln2/2). `stuck` is how many corners share that output.
enum XorOutcome: Hashable, Sendable, Comparable {
    /// Log loss ≤ 0.05 and every corner on the right side of ½.
    case solved
    /// Every corner right, but the log loss still above 0.05 (a short run).
    case rightButUnsure
    /// `stuck` corners share one output, the mean of their targets; the others are learned.
    case plateau(stuck: Int, sharedOutput: Double)
    /// None of the above: the outputs are still moving.
    case elsewhere
    case diverged

    /// The success threshold on the log loss.
    static let threshold = 0.05
    /// A corner is learned when its output is within this of its target.
    static let learnedTolerance = 0.2
    /// Stuck corners' outputs lie within this of their shared value, which lies within this
    /// of the mean of their targets.
    static let sharedTolerance = 0.05

    /// - Parameters:
    ///   - outputs, targets: p(y = 1) and y at the four corners.
    ///   - allCorrect: whether every corner's output gives its target's class.
    init(outputs: [Double], targets: [Double], allCorrect correct: Bool, loss: Double, diverged: Bool) {
        guard !diverged, loss.isFinite, outputs.allSatisfy(\.isFinite) else { self = .diverged; return }
        if correct && loss <= Self.threshold { self = .solved; return }
        let unlearned = outputs.indices.filter { abs(outputs[$0] - targets[$0]) >= Self.learnedTolerance }
        if unlearned.isEmpty { self = correct ? .rightButUnsure : .elsewhere; return }
        let shared = unlearned.map { outputs[$0] }.reduce(0, +) / Double(unlearned.count)
        let targetMean = unlearned.map { targets[$0] }.reduce(0, +) / Double(unlearned.count)
        let together = unlearned.allSatisfy { abs(outputs[$0] - shared) < Self.sharedTolerance }
        if unlearned.count >= 2 && together && abs(shared - targetMean) < Self.sharedTolerance {
            self = .plateau(stuck: unlearned.count, sharedOutput: targetMean)
        } else {
            self = correct ? .rightButUnsure : .elsewhere
        }
    }

    /// A stable key for metrics.json.
    var key: String {
        switch self {
        case .solved: "solved"
        case .rightButUnsure: "right_but_unsure"
        case .plateau(let stuck, _): "plateau_\(stuck)_stuck"
        case .elsewhere: "elsewhere"
        case .diverged: "diverged"
        }
    }

    /// What happened, for tables and captions.
    var title: String {
        switch self {
        case .solved: "solved: all four right, log loss ≤ \(NumberFormat.automatic.format(Self.threshold))"
        case .rightButUnsure: "all four right, log loss still > \(NumberFormat.automatic.format(Self.threshold))"
        case .plateau(4, _): "never left the start: p = ½ at all four corners"
        case .plateau(let stuck, let shared):
            "\(Self.words[4 - stuck]) corner\(4 - stuck == 1 ? "" : "s") learned, \(Self.words[stuck]) stuck at p = \(Self.fraction(shared))"
        case .elsewhere: "none of these: outputs still moving"
        case .diverged: "diverged"
        }
    }

    /// The log loss a network on this plateau has: the stuck corners at their shared output,
    /// the learned ones exact. Nil for outcomes that are not a single level.
    var plateauLoss: Double? {
        guard case .plateau(let stuck, let shared) = self else { return nil }
        // Which corners are stuck does not matter: by symmetry the stuck ones hold
        // stuck·shared ones among their targets.
        let ones = Int((Double(stuck) * shared).rounded())
        let prediction = Matrix<Double>(rows: 4, columns: 1, elements: Array(repeating: shared, count: stuck) + [0, 0, 0, 0].prefix(4 - stuck))
        let target = Matrix<Double>(rows: 4, columns: 1, elements: Array(repeating: 1, count: ones) + Array(repeating: 0, count: stuck - ones) + [0, 0, 0, 0].prefix(4 - stuck))
        return Double(BinaryCrossEntropy().loss(of: prediction, target: target))
    }

    static let words = ["no", "one", "two", "three", "four"]

    /// ½, ⅓, ⅔ as fractions; other values as decimals.
    static func fraction(_ value: Double) -> String {
        for (number, text) in [(0.5, "½"), (1.0 / 3, "⅓"), (2.0 / 3, "⅔"), (0.25, "¼"), (0.75, "¾")] where abs(value - number) < 1e-9 {
            return text
        }
        return NumberFormat.significant(3).format(value)
    }
}
