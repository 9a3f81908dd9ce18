import Backprop
import ExperimentKit
import Foundation
import Plot

/// The figures, the film and the network diagram: the sweep's distributions over every
/// seed, and the representative seed's fit, losses, film and trained network.
struct SineFitFigures {
    let sweep: SineFitSweep
    /// Notebook 001's network for a seed; the figures load saved parameters into it.
    let makeNetwork: (UInt64) -> Sequential<Double>

    /// At most this many seeds get a panel in fits.png.
    static let fitPanels = 20
    /// The input the diagram shows: the first hump's peak, where the target is 1.
    static let diagramInput = 0.125

    static func color(_ optimizer: OptimizerChoice) -> Color { Palette.color(optimizer == .gd ? 0 : 1) }

    private var grid: [Double] { (0...400).map { Double($0) / 400 } }
    private var target: [Double] { grid.map { pow(sin(4 * Double.pi * $0), 2) } }
    private var threshold: Double { sweep.threshold }

    /// The network a run ended with.
    func network(_ run: TrainedRun) -> Sequential<Double> {
        let network = makeNetwork(run.outcome.seed)
        network.load(parameterValues: run.finalParameters)
        return network
    }

    /// Writes every figure but the diagram and the film; returns their file names.
    func writeAll(to output: OutputDirectory) throws -> [String] {
        let figures: [(String, Figure)] = [
            ("fit.png", fitFigure()), ("loss.png", lossFigure()), ("final-losses.png", finalLossesFigure()),
            ("steps-to-threshold.png", stepsFigure()), ("loss-curves.png", lossCurvesFigure()), ("fits.png", fitsFigure()),
        ]
        for (file, figure) in figures { try figure.writePNG(to: output.file(file)) }
        return figures.map(\.0)
    }

    // MARK: The representative seed

    func fitFigure() -> Figure {
        let seed = sweep.representativeSeed
        let figure = Figure(width: 1200, height: 760, title: "Seed \(seed): the fits after \(NumberFormat.integer.format(Double(sweep.steps))) steps, from the same initial weights")
        let axes = figure[0, 0]
        axes.xLabel = "x"
        axes.yLabel = "y"
        drawTarget(axes)
        let input = Matrix<Double>(rows: grid.count, columns: 1, elements: grid)
        for optimizer in sweep.optimizers {
            let run = sweep.run(optimizer, seed: sweep.representative)
            axes.line(x: grid, y: network(run).forward(input).elements,
                      label: "\(optimizer.title), η = \(NumberFormat.compact.format(sweep.outcome(optimizer).learningRate)): \(summary(run))",
                      color: Self.color(optimizer), width: 2.5)
        }
        axes.yLimits = -0.15...1.35
        axes.legendPosition = .upperLeft
        return figure
    }

    func lossFigure() -> Figure {
        let figure = Figure(width: 1200, height: 760, title: "Seed \(sweep.representativeSeed): training loss, same initial weights")
        let axes = figure[0, 0]
        axes.xLabel = "updates (log scale)"
        axes.yLabel = "½·MSE"
        axes.xScale = .log
        axes.yScale = .log
        for optimizer in sweep.optimizers {
            let curve = sweep.run(optimizer, seed: sweep.representative).lossCurve
            axes.line(x: curve.steps.map(Double.init), y: curve.losses, label: optimizer.title, color: Self.color(optimizer), width: 2)
        }
        referenceLines(axes)
        return figure
    }

    // MARK: Every seed

    func finalLossesFigure() -> Figure {
        let figure = Figure(width: 1000, height: 760, title: "Final ½·MSE of every run (\(sweep.seedRange), \(NumberFormat.integer.format(Double(sweep.steps))) steps)")
        let axes = figure[0, 0]
        axes.yScale = .log
        axes.yLabel = "final ½·MSE (log scale)"
        axes.distributions(sweep.optimizers.map { optimizer in
            ValueGroup(name: "\(optimizer.title), η = \(NumberFormat.compact.format(sweep.outcome(optimizer).learningRate))",
                       values: sweep.outcome(optimizer).runs.map(\.finalLoss), color: Self.color(optimizer))
        }, threshold: threshold, thresholdLabel: "success: ½·MSE ≤ \(NumberFormat.compact.format(threshold))")
        axes.hline(y: sweep.meanPredictionLoss, label: "predicting the mean: \(NumberFormat.significant(3).format(sweep.meanPredictionLoss))",
                   color: Color(hex: 0x888888), style: .dotted)
        return figure
    }

    func stepsFigure() -> Figure {
        let figure = Figure(width: 1000, height: 760, title: "Updates until ½·MSE first fell below \(NumberFormat.compact.format(threshold)), successful runs")
        let axes = figure[0, 0]
        axes.yScale = .log
        axes.yLabel = "updates (log scale)"
        axes.distributions(sweep.optimizers.map { optimizer in
            ValueGroup(name: optimizer.title, values: sweep.outcome(optimizer).stepsToThreshold.values, color: Self.color(optimizer))
        })
        axes.hline(y: Double(sweep.steps), label: "end of the run (\(NumberFormat.integer.format(Double(sweep.steps))) updates)",
                   color: Color(hex: 0x888888), style: .dotted)
        axes.yLimits = 1...Double(max(sweep.steps, 10)) * 2
        return figure
    }

    func lossCurvesFigure() -> Figure {
        let figure = Figure(width: 1800, height: 760, rows: 1, columns: 2,
                            title: "½·MSE of every run (\(sweep.seedRange)), coloured by how it ended")
        let positive = sweep.trained.joined().flatMap(\.lossCurve.losses).filter { $0 > 0 && $0.isFinite }
        let limits = (positive.min() ?? 1e-4) / 1.5 ... (positive.max() ?? 1) * 1.5
        for (panel, optimizer) in sweep.optimizers.enumerated() {
            let axes = figure[0, panel]
            let outcome = sweep.outcome(optimizer)
            axes.title = "\(optimizer.title), η = \(NumberFormat.compact.format(outcome.learningRate)): \(outcome.successes) of \(outcome.seeds) ≤ \(NumberFormat.compact.format(threshold))"
            axes.xLabel = "updates (log scale)"
            axes.yLabel = panel == 0 ? "½·MSE (log scale)" : nil
            axes.xScale = .log
            axes.yScale = .log
            axes.yLimits = limits
            let endings = sweep.seeds.indices.map { RunEnding(sweep.run(optimizer, seed: $0).outcome, threshold: threshold) }
            // The legend names the endings that occur, best first: empty lines carry the labels,
            // so that the curves can be drawn failures first and the successes on top.
            for ending in RunEnding.allCases where endings.contains(ending) {
                axes.line(x: [], y: [], label: ending.label(threshold: threshold), color: ending.color,
                          style: ending == .diverged ? .dashed : .solid, width: 1.5)
            }
            let order = sweep.seeds.indices.sorted { (endings[$0].rawValue, $0) > (endings[$1].rawValue, $1) }
            for index in order where index != sweep.representative {
                let run = sweep.run(optimizer, seed: index)
                axes.line(x: run.lossCurve.steps.map(Double.init), y: run.lossCurve.losses, color: endings[index].color,
                          style: endings[index] == .diverged ? .dashed : .solid, width: 1.2)
            }
            let shown = sweep.run(optimizer, seed: sweep.representative)
            axes.line(x: shown.lossCurve.steps.map(Double.init), y: shown.lossCurve.losses,
                      label: "seed \(sweep.representativeSeed), the figures' seed", color: Color(hex: 0x1A1A1A), width: 2.2)
            referenceLines(axes)
            axes.legendPosition = .lowerLeft
        }
        return figure
    }

    func fitsFigure() -> Figure {
        let shown = min(sweep.seeds.count, Self.fitPanels)
        let columns = min(shown, 5), rows = (shown + columns - 1) / columns
        let which = sweep.seeds.count > shown ? "the first \(shown) of \(sweep.seeds.count) seeds" : "every seed"
        let figure = Figure(width: 1800, height: 120 + 320 * rows, rows: rows, columns: columns,
                            title: "The fits of \(which) after \(NumberFormat.integer.format(Double(sweep.steps))) steps: gradient descent (blue) and Adam (orange), with the humps each fitted")
        // Twenty panels side by side: smaller text keeps their titles apart.
        figure.textScale = 0.9
        let input = Matrix<Double>(rows: grid.count, columns: 1, elements: grid)
        for index in 0..<shown {
            let axes = figure[index / columns, index % columns]
            let runs = sweep.optimizers.map { sweep.run($0, seed: index) }
            axes.title = "seed \(sweep.seeds[index]) · GD \(shortHumps(runs[0].outcome)), Adam \(shortHumps(runs[1].outcome))"
            axes.line(x: grid, y: target, color: Color(hex: 0x777777), style: .dotted, width: 1.5)
            for (optimizer, run) in zip(sweep.optimizers, runs) {
                axes.line(x: grid, y: network(run).forward(input).elements, color: Self.color(optimizer), width: 2)
            }
            axes.xLimits = 0...1
            axes.yLimits = -0.1...1.25
        }
        return figure
    }

    /// "4", "diverged": the humps of a panel title.
    private func shortHumps(_ run: SineFitRun) -> String { run.diverged ? "diverged" : String(run.humpCount) }

    // MARK: Film and diagram

    /// Gradient descent and Adam side by side in each frame, at the same log-spaced steps.
    func film(to output: OutputDirectory) throws -> ExperimentDocument.Film {
        let seed = sweep.representativeSeed
        let network = makeNetwork(seed)
        let input = Matrix<Double>(rows: grid.count, columns: 1, elements: grid)
        let tracks = sweep.optimizers.map { optimizer in
            TrainingFilm<Double>.Track(name: optimizer.title, frames: sweep.run(optimizer, seed: sweep.representative).frames)
        }
        let gd = sweep.run(.gd, seed: sweep.representative), adam = sweep.run(.adam, seed: sweep.representative)
        let lastStep = tracks[0].frames.last?.snapshot.step ?? 0
        let caption: Markdown = "\(tracks[0].frames.count) frames from step 0 to \(lastStep) on a log scale of steps. Watch the humps appear one at a time as the loss falls from plateau to plateau; after the last frame gradient descent's ½·MSE is \(gd.outcome.finalLoss, format: .scientific(1)) with \(humps(gd.outcome)), Adam's \(adam.outcome.finalLoss, format: .scientific(1)) with \(humps(adam.outcome))."
        var film = TrainingFilm<Double>(name: "sine", title: "Seed \(seed): gradient descent and Adam fitting sin²(4πx)", lossLabel: "½·MSE", caption: caption)
        film.panelWidth = 560
        return try film.write(tracks, to: output) { axes, panel in
            network.load(panel.snapshot)
            axes.line(x: grid, y: target, label: "target", color: Color(hex: 0x777777), style: .dotted, width: 1.5)
            axes.scatter(x: sweep.data.inputs.elements, y: sweep.data.targets.elements, color: Color(hex: 0x555555), size: 0.45)
            axes.line(x: grid, y: network.forward(input).elements, label: panel.name,
                      color: Self.color(sweep.optimizers[panel.track]), width: 2.5)
            axes.xLimits = 0...1
            axes.yLimits = -0.1...1.3
            axes.xLabel = "x"
            axes.legendPosition = .hidden
        }
    }

    /// The representative seed's network after Adam, at work on x = 0.125.
    func diagram() throws -> (figure: Figure, diagram: NetworkDiagram) {
        let run = sweep.run(.adam, seed: sweep.representative)
        let x = Self.diagramInput, y = pow(sin(4 * Double.pi * x), 2)
        let diagram = try NetworkDiagram(network(run), input: Matrix([[x]]), loss: MeanSquaredError(.half), target: Matrix([[y]]),
                                         digits: 3, inputNames: ["x"])
        let figure = diagram.figure(title: "Seed \(sweep.representativeSeed), trained by Adam: one forward and backward pass at x = \(NumberFormat.compact.format(x)), the first hump's peak")
        return (figure, diagram)
    }

    // MARK: Pieces

    private func drawTarget(_ axes: Axes) {
        axes.line(x: grid, y: target, label: "target sin²(4πx)", color: Color(hex: 0x666666), style: .dotted, width: 2)
        axes.scatter(x: sweep.data.inputs.elements, y: sweep.data.targets.elements, label: "\(sweep.data.count) training points",
                     color: Color(hex: 0x555555), size: 0.6)
    }

    private func referenceLines(_ axes: Axes) {
        axes.hline(y: sweep.meanPredictionLoss, label: "predicting the mean (\(NumberFormat.significant(3).format(sweep.meanPredictionLoss)))",
                   color: Color(hex: 0x888888), style: .dotted)
        axes.hline(y: threshold, label: "success: ≤ \(NumberFormat.compact.format(threshold))", color: Color(hex: 0x555555), style: .dashed)
    }

    /// "½·MSE 7.6e-4, 4 humps" or "diverged at step 12".
    private func summary(_ run: TrainedRun) -> String {
        if let step = run.outcome.divergedAtStep { return "diverged at step \(step)" }
        return "½·MSE \(NumberFormat.scientific(1).format(run.outcome.finalLoss)), \(humps(run.outcome))"
    }

    /// "4 humps", "1 hump", "diverged".
    func humps(_ run: SineFitRun) -> String {
        run.diverged ? "diverged" : "\(run.humpCount) hump\(run.humpCount == 1 ? "" : "s")"
    }
}
