import ExperimentKit
import Foundation
import Plot

/// The two figures of a sweep: every loss curve, and final loss against learning rate, with
/// what their captions must say about how they were drawn.
struct Figures {
    /// Up to this many rates are named in a legend; more get a colour bar.
    static let legendLimit = 8
    static let curvesFile = "curves.png", finalLossFile = "final-loss.png"
    /// The final-loss figure's colours: completed runs, diverged ones.
    static let completedColor = Palette.color(0), divergedColor = Palette.color(1)

    let runs: [SweepRun]
    let best: SweepRun?
    let problem: Problem
    /// The problem's title, as `ProblemSetup.title` gives it.
    let title: String
    let optimizer: OptimizerChoice
    let steps: Int

    /// Whether the curves' colours are named in a legend (else on a colour bar of log η).
    var curvesHaveLegend: Bool { Self.curvesHaveLegend(runs) }
    static func curvesHaveLegend(_ runs: [SweepRun]) -> Bool { runs.count <= legendLimit }

    var curves: Figure {
        let figure = Figure(width: 1300, height: 820, title: "\(title): \(optimizer.title) at \(runs.count) learning rates")
        let axes = figure[0, 0]
        axes.xLabel = "step (updates made)"
        axes.yLabel = "training \(problem.lossName)"
        // Log steps: runs that diverge within a few steps are visible next to runs that
        // need thousands.
        axes.xScale = .log
        axes.yScale = .log
        let losses = runs.flatMap(\.lossCurve).filter { $0.isFinite && $0 > 0 }
        let firstLosses = runs.compactMap(\.lossCurve.first).filter(\.isFinite)
        if let lowest = losses.min(), let highest = losses.max(), let first = firstLosses.max() {
            // With a diverged run, up to a little above the divergence limit (4× the first
            // loss), so it is seen leaving through the top instead of stretching the axis by decades.
            axes.yLimits = min(lowest, problem.threshold) / 1.5 ... (runs.contains(where: \.diverged) ? first * 6 : max(highest, problem.threshold) * 1.5)
        }
        // From a little below step 1, so that a × for a run that diverged at step 1 shows whole.
        axes.xLimits = 0.85 ... Double(max(steps, 2))
        // Every rate is named: in the legend when there are few, on a colour bar of log η
        // when there are many (twenty legend entries would cover the curves).
        let curves = runs.map { run in
            let curve = run.lossCurve
            return FamilyCurve(x: (1..<max(curve.count, 1)).map(Double.init), y: Array(curve.dropFirst()),
                               value: run.learningRate, style: run.diverged ? .dashed : .solid,
                               note: run.divergedAtStep.map { "diverged at step \($0)" } ?? (run.diverged ? "diverged" : nil))
        }
        let colors = axes.lineFamily(curves, parameter: "η", format: compactNumber, scale: .log,
                                     colorBarLabel: "learning rate η", legendLimit: Self.legendLimit, width: 0.8)
        for (index, run) in runs.enumerated() {
            if let step = run.divergedAtStep, let limits = axes.yLimits {
                // Where it diverged, held inside the panel when the loss left the scale.
                let loss = run.history.stepLosses[step]
                axes.scatter(x: [Double(max(step, 1))], y: [loss.isFinite ? min(loss, limits.upperBound / 1.3) : limits.upperBound / 1.3],
                             color: colors[index], marker: .cross, size: 1.2)
            }
        }
        if !curvesHaveLegend && runs.contains(where: \.diverged) {
            // The colour bar names the rates; the legend says what a dashed curve means.
            axes.line(x: [], y: [], label: "diverged (dashed, × where it stopped)", color: Color(hex: 0x666666), style: .dashed, width: 0.8)
        }
        axes.hline(y: problem.threshold, label: "threshold \(compactNumber(problem.threshold))",
                   color: Color(hex: 0x888888), style: .dotted)
        axes.legendPosition = .lowerLeft
        return figure
    }

    var finalLoss: Figure {
        let figure = Figure(width: 1100, height: 720, title: "\(title): final loss after \(steps) steps, \(optimizer.title)")
        let axes = figure[0, 0]
        axes.xLabel = "learning rate η"
        axes.yLabel = "final training \(problem.lossName)"
        axes.xScale = .log
        axes.yScale = .log
        let completed = runs.filter { !$0.diverged && $0.finalLoss > 0 }
        let diverged = runs.filter(\.diverged)
        let finite = completed.map(\.finalLoss) + [problem.threshold]
        let (lowest, highest) = (finite.min() ?? 1e-3, finite.max() ?? 1)
        // A band above the highest finite loss holds the diverged markers: they have no
        // meaningful loss, only the fact that they diverged.
        let divergedLevel = highest * 4
        axes.yLimits = lowest / 2 ... (diverged.isEmpty ? highest * 2.5 : divergedLevel * 2.5)
        let rates = runs.map(\.learningRate)
        axes.xLimits = rates.min()! / 1.6 ... rates.max()! * 1.6
        if !completed.isEmpty {
            axes.line(x: completed.map(\.learningRate), y: completed.map(\.finalLoss), label: "completed run",
                      color: Self.completedColor, marker: .circle)
        }
        if !diverged.isEmpty {
            axes.scatter(x: diverged.map(\.learningRate), y: diverged.map { _ in divergedLevel },
                         label: "diverged (no final loss)", color: Self.divergedColor, marker: .cross, size: 1.3)
        }
        axes.hline(y: problem.threshold, label: "threshold \(compactNumber(problem.threshold))",
                   color: Color(hex: 0x888888), style: .dotted)
        // Lower left stays empty: small rates have barely moved from the initial loss.
        axes.legendPosition = .lowerLeft
        if let best {
            // The loss is on the y axis already; a short text crosses fewer curve segments.
            axes.annotate("best: η = \(compactNumber(best.learningRate))", x: best.learningRate, y: best.finalLoss)
        }
        return figure
    }
}
