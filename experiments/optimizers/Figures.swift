import Backprop
import ExperimentKit
import Foundation
import Plot

/// The figures: the seeds' final losses and steps to the threshold (one panel per problem),
/// the loss curves of each problem's representative seed, and the film of the circles border.
struct Figures {
    let comparison: Comparison
    /// Index into `comparison.seeds` of the seed each problem's curves (and the film) show.
    let shownSeed: [Problem: Int]
    /// The shown seed's data and initial weights, per problem.
    let setups: [Problem: ProblemSetup]
    /// The shown seed's loss curves.
    let curves: [Problem: [OptimizerChoice: LossCurve]]

    static let distributionFiles = ["final-losses.png", "steps-to-threshold.png"]
    static func curvesFile(_ problem: Problem) -> String { "\(problem.rawValue).png" }
    static let filmName = "circles"

    /// One colour per optimiser in every figure, and a dash for momentum so that the curves
    /// stay apart in greyscale.
    static func color(_ optimizer: OptimizerChoice) -> Color {
        switch optimizer {
        case .gd: Palette.color(0)
        case .momentum: Palette.color(2)
        case .adam: Palette.color(1)
        }
    }

    static func style(_ optimizer: OptimizerChoice) -> LineStyle { optimizer == .momentum ? .dashed : .solid }

    var optimizers: [OptimizerChoice] { comparison.optimizers }
    func rate(_ optimizer: OptimizerChoice) -> String { compactNumber(comparison.learningRates[optimizer]!) }

    func writeDistributions(to output: OutputDirectory) throws {
        try finalLosses.writePNG(to: output.file(Self.distributionFiles[0]))
        try stepsToThreshold.writePNG(to: output.file(Self.distributionFiles[1]))
    }

    var finalLosses: Figure {
        let problems = comparison.problems
        let figure = Figure(width: 1500, height: 640, columns: problems.count,
                            title: "Final loss of each of \(comparison.seeds.count) seeds, every optimiser from the same initial weights per seed")
        for (column, problem) in problems.enumerated() {
            let axes = figure[0, column]
            axes.title = "\(problem.name), \(NumberFormat.integer.format(Double(comparison.steps[problem]!))) steps"
            axes.yLabel = "\(problem.lossName) after the last step"
            axes.yScale = Self.scale(for: optimizers.flatMap { comparison.outcome(problem, $0).finalLosses.sorted } + [problem.threshold])
            axes.distributions(optimizers.map { optimizer in
                ValueGroup(name: "\(optimizer.shortTitle) η \(rate(optimizer))", values: comparison.outcome(problem, optimizer).finalLosses.values,
                           color: Self.color(optimizer))
            }, threshold: problem.threshold, thresholdLabel: "success: ≤ \(compactNumber(problem.threshold))")
            axes.legendPosition = .best
        }
        return figure
    }

    var stepsToThreshold: Figure {
        let problems = comparison.problems
        let figure = Figure(width: 1500, height: 640, columns: problems.count,
                            title: "Steps until the loss first reached the threshold: one dot per run that reached it, of \(comparison.seeds.count) seeds")
        for (column, problem) in problems.enumerated() {
            let axes = figure[0, column]
            axes.title = "\(problem.name): \(problem.lossName) ≤ \(compactNumber(problem.threshold))"
            axes.yLabel = "steps to the threshold"
            axes.yScale = Self.scale(for: optimizers.flatMap { comparison.outcome(problem, $0).stepsToThreshold.sorted })
            axes.distributions(optimizers.map { optimizer in
                ValueGroup(name: optimizer.shortTitle, values: comparison.outcome(problem, optimizer).stepsToThreshold.values,
                           color: Self.color(optimizer))
            })
            if optimizers.allSatisfy({ comparison.outcome(problem, $0).reachedThreshold == 0 }) {
                // An empty panel would look like a drawing error.
                let steps = Double(max(comparison.steps[problem]!, 10))
                axes.yScale = .log
                axes.xLimits = -0.5...Double(optimizers.count) - 0.5
                axes.yLimits = 1...steps
                axes.text("no run reached \(compactNumber(problem.threshold)) in \(NumberFormat.integer.format(steps)) steps", x: -0.3, y: steps.squareRoot())
            }
        }
        return figure
    }

    /// Log when the values span more than a decade; within one, a log axis would show one
    /// tick or none, so linear.
    static func scale(for values: [Double]) -> Scale {
        let positive = values.filter { $0 > 0 && $0.isFinite }
        guard let low = positive.min(), let high = positive.max() else { return .log }
        return high / low > 10 ? .log : .linear
    }

    func lossCurves(_ problem: Problem) -> Figure {
        let seed = comparison.seeds[shownSeed[problem]!]
        let steps = comparison.steps[problem]!
        let figure = Figure(width: 1200, height: 720,
                            title: "\(problem.title) · seed \(seed): loss per step from the same initial weights")
        let axes = figure[0, 0]
        axes.xLabel = "step (updates made)"
        axes.yLabel = problem.lossName
        // Log steps: the first hundred steps, where the optimisers part, get as much room as the last thousands.
        axes.xScale = .log
        axes.yScale = .log
        // From a little below step 1, so that a × for a run that diverged at step 1 shows whole.
        axes.xLimits = 0.85...Double(max(steps, 2))
        let finite = curves[problem]!.values.flatMap(\.losses).filter { $0.isFinite && $0 > 0 }
        let anyDiverged = optimizers.contains { comparison.runs(problem, $0)[shownSeed[problem]!].diverged }
        if let low = finite.min(), let high = finite.max(), let first = curves[problem]!.values.compactMap(\.losses.first).filter(\.isFinite).max() {
            // With a diverged run, up to a little above the divergence limit (4× the first
            // loss), so it leaves through the top instead of stretching the axis by decades.
            axes.yLimits = min(low, problem.threshold) / 1.5 ... (anyDiverged ? first * 6 : max(high, problem.threshold) * 1.5)
        }
        for optimizer in optimizers {
            let curve = curves[problem]![optimizer]!
            let run = comparison.runs(problem, optimizer)[shownSeed[problem]!]
            let note = run.divergedAtStep.map { ", diverged at step \($0)" } ?? ""
            let shown = curve.steps.indices.filter { curve.steps[$0] >= 1 }
            axes.line(x: shown.map { curve.steps[$0] }, y: shown.map { curve.losses[$0] }, label: "\(optimizer.title), η = \(rate(optimizer))\(note)",
                      color: Self.color(optimizer), style: Self.style(optimizer), width: 1.2)
            if let step = run.divergedAtStep, let limits = axes.yLimits, let loss = curve.losses.last {
                axes.scatter(x: [Double(max(step, 1))], y: [loss.isFinite ? min(loss, limits.upperBound / 1.3) : limits.upperBound / 1.3],
                             color: Self.color(optimizer), marker: .cross, size: 1.4)
            }
        }
        axes.hline(y: problem.threshold, label: "threshold \(compactNumber(problem.threshold))", color: Color(hex: 0x777777), style: .dotted)
        axes.legendPosition = .lowerLeft
        return figure
    }

    /// The circles border of the shown seed at the film's steps, one panel per optimiser.
    /// Returns the film and, per optimiser, the loss each frame shows (a diverged run's frames
    /// after its divergence show the loss it diverged on).
    func writeCircleFilm(_ tracks: [(optimizer: OptimizerChoice, frames: [(snapshot: FilmRecorder<Double>.Snapshot, loss: Double)])],
                         to output: OutputDirectory) throws -> (film: ExperimentDocument.Film, losses: [OptimizerChoice: [Double]]) {
        let index = shownSeed[.circles]!
        let setup = setups[.circles]!
        let data = setup.data
        // Every track gets a frame at every step; a run that diverged keeps its last state,
        // drawn as stopped, with the loss it diverged on.
        let steps = tracks.max { $0.frames.count < $1.frames.count }!.frames.map(\.snapshot.step)
        let padded = tracks.map { track -> TrainingFilm<Double>.Track in
            let run = comparison.runs(.circles, track.optimizer)[index]
            let frames = steps.indices.map { k -> (snapshot: FilmRecorder<Double>.Snapshot, loss: Double) in
                if k < track.frames.count { return track.frames[k] }
                var snapshot = track.frames.last!.snapshot
                snapshot.step = steps[k]
                return (snapshot, run.divergedLoss ?? .nan)
            }
            return TrainingFilm<Double>.Track(name: track.optimizer.shortTitle, frames: frames)
        }
        let stoppedAt = Dictionary(uniqueKeysWithValues: tracks.map { ($0.optimizer.shortTitle, comparison.runs(.circles, $0.optimizer)[index].divergedAtStep) })
        var film = TrainingFilm<Double>(name: Self.filmName, title: "The circles border while gradient descent, momentum and Adam train (seed \(comparison.seeds[index]))",
                                        lossLabel: Problem.circles.lossName)
        // Tall enough for the titles above a square plot: a circle should look round.
        film.panelWidth = 480
        film.panelHeight = 560
        let network = setup.makeNetwork()
        let inside = (0..<data.count).filter { data.targets[$0, 0] == 1 }, outside = (0..<data.count).filter { data.targets[$0, 0] != 1 }
        let range = -1.15...1.15
        let written = try film.write(padded, to: output) { axes, panel in
            axes.xLimits = range
            axes.yLimits = range
            axes.legendPosition = .hidden
            axes.showGrid = false
            if let stopped = stoppedAt[panel.name] ?? nil, panel.step > stopped {
                axes.text("diverged at step \(stopped): training stopped", x: -1.0, y: 0)
            } else {
                network.load(panel.snapshot)
                let field = DecisionField(model: network, x: range, y: range, resolution: 90)
                axes.heatmap(x: field.x, y: field.y, values: field.values, colorMap: .blueWhiteRed, range: 0...1,
                             colorBarLabel: "p(inside)", showColorBar: false)
                axes.contour(x: field.x, y: field.y, values: field.values, level: 0.5, color: .black, width: 1.6)
                if let stopped = stoppedAt[panel.name] ?? nil, panel.step == stopped {
                    axes.text("diverged at this step: training stopped", x: -1.0, y: 0, color: .white)
                }
            }
            // White and black stand out on both ends of the blue-white-red field.
            axes.scatter(x: outside.map { data.inputs[$0, 0] }, y: outside.map { data.inputs[$0, 1] },
                         color: .white, marker: .circle, size: 0.55)
            axes.scatter(x: inside.map { data.inputs[$0, 0] }, y: inside.map { data.inputs[$0, 1] },
                         color: .black, marker: .triangle, size: 0.6)
        }
        return (written, Dictionary(uniqueKeysWithValues: zip(tracks.map(\.optimizer), padded.map { $0.frames.map(\.loss) })))
    }
}

extension OptimizerChoice {
    /// The optimiser's name where space is short: panel and group labels.
    var shortTitle: String {
        switch self {
        case .gd: "gradient descent"
        case .momentum: "momentum"
        case .adam: "Adam"
        }
    }
}
