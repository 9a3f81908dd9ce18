import ExperimentKit
import Foundation
import Plot

/// The two figures of a sweep: every loss curve, and final loss against learning rate.
struct SweepPlots {
    let runs: [SweepRun]
    let best: SweepRun?
    let problem: Problem
    let optimizer: OptimizerChoice
    let steps: Int

    /// Colour by rank of the rate along viridis, low rates dark; stopping short of the
    /// pale-yellow end keeps the highest rate visible on white.
    private func color(_ index: Int) -> Color {
        ColorMap.viridis.color(at: runs.count > 1 ? 0.9 * Double(index) / Double(runs.count - 1) : 0)
    }

    var curves: Figure {
        let figure = Figure(width: 1300, height: 820, title: "\(problem.title): \(optimizer.title) at \(runs.count) learning rates")
        let axes = figure[0, 0]
        axes.xLabel = "step"
        axes.yLabel = "training loss"
        // Log steps: runs that diverge within a few steps are visible next to runs that
        // need thousands.
        axes.xScale = .log
        axes.yScale = .log
        let losses = runs.flatMap(\.history.stepLosses).filter { $0.isFinite && $0 > 0 }
        let firstLosses = runs.compactMap(\.history.stepLosses.first).filter(\.isFinite)
        if let lowest = losses.min(), let highest = firstLosses.max() {
            // Up to a little above the divergence limit (4× the first loss), so a diverging
            // run is seen leaving through the top instead of stretching the axis by decades.
            axes.yLimits = lowest / 1.5 ... highest * 6
        }
        axes.xLimits = 1 ... Double(max(steps, 2))
        // With up to 20 curves a full legend would cover the data: label every other rate
        // (and the last), which with the ordered palette is enough to read any curve's rate,
        // and every diverged run, which the reader most needs to identify.
        for (index, run) in runs.enumerated() {
            let labelled = index % 2 == 0 || index == runs.count - 1 || run.diverged
            let label = "η = \(compactNumber(run.learningRate))" + (run.diverged ? " (diverged)" : "")
            axes.line(x: run.history.stepLosses.indices.map { Double($0 + 1) }, y: run.history.stepLosses,
                      label: labelled ? label : nil, color: color(index), style: run.diverged ? .dashed : .solid,
                      width: 0.8)
            if let step = run.divergedAtStep, let limits = axes.yLimits {
                // Where it diverged, held inside the panel when the loss left the scale.
                let loss = run.history.stepLosses[step]
                axes.scatter(x: [Double(step + 1)], y: [loss.isFinite ? min(loss, limits.upperBound / 1.3) : limits.upperBound / 1.3],
                             color: color(index), marker: .cross, size: 1.2)
            }
        }
        axes.hline(y: problem.threshold, label: "threshold \(compactNumber(problem.threshold))",
                   color: Color(hex: 0x888888), style: .dotted)
        axes.legendPosition = .lowerLeft
        return figure
    }

    var finalLoss: Figure {
        let figure = Figure(width: 1100, height: 720, title: "\(problem.title): final loss after \(steps) steps, \(optimizer.title)")
        let axes = figure[0, 0]
        axes.xLabel = "learning rate η"
        axes.yLabel = "final training loss"
        axes.xScale = .log
        axes.yScale = .log
        let completed = runs.filter { !$0.diverged && $0.finalLoss.isFinite && $0.finalLoss > 0 }
        let diverged = runs.filter(\.diverged)
        let finite = completed.map(\.finalLoss) + [problem.threshold]
        let (lowest, highest) = (finite.min() ?? 1e-3, finite.max() ?? 1)
        // A band above the highest finite loss holds the diverged markers: they have no
        // meaningful loss, only the fact that they diverged.
        let divergedLevel = highest * 4
        axes.yLimits = lowest / 2 ... (diverged.isEmpty ? highest * 2.5 : divergedLevel * 2.5)
        let rates = runs.map(\.learningRate)
        axes.xLimits = rates.min()! / 1.6 ... rates.max()! * 1.6
        axes.line(x: completed.map(\.learningRate), y: completed.map(\.finalLoss), label: "completed run",
                  color: Palette.color(0), marker: .circle)
        if !diverged.isEmpty {
            axes.scatter(x: diverged.map(\.learningRate), y: diverged.map { _ in divergedLevel },
                         label: "diverged (loss off the scale)", color: Palette.color(1), marker: .cross, size: 1.3)
        }
        axes.hline(y: problem.threshold, label: "threshold \(compactNumber(problem.threshold))",
                   color: Color(hex: 0x888888), style: .dotted)
        // Lower left stays empty: small rates have barely moved from the initial loss.
        axes.legendPosition = .lowerLeft
        if let best {
            // The loss is on the y axis already; a short text crosses fewer curve segments.
            axes.annotate("best: η = \(compactNumber(best.learningRate))",
                          x: best.learningRate, y: best.finalLoss)
        }
        return figure
    }
}
