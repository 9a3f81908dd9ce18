// sweep-lr: notebook 003's exercise "experiment with the learning rate and iterations" —
// one problem, one optimiser, many learning rates, every run from the same initial weights,
// trained in parallel on all cores.
import ArgumentParser
import Backprop
import ExperimentKit
import Foundation

@main
struct SweepLearningRate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep-lr",
        abstract: "Train one problem at many learning rates from the same initial weights, in parallel.",
        discussion: """
        Every learning rate starts from the weights the seed gives, trains full-batch for \
        the same number of steps, and runs on its own core. A run whose loss becomes NaN or \
        more than 4× its first loss is stopped and reported as diverged; the others go on. \
        The best rate is the one with the lowest loss after the last step among the rates \
        that did not diverge. Writes curves.png (loss per step for every rate), \
        final-loss.png (final loss against the learning rate, diverged rates marked, the \
        best annotated) and metrics.json. The numbers depend only on the seed and the \
        options, not on thread scheduling.
        """
    )

    @OptionGroup var common: ExperimentOptions

    @Option(help: "The problem to train: and-gate (notebook 003's), circles, sine or mnist.")
    var problem: Problem = .circles

    @Option(help: "The optimiser: gd, momentum (SGD with momentum 0.9) or adam.")
    var optimizer: OptimizerChoice = .gd

    @Option(help: ArgumentHelp("Comma-separated learning rates (default: 20 log-spaced values from 1e-4 to 10; for MNIST from 1e-2 to 1e3).",
                               valueName: "lr,lr,…"))
    var lrs: String?

    @Option(help: "Full-batch steps per run (default: the problem's own — AND 2,000, circles 5,000, sine 20,000, MNIST 50; with --quick 1,000, 500, 1,000, 5).")
    var steps: Int?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("MNIST's directory for --problem mnist (default: $BACKPROP_DATA_DIR, else data/mnist; `make data` fetches it).", valueName: "dir"))
    var dataDirectory: String?

    func validate() throws {
        try OptionCheck.value(steps, of: "--steps", in: 1...OptionCheck.maximumSteps)
        try OptionCheck.values(try learningRates(), of: "--lrs", in: OptionCheck.learningRates)
        // The data files must be there before any work; reading them waits for run().
        if problem == .mnist { _ = try MNISTFiles.locate(.mnist, explicitDirectory: dataDirectory) }
    }

    /// The rates to try, ascending, as given or the default log-spaced grid.
    func learningRates() throws -> [Double] {
        guard let lrs else {
            return logSpaced(from: problem.learningRateRange.lowerBound, to: problem.learningRateRange.upperBound, count: 20)
        }
        let rates = try lrs.split(separator: ",").map { text -> Double in
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard let rate = Double(trimmed), rate > 0, rate.isFinite else {
                throw ValidationError("--lrs: '\(trimmed)' is not a positive number")
            }
            return rate
        }
        guard !rates.isEmpty else { throw ValidationError("--lrs: give at least one learning rate") }
        guard Set(rates).count == rates.count else { throw ValidationError("--lrs: a learning rate is listed twice") }
        return rates.sorted()
    }

    func run() throws {
        // The data first: a file that cannot be used stops the run before the output folder is touched.
        let setup = try ProblemSetup(problem, seed: common.seed, dataDirectory: dataDirectory)
        let output = try common.outputDirectory(for: "sweep-lr")
        let rates = try learningRates()
        let steps = self.steps ?? problem.defaultSteps(quick: common.quick)
        let (optimizer, threshold) = (self.optimizer, problem.threshold)
        print("\(setup.title), \(optimizer.title), \(steps) full-batch steps, seed \(common.seed)\n")
        print(setup.makeNetwork())

        // Every rate from the same initial weights: setup.train builds the network from them,
        // then fits it (zero the gradients, forward, loss, backward, step) for `steps` steps.
        let start = Date()
        let progress = ProgressBar("\(problem.rawValue) × \(optimizer.rawValue), runs", total: rates.count)
        let runs = parallelMap(count: rates.count, progress: progress) { index in
            SweepRun(learningRate: rates[index], run: setup.train(optimizer, learningRate: rates[index], steps: steps),
                     threshold: threshold)
        }
        progress.finish()
        let seconds = Date().timeIntervalSince(start)

        let best = SweepRun.best(of: runs)
        let figures = Figures(runs: runs, best: best, problem: problem, title: setup.title, optimizer: optimizer, steps: steps)
        try figures.curves.writePNG(to: output.file(Figures.curvesFile))
        try figures.finalLoss.writePNG(to: output.file(Figures.finalLossFile))
        let report = SweepReport(runs: runs, best: best, setup: setup, optimizer: optimizer, steps: steps, seed: common.seed,
                                 defaultRates: lrs == nil, quick: common.quick)
        let document = report.document
        print("\n" + report.terminalTable.rendered)
        // The conclusion is Markdown; the terminal gets it without the bold marks.
        print("\n" + document.conclusion!.source.replacingOccurrences(of: "**", with: ""))
        // Timings are printed, never recorded: metrics.json must be byte-identical for a seed.
        print("\n\(runs.count) run\(runs.count == 1 ? "" : "s") in \(formatFixed(seconds, decimals: 2)) s on \(ProcessInfo.processInfo.activeProcessorCount) cores")
        let written = try document.write(to: output)
        try output.commit()
        print("wrote \(written.path)")
    }
}

/// `count` values from `lower` to `upper` (both included), evenly spaced in log scale.
func logSpaced(from lower: Double, to upper: Double, count: Int) -> [Double] {
    guard count > 1 else { return [lower] }
    let a = log10(lower), b = log10(upper)
    return (0..<count).map { pow(10, a + (b - a) * Double($0) / Double(count - 1)) }
}
