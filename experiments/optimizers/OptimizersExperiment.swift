// experiment-optimizers: notebook 001's question — does Adam learn where plain gradient
// descent struggles? — asked of gradient descent, SGD with momentum and Adam on three
// problems, over many seeds: every optimiser starts from the same initial weights per seed.
import ArgumentParser
import Backprop
import ExperimentKit
import Foundation

@main
struct OptimizersExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment-optimizers",
        abstract: "Compare gradient descent, SGD with momentum and Adam on AND, circles and the sine fit, over many seeds.",
        discussion: """
        For every seed (--seed, --seed + 1, …; --seeds of them) each problem draws its data and \
        initial weights once, and the three optimisers train from those same weights, full \
        batch, so runs of one seed differ only by the update rule. A run succeeds when its \
        loss after the last update is at or below the problem's threshold (AND: log loss 0.05, \
        circles: log loss 0.1, sine fit: ½·MSE 0.005); a run whose loss becomes NaN or exceeds \
        4× its first loss stops and counts as diverged (never as a success).

        Writes final-losses.png and steps-to-threshold.png (one dot per seed, a box per \
        optimiser), and-gate.png, circles.png and sine.png (loss per step for a representative \
        seed), films/circles/ (the circles border while the three optimisers train) and \
        metrics.json. Runs share the cores; every number depends on the seeds and options only.
        """
    )

    static let seedLimit = 1_000, filmFrames = 16

    @OptionGroup var common: ExperimentOptions

    @Option(name: .customLong("seeds"), help: ArgumentHelp("Seeds to run, from --seed on (1 to \(seedLimit); default 20, 3 with --quick).", valueName: "n"))
    var seedCount: Int?

    @Option(help: "Full-batch steps for every problem (default: AND 2,000, circles 5,000, sine 20,000; with --quick 1,000, 500, 1,000).")
    var steps: Int?

    @Option(name: .customLong("lr-gd"), help: "Learning rate of gradient descent (default \(compactNumber(OptimizerChoice.gd.defaultLearningRate))).")
    var learningRateGD: Double?

    @Option(name: .customLong("lr-momentum"), help: "Learning rate of SGD with momentum 0.9 (default \(compactNumber(OptimizerChoice.momentum.defaultLearningRate))).")
    var learningRateMomentum: Double?

    @Option(name: .customLong("lr-adam"), help: "Learning rate of Adam (default \(compactNumber(OptimizerChoice.adam.defaultLearningRate))).")
    var learningRateAdam: Double?

    func validate() throws {
        try OptionCheck.value(seedCount, of: "--seeds", in: 1...Self.seedLimit)
        try OptionCheck.value(steps, of: "--steps", in: 1...OptionCheck.maximumSteps)
        for (flag, rate) in [("--lr-gd", learningRateGD), ("--lr-momentum", learningRateMomentum), ("--lr-adam", learningRateAdam)] {
            try OptionCheck.value(rate, of: flag, in: OptionCheck.learningRates)
        }
    }

    var seeds: [UInt64] { SeedSweep.seeds(from: common.seed, count: seedCount ?? (common.quick ? 3 : 20)) }

    func learningRate(for optimizer: OptimizerChoice) -> Double {
        let chosen: Double? = switch optimizer {
        case .gd: learningRateGD
        case .momentum: learningRateMomentum
        case .adam: learningRateAdam
        }
        return chosen ?? optimizer.defaultLearningRate
    }

    func steps(for problem: Problem) -> Int { steps ?? problem.defaultSteps(quick: common.quick) }

    func run() throws {
        let output = try common.outputDirectory(for: "optimizers")
        let seeds = self.seeds
        let problems: [Problem] = [.andGate, .circles, .sine]
        let optimizers = OptimizerChoice.allCases
        let rates = Dictionary(uniqueKeysWithValues: optimizers.map { ($0, learningRate(for: $0)) })
        let steps = Dictionary(uniqueKeysWithValues: problems.map { ($0, self.steps(for: $0)) })

        // Each seed draws every problem's data and initial weights once; the three optimisers
        // start from them.
        let setups = try seeds.map { seed in try problems.map { try ProblemSetup($0, seed: seed) } }
        // One task per seed × problem × optimiser, the longest problems first so that the
        // cores finish together.
        let jobs = problems.sorted { steps[$0]! > steps[$1]! }.flatMap { problem in
            seeds.indices.flatMap { seed in optimizers.map { (seed: seed, problem: problem, optimizer: $0) } }
        }
        let start = Date()
        let progress = ProgressBar("training", total: jobs.count)
        let results = parallelMap(count: jobs.count, progress: progress) { index in
            let (seed, problem, optimizer) = jobs[index]
            let setup = setups[seed][problems.firstIndex(of: problem)!]
            let film = problem == .circles ? FilmRecorder<Double>(frames: Self.filmFrames, totalSteps: steps[problem]!) : nil
            let run = setup.train(optimizer, learningRate: rates[optimizer]!, steps: steps[problem]!, film: film)
            return TrainedRun(summary: RunSummary(run, threshold: problem.threshold), curve: LossCurve(run),
                              filmFrames: film?.frames(losses: run.history))
        }
        progress.finish()
        let seconds = Date().timeIntervalSince(start)

        func result(_ seed: Int, _ problem: Problem, _ optimizer: OptimizerChoice) -> TrainedRun {
            results[jobs.firstIndex { $0 == (seed, problem, optimizer) }!]
        }
        let comparison = Comparison(
            seeds: seeds, problems: problems, optimizers: optimizers, learningRates: rates, steps: steps,
            runs: Dictionary(uniqueKeysWithValues: problems.map { problem in
                (problem, Dictionary(uniqueKeysWithValues: optimizers.map { optimizer in
                    (optimizer, seeds.indices.map { result($0, problem, optimizer).summary })
                }))
            }))

        // The figures of one seed per problem: the most typical one (Comparison.representativeSeedIndex).
        let shown = Dictionary(uniqueKeysWithValues: problems.map { ($0, comparison.representativeSeedIndex(for: $0)) })
        let figures = Figures(comparison: comparison, shownSeed: shown, setups: Dictionary(uniqueKeysWithValues: problems.map { problem in
            (problem, setups[shown[problem]!][problems.firstIndex(of: problem)!])
        }), curves: Dictionary(uniqueKeysWithValues: problems.map { problem in
            (problem, Dictionary(uniqueKeysWithValues: optimizers.map { ($0, result(shown[problem]!, problem, $0).curve) }))
        }))
        try figures.writeDistributions(to: output)
        for problem in problems { try figures.lossCurves(problem).writePNG(to: output.file(Figures.curvesFile(problem))) }
        let film = try figures.writeCircleFilm(optimizers.map { (optimizer: $0, frames: result(shown[.circles]!, .circles, $0).filmFrames!) },
                                               to: output)

        let report = OptimizersReport(comparison: comparison, shownSeed: shown, setups: figures.setups, quick: common.quick)
        var document = report.document(film: film.film)
        document["circles_film"] = .object([
            "seed": .of(seeds[shown[.circles]!]),
            "steps": .array(film.film.frames.map { .integer($0.step) }),
            "losses": .object(Dictionary(uniqueKeysWithValues: film.losses.map { ($0.key.rawValue, JSONValue.of($0.value)) })),
        ])
        print(report.terminalTable.rendered)
        // The conclusion is Markdown; the terminal gets it without the bold marks.
        print("\n" + document.conclusion!.source.replacingOccurrences(of: "**", with: ""))
        // Wall-clock time is printed, not recorded, so metrics.json is identical for a seed.
        print("\n\(jobs.count) trainings in \(formatFixed(seconds, decimals: 2)) s")
        let written = try document.write(to: output)
        try output.commit()
        print("wrote \(written.path)")
    }
}

/// One task's result.
struct TrainedRun: Sendable {
    let summary: RunSummary
    let curve: LossCurve
    /// The circles runs' snapshots at the film's steps, with their losses.
    let filmFrames: [(snapshot: FilmRecorder<Double>.Snapshot, loss: Double)]?
}
