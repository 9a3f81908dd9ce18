// experiment-optimizers: gradient descent, SGD with momentum and Adam on the three course
// problems, each optimiser starting from the same initial weights, full batches.
import ArgumentParser
import Backprop
import ExperimentKit
import Foundation
import Plot

struct OptimizersExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment-optimizers",
        abstract: "Compare gradient descent, SGD with momentum and Adam on AND, circles and the sine fit.",
        discussion: """
        For each problem the network is initialised once from the seed and every optimiser \
        starts from those same weights, so the curves differ only by the update rule. \
        Training is full-batch. Writes <problem>.png (loss per step, log scale, with the \
        problem's threshold) and metrics.json with the final loss and the steps needed to \
        reach the threshold for every problem × optimiser.
        """
    )

    @OptionGroup var common: ExperimentOptions

    @Option(help: "Full-batch steps for every problem (default: the problem's own, fewer with --quick).")
    var steps: Int?

    @Option(name: .customLong("lr-gd"), help: "Learning rate of gradient descent (default \(OptimizerChoice.gd.defaultLearningRate)).")
    var learningRateGD: Double?

    @Option(name: .customLong("lr-momentum"), help: "Learning rate of SGD with momentum 0.9 (default \(OptimizerChoice.momentum.defaultLearningRate)).")
    var learningRateMomentum: Double?

    @Option(name: .customLong("lr-adam"), help: "Learning rate of Adam (default \(OptimizerChoice.adam.defaultLearningRate)).")
    var learningRateAdam: Double?

    func validate() throws {
        try OptionCheck.value(steps, of: "--steps", in: 1...OptionCheck.maximumSteps)
        for (flag, rate) in [("--lr-gd", learningRateGD), ("--lr-momentum", learningRateMomentum), ("--lr-adam", learningRateAdam)] {
            try OptionCheck.value(rate, of: flag, in: OptionCheck.learningRates)
        }
    }

    func learningRate(for optimizer: OptimizerChoice) -> Double {
        let override: Double? = switch optimizer {
        case .gd: learningRateGD
        case .momentum: learningRateMomentum
        case .adam: learningRateAdam
        }
        return override ?? optimizer.defaultLearningRate
    }

    func run() throws {
        let output = try common.outputDirectory(for: "optimizers")
        var metrics = Metrics(experiment: "optimizers",
                              title: "Optimisers: gradient descent, momentum and Adam from the same start",
                              description: "Full-batch training of the AND gate, the circles and the sin²(4πx) fit with three optimisers; within a problem every optimiser starts from identical initial weights.")
        let optimizers = OptimizerChoice.allCases
        let problems = Problem.small
        // One task per problem × optimiser; they are independent, so they share the cores.
        let jobs = problems.flatMap { problem in optimizers.map { (problem, $0) } }
        let setups = Dictionary(uniqueKeysWithValues: try problems.map { ($0, try ProblemSetup($0, seed: common.seed)) })
        let stepsFor = Dictionary(uniqueKeysWithValues: problems.map { ($0, steps ?? $0.defaultSteps(quick: common.quick)) })
        let rates = Dictionary(uniqueKeysWithValues: optimizers.map { ($0, learningRate(for: $0)) })

        let start = Date()
        let progress = ProgressBar("training", total: jobs.count)
        let histories = parallelMap(count: jobs.count, progress: progress) { index in
            let (problem, optimizer) = jobs[index]
            return setups[problem]!.train(optimizer, learningRate: rates[optimizer]!, steps: stepsFor[problem]!)
        }
        progress.finish()
        let seconds = Date().timeIntervalSince(start)

        var table = TextTable("problem", "optimizer", "lr", "final loss", "steps to threshold")
        var results: [String: JSONValue] = [:]
        for problem in problems {
            let figure = Figure(width: 1200, height: 750, title: problem.title)
            let axes = figure[0, 0]
            axes.xLabel = "step"
            axes.yLabel = problem == .sine ? "½·MSE" : "binary cross-entropy"
            axes.yScale = .log
            var perOptimizer: [String: JSONValue] = [:]
            for (index, optimizer) in optimizers.enumerated() {
                let history = histories[jobs.firstIndex { $0 == (problem, optimizer) }!]
                let finalLoss = history.finalLoss ?? .nan
                let reached = history.stepsToReach(problem.threshold)
                table.append(problem.rawValue, optimizer.rawValue, compactNumber(rates[optimizer]!),
                             scientific(finalLoss) + (history.diverged ? " (diverged)" : ""),
                             reached.map(String.init) ?? "never")
                var entry: [String: JSONValue] = [
                    "learning_rate": .number(rates[optimizer]!),
                    "final_loss": .number(finalLoss),
                    "steps_to_threshold": reached.map { .integer($0) } ?? .string("never"),
                    "diverged": .bool(history.diverged),
                ]
                if case .diverged(let step, _) = history.status { entry["diverged_at_step"] = .integer(step) }
                perOptimizer[optimizer.rawValue] = .object(entry)
                // Line styles as well as colours, so the curves stay apart in greyscale.
                let styles: [LineStyle] = [.solid, .dashed, .solid]
                axes.line(y: history.stepLosses,
                          label: "\(optimizer.title), η = \(compactNumber(rates[optimizer]!))",
                          color: Palette.color(index), style: styles[index], width: index == 2 ? 1.2 : 1)
            }
            axes.hline(y: problem.threshold, label: "threshold \(compactNumber(problem.threshold))")
            let file = "\(problem.rawValue).png"
            try figure.writePNG(to: output.file(file))
            metrics.figures.append((file, "\(problem.title): loss per step for each optimiser from the same initial weights, \(stepsFor[problem]!) full-batch steps; dashed grey line: the threshold \(compactNumber(problem.threshold)) used for steps-to-threshold."))
            results[problem.rawValue] = .object(perOptimizer)
            metrics["steps_\(problem.rawValue)"] = .integer(stepsFor[problem]!)
        }

        print(table.rendered)
        // Wall-clock time is printed, not recorded, so metrics.json is identical for a seed.
        print("\n\(jobs.count) trainings in \(formatFixed(seconds, decimals: 2)) s")
        metrics["results"] = .object(results)
        metrics["seed"] = .of(common.seed)
        metrics["quick"] = .bool(common.quick)
        let written = try metrics.write(to: output)
        try output.commit()
        print("wrote \(written.path)")
    }
}

OptimizersExperiment.main()
